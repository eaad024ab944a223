/*
 * The give form's amount: with script, the presets and the free field never disagree. Typing an amount unticks the
 * presets, picking a preset empties the field. Without script both can be sent, and a typed amount wins.
 */
(() => {
  const typed = document.getElementById('field-otherAmount');
  if (!typed) return;
  const presets = Array.from(document.querySelectorAll('input[name="amount"]'));
  typed.addEventListener('input', () => {
    if (typed.value.trim() === '') return;
    for (const preset of presets) preset.checked = false;
  });
  for (const preset of presets) {
    preset.addEventListener('change', () => {
      if (preset.checked) typed.value = '';
    });
  }
})();

/* Niceties only: every page works without this script. "Copy the link" on share boxes. */
document.addEventListener('click', (event) => {
  const button = event.target.closest?.('[data-copy]');
  if (!button) return;
  const input = document.getElementById(button.getAttribute('data-copy'));
  if (!input || !navigator.clipboard) return;
  navigator.clipboard.writeText(input.value).then(() => {
    button.textContent = button.getAttribute('data-copied') || button.textContent;
  });
});
for (const button of document.querySelectorAll('[data-copy]')) button.hidden = !navigator.clipboard;

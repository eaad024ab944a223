/* The give form's tax certificate: hides the details until the box is ticked; without script they stay visible. */
(() => {
  const box = document.getElementById('field-taxCertificate');
  const details = document.getElementById('tax-certificate-details');
  if (!box || !details) return;
  const sync = () => {
    details.hidden = !box.checked;
  };
  box.addEventListener('change', sync);
  sync();
})();

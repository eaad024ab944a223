/*
 * The give form's "cover the payment costs" box: shows the exact amount to add for the amount and method chosen,
 * and the total, as they change. The rule is the kernel's `coveredFeeCents` (libs/kernel/src/fees.ts), written again
 * here only to show it: the server computes the amount itself from the box, and a browser test holds the two equal.
 */
(() => {
  const box = document.getElementById('field-coverFees');
  const label = document.getElementById('cover-fees-label');
  const total = document.getElementById('cover-fees-total');
  if (!box || !label || !total) return;
  const fees = JSON.parse(box.dataset.fees || '{}');
  const money = new Intl.NumberFormat(box.dataset.locale, { style: 'currency', currency: 'EUR' });
  const euros = (cents) => money.format(`${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`);
  const field = box.closest('.field');
  const typed = document.getElementById('field-otherAmount');

  /** The smallest charge T with T − (fixed + rate × T) ≥ gift, in integers: the gift arrives whole. */
  const covered = (giftCents, estimate) => {
    const numerator = (giftCents + estimate.fixedCents) * 10000;
    const denominator = 10000 - estimate.basisPoints;
    let charge = Math.ceil(numerator / denominator);
    while (charge * denominator < numerator) charge += 1;
    while ((charge - 1) * denominator >= numerator) charge -= 1;
    return charge - giftCents;
  };

  /** The amount the form will send, in cents: a typed one wins (as on the server), plain "12" or "12,50" only. */
  const giftCents = () => {
    const text = (typed?.value || '').replace(/€|eur(o)?/gi, '').trim();
    if (text !== '') {
      const match = /^(\d{1,6})(?:[.,](\d{1,2}))?$/.exec(text);
      return match ? Number(match[1]) * 100 + Number((match[2] || '0').padEnd(2, '0')) : undefined;
    }
    const preset = document.querySelector('input[name="amount"]:checked');
    return preset ? Number(preset.value) : undefined;
  };

  const sync = () => {
    const method = document.querySelector('input[name="method"]:checked')?.value;
    const estimate = method ? fees[method] : undefined;
    const gift = giftCents();
    // no fee for this method: nothing to cover, the box goes (and is not sent)
    if (field) field.hidden = estimate === undefined;
    box.disabled = estimate === undefined;
    if (estimate === undefined || gift === undefined || gift < 1) {
      label.textContent = label.dataset.template.replace('{amount}', '…');
      total.textContent = '';
      return;
    }
    const cents = covered(gift, estimate);
    label.textContent = label.dataset.template.replace('{amount}', euros(cents));
    total.textContent = box.checked ? total.dataset.template.replace('{amount}', euros(gift + cents)) : '';
  };
  for (const input of document.querySelectorAll('input[name="amount"], input[name="method"], #field-coverFees')) {
    input.addEventListener('change', sync);
  }
  typed?.addEventListener('input', sync);
  sync();
})();

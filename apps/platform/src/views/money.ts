// The one money formatter for people is the kernel's (Intl per language); views import it from here or from there.
export { formatMoney } from '@rw/kernel';

import { type Language, LOCALE } from '@rw/kernel';

const compactFormats = new Map<Language, Intl.NumberFormat>();

/** A rounded amount for where space is short (a chart's labels), never for a figure a person acts on: `€ 1,2K`. */
export function formatMoneyCompact(cents: number, language: Language): string {
  let format = compactFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[language], {
      style: 'currency',
      currency: 'EUR',
      notation: 'compact',
      maximumFractionDigits: 1,
    });
    compactFormats.set(language, format);
  }
  return format.format(cents / 100);
}

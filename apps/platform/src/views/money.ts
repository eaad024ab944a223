import { type Language, LOCALE } from '@rw/kernel';

const formats = new Map<Language, Intl.NumberFormat>();

/** An amount in integer cents as a person of that language writes euros: `€ 483.300,97`, `483 300,97 €`, `€483,300.97`. */
export function formatMoney(cents: number, language: Language): string {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: 'EUR' });
    formats.set(language, format);
  }
  return format.format(cents / 100);
}

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

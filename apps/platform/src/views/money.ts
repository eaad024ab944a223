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

import { type Language, LOCALE } from '@rw/kernel';

const formats = new Map<Language, Intl.DateTimeFormat>();

/**
 * A calendar day (YYYY-MM-DD, e.g. a Brussels day) as a person of that language writes it: `7 december 2026`,
 * `7 décembre 2026`, `December 7, 2026`. The day is already the day meant: no time zone moves it.
 */
export function formatDay(day: string, language: Language): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a day: ${day}`);
  let format = formats.get(language);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALE[language], { dateStyle: 'long', timeZone: 'UTC' });
    formats.set(language, format);
  }
  const written = format.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))));
  // French writes the first of the month as an ordinal ("1er mai"); Intl does not
  return language === 'fr' && match[3] === '01' ? written.replace(/^1 /, '1er ') : written;
}

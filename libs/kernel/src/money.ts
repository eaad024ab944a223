import { DEFAULT_LANGUAGE, LANGUAGES, LOCALE, type Language } from './language';

/**
 * Money is integer cents everywhere; this file is the one place where cents meet the text people read and type.
 * File formats for outside parties (Belcotax, CODA, CSV exports, payment providers) keep their own edge format.
 */

/** The exact decimal text of an amount ("-1234.50"): Intl formats it without a detour through floating point. */
function decimal(cents: number): `${number}` {
  if (!Number.isSafeInteger(cents)) throw new RangeError(`an amount is a whole number of cents, not ${cents}`);
  const abs = Math.abs(cents);
  return `${cents < 0 ? '-' : ''}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}` as `${number}`;
}

const currencyFormats = Object.fromEntries(
  LANGUAGES.map((language) => [
    language,
    new Intl.NumberFormat(LOCALE[language], { style: 'currency', currency: 'EUR' }),
  ]),
) as Record<Language, Intl.NumberFormat>;

/** An amount as a person reads it in their language: NL "€ 483.300,97", FR "483 300,97 €", EN "€483,300.97". */
export function formatMoney(cents: number, language: Language = DEFAULT_LANGUAGE): string {
  return currencyFormats[language].format(decimal(cents));
}

/**
 * An amount to put back in a form field, without currency or thousands: "12,50" (NL, FR) or "12.50" (EN), and
 * "250" when it is whole euros. `parseMoney` reads it back to the same cents.
 */
export function moneyInputText(cents: number, language: Language = DEFAULT_LANGUAGE): string {
  const [whole, rest] = decimal(cents).split('.');
  if (rest === '00') return whole;
  return `${whole}${language === 'en' ? '.' : ','}${rest}`;
}

const numberFormats = Object.fromEntries(
  LANGUAGES.map((language) => [language, new Intl.NumberFormat(LOCALE[language], { maximumFractionDigits: 2 })]),
) as Record<Language, Intl.NumberFormat>;

/** A number such as a distance, to two decimals at most, as a person reads it: "22,5" (NL, FR), "22.5" (EN). */
export function formatNumber(value: number, language: Language = DEFAULT_LANGUAGE): string {
  return numberFormats[language].format(value);
}

/** "1234.50 EUR": the amount in the English messages of the JSON API and the logs (DomainError messages). */
export function messageEuros(cents: number): string {
  return `${decimal(cents)} EUR`;
}

/**
 * The highest target a walker or a team may set: EUR 1,000,000. Far above any walk's record, low enough that a
 * typing slip (an amount pasted twice, cents typed as euros) is refused instead of shown as a goal no one reaches.
 */
export const TARGET_MAX_CENTS = 100_000_000;

/** Why a typed amount is not one; the edge says it in the person's language. */
export type MoneyTextProblem = 'empty' | 'negative' | 'too_many_decimals' | 'too_large' | 'unreadable';

export type ParsedMoney = { ok: true; cents: number } | { ok: false; problem: MoneyTextProblem };

/** The currency as people write it before or after the number: "€ 20", "20 €", "20 EUR", "20 euros". */
const CURRENCY = /^(?:€|eur(?:o|os)?)\s*|\s*(?:€|eur(?:o|os)?)$/gi;
/** Any kind of space: a pasted amount may hold no-break spaces (U+00A0, U+202F), as Intl writes them. */
const SPACES = /[\s\u00a0\u202f]/g;
/** 999,999,999,999.99 EUR: far above any gift, and well inside the integers a double holds exactly. */
const MAX_WHOLE_DIGITS = 12;

/**
 * An amount as a person types it, to cents without floating point: "25", "25,5", "25.50", "€ 20", "20,-",
 * "1.250" (1,250 EUR), "1 250", "1.250,75". Thousands come in groups of three after a dot or a space, so "1.250"
 * is 1,250 euro and "12.50" is 12 euro 50; "12 50" is not read at all. A comma before three digits ("1,250") is
 * refused as ambiguous rather than guessed. Whether the amount is allowed (a minimum, a maximum) is the caller's rule.
 */
export function parseMoney(text: string): ParsedMoney {
  const bare = text
    .trim()
    .replace(CURRENCY, '')
    .replace(/[.,]-{1,2}$/, '')
    .replace(SPACES, ' ')
    .trim();
  if (bare === '') return { ok: false, problem: 'empty' };
  if (/^[-−]/.test(bare)) return { ok: false, problem: 'negative' };
  if (/^\d+[.,]\d{3,}$/.test(bare) && !/^\d{1,3}(?:[. ]\d{3})+$/.test(bare)) {
    return { ok: false, problem: 'too_many_decimals' };
  }
  const match = /^(\d{1,3}(?:([. ])\d{3})(?:\2\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(bare);
  if (!match) return { ok: false, problem: 'unreadable' };
  // "1.250.5" or "1 250.5" would mix a thousands dot with a decimal dot: ambiguous
  if (match[2] === '.' && bare.charAt(match[1].length) === '.') return { ok: false, problem: 'unreadable' };
  const digits = match[1].replace(/[. ]/g, '').replace(/^0+(?=\d)/, '');
  if (digits.length > MAX_WHOLE_DIGITS) return { ok: false, problem: 'too_large' };
  return { ok: true, cents: Number(digits) * 100 + Number((match[3] ?? '0').padEnd(2, '0')) };
}

/** The cents of a typed amount, or undefined when it is not one (for callers that only need yes or no). */
export function centsOf(text: string): number | undefined {
  const parsed = parseMoney(text);
  return parsed.ok ? parsed.cents : undefined;
}

/**
 * Covering the fees: a donor may add to their gift what the payment provider is estimated to keep of it, so that
 * the charity receives the whole gift. The estimate is per payment method, a fixed part and a share of the amount
 * charged (`0.25+1.4%`), configured by the organisers (FEE_ESTIMATES); the covered amount is computed here only.
 */

/** A provider's fee for one payment method: `fixedCents` plus `basisPoints` hundredths of a percent of the charge. */
export interface FeeEstimate {
  fixedCents: number;
  /** 1.4 % is 140 basis points. */
  basisPoints: number;
}

/** Fee estimates by payment method (bancontact, ideal, creditcard, sepa …). */
export type FeeEstimates = Readonly<Record<string, FeeEstimate>>;

/** Sanity bounds of a configured estimate: beyond them the setting is surely a typo. */
export const FEE_MAX_FIXED_CENTS = 500;
export const FEE_MAX_BASIS_POINTS = 1000;

/**
 * What to add to a gift of `giftCents` so that, once the provider has taken its fee on the whole charge, the gift
 * itself arrives: the charge T is the smallest whole number of cents with T − (fixed + rate × T) ≥ gift, that is
 * T = ⌈(gift + fixed) / (1 − rate)⌉, and the covered part is T − gift. Rounded up to the cent (never short by a
 * cent), computed in integers (no floating point).
 */
export function coveredFeeCents(giftCents: number, estimate: FeeEstimate): number {
  if (!Number.isSafeInteger(giftCents) || giftCents < 0) {
    throw new RangeError(`a gift is a whole number of cents, not ${giftCents}`);
  }
  const numerator = (giftCents + estimate.fixedCents) * 10_000;
  const denominator = 10_000 - estimate.basisPoints;
  // the smallest T with T × denominator ≥ numerator; the float quotient only gives the start, the products
  // (exact integers below 2^53) decide
  let totalCents = Math.ceil(numerator / denominator);
  while (totalCents * denominator < numerator) totalCents += 1;
  while ((totalCents - 1) * denominator >= numerator) totalCents -= 1;
  return totalCents - giftCents;
}

const AMOUNT = String.raw`\d{1,3}(?:\.\d{1,2})?`;
// method=fixed, method=percent% or method=fixed+percent%
const ENTRY = new RegExp(
  String.raw`^([a-z][a-z_]*)\s*=\s*(?:(${AMOUNT})|(${AMOUNT})\s*%|(${AMOUNT})\s*\+\s*(${AMOUNT})\s*%)$`,
);

/**
 * Reads `bancontact=0.39, creditcard=0.25+1.8%, ideal=0.29, sepa=1%`: per method a fixed part in euros (at most two
 * decimals), a share in percent (at most two decimals), or both joined by `+`. Throws a sentence naming the entry
 * that cannot be read; a method given twice is an error too.
 */
export function parseFeeEstimates(text: string): FeeEstimates {
  const estimates: Record<string, FeeEstimate> = {};
  const entries = text
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
  if (entries.length === 0) throw new Error('no fee estimate: write method=fixed+percent%, such as bancontact=0.39');
  for (const entry of entries) {
    const match = ENTRY.exec(entry);
    if (!match) {
      throw new Error(
        `"${entry}" is not a fee estimate: write method=fixed, method=percent% or method=fixed+percent%, such as creditcard=0.25+1.8%`,
      );
    }
    const [, method, fixedOnly, percentOnly, fixedPart, percentPart] = match;
    const fixed = fixedOnly ?? fixedPart;
    const percent = percentOnly ?? percentPart;
    if (method in estimates) throw new Error(`the fee of ${method} is given twice`);
    const fixedCents = fixed === undefined ? 0 : hundredths(fixed);
    const basisPoints = percent === undefined ? 0 : hundredths(percent);
    if (fixedCents > FEE_MAX_FIXED_CENTS) throw new Error(`the fixed fee of ${method} is more than 5.00 euro`);
    if (basisPoints > FEE_MAX_BASIS_POINTS) throw new Error(`the fee of ${method} is more than 10 %`);
    estimates[method] = { fixedCents, basisPoints };
  }
  return estimates;
}

/** "1.4" → 140, "0.25" → 25, "3" → 300: a decimal text with at most two decimals, in hundredths, exactly. */
function hundredths(text: string): number {
  const [whole, rest = ''] = text.split('.');
  return Number(whole) * 100 + Number(rest.padEnd(2, '0'));
}

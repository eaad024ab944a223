/**
 * Belgian social security identification numbers, the two a tax certificate (attest 281.71, zone 2.11) accepts:
 * the national register number (rijksregisternummer / numéro de registre national) and the BIS number given to
 * people not in the national register. Both are 11 digits: YYMMDD (birth date), 3 digits (order), 2 check digits.
 * The check is 97 − (first 9 digits mod 97); for people born from 2000 on it is computed over "2" followed by the
 * first 9 digits, which is only possible when that year is not in the future. A BIS number adds 20 (sex unknown)
 * or 40 (sex known) to the month. A month or day of 0, or a day past the month's end, means the date was not
 * known when the number was given and is accepted; a month outside 1..12 (after taking off 20 or 40) is not.
 * These are the rules of python-stdnum's be.nn, be.bis and be.ssn, whose verdicts the tests check vector by vector.
 */
export type SocialSecurityNumberKind = 'national_number' | 'bis';

/** The 11 digits of a valid national register or BIS number, or null. Dots, dashes and spaces may separate them. */
export function parseNationalNumber(input: string, today: Date = new Date()): string | null {
  return parseSocialSecurityNumber(input, today)?.digits ?? null;
}

export function isNationalNumber(input: string, today: Date = new Date()): boolean {
  return parseNationalNumber(input, today) !== null;
}

/** Which of the two numbers it is, with its digits; null when it is neither. */
export function parseSocialSecurityNumber(
  input: string,
  today: Date = new Date(),
): { digits: string; kind: SocialSecurityNumberKind } | null {
  if (!/^[\d\s.-]+$/.test(input)) return null;
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{11}$/.test(digits) || /^0+$/.test(digits)) return null;
  const century = checkedCentury(digits, today.getUTCFullYear());
  if (century === null) return null;
  const month = Number(digits.slice(2, 4));
  if (month <= 12) return { digits, kind: 'national_number' };
  // BIS: month + 20 or + 40; 13 + 20 = 33 and 13 + 40 = 53 are no months at all
  if ((month >= 20 && month <= 32) || (month >= 40 && month <= 52)) return { digits, kind: 'bis' };
  return null;
}

/** 1900 or 2000 when the check digits are right for someone born in that century, else null. */
function checkedCentury(digits: string, currentYear: number): 1900 | 2000 | null {
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  if (97 - Number(BigInt(body) % 97n) === check) return 1900;
  const bornIn2000s = 2000 + Number(digits.slice(0, 2));
  if (bornIn2000s <= currentYear && 97 - Number(BigInt(`2${body}`) % 97n) === check) return 2000;
  return null;
}

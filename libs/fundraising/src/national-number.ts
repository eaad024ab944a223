/**
 * Belgian national register number (rijksregisternummer / numéro de registre national): 11 digits, YYMMDD
 * (birth date), 3 digits (order), 2 check digits. The check is 97 − (first 9 digits mod 97); for people born
 * from 2000 on it is computed over "2" followed by the first 9 digits (source: the Rijksregister's rules, as
 * used by every Belgian e-government validator).
 */
export function parseNationalNumber(input: string): string | null {
  // formatted input such as 85.07.30-033.28 or with spaces: keep the digits only
  if (!/^[\d\s.-]+$/.test(input)) return null;
  const digits = input.replace(/[\s.-]/g, '');
  if (!/^\d{11}$/.test(digits)) return null;
  const body = digits.slice(0, 9);
  const check = Number(digits.slice(9));
  const bornBefore2000 = 97 - Number(BigInt(body) % 97n) === check;
  const bornFrom2000 = 97 - Number(BigInt(`2${body}`) % 97n) === check;
  return bornBefore2000 || bornFrom2000 ? digits : null;
}

export function isNationalNumber(input: string): boolean {
  return parseNationalNumber(input) !== null;
}

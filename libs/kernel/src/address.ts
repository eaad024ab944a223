/** A postal address as a tax certificate needs it (attest 281.71, Belcotax zones 2.15 to 2.17 and 2.112). */
export interface PostalAddress {
  street: string;
  postalCode: string;
  city: string;
  /** Two-letter ISO code; empty or absent is Belgium. */
  country?: string;
}

export const STREET_MAX_LENGTH = 200;
export const CITY_MAX_LENGTH = 100;

export type AddressProblem =
  | 'missing'
  | 'too_long'
  | 'not_a_postal_code'
  | 'not_a_belgian_postal_code'
  | 'not_a_country';

/** A foreign postal code as it is written: letters, digits, spaces and hyphens. */
const POSTAL_CODE = /^[A-Za-z0-9 -]{3,10}$/;
/** A Belgian postal code is 4 digits (Belcotax zone 2.16); a foreign one goes in zone 2.112 as it is. */
const BELGIAN_POSTAL_CODE = /^\d{4}$/;

/** A postal code as written anywhere (its Belgian form is checked with the country, by `addressProblems`). */
export const isPostalCode = (text: string): boolean => POSTAL_CODE.test(text);

/** A two-letter country code (ISO 3166-1 alpha-2 shape), in either case. */
export const isCountryCode = (text: string): boolean => /^[A-Za-z]{2}$/.test(text);

/** An address trimmed, its country in capitals ("" when none is given). */
export function tidyAddress(address: Partial<PostalAddress>): Required<PostalAddress> {
  return {
    street: address.street?.trim() ?? '',
    postalCode: address.postalCode?.trim() ?? '',
    city: address.city?.trim() ?? '',
    country: (address.country?.trim() ?? '').toUpperCase(),
  };
}

/**
 * What is wrong with a (tidied) address, per field; empty when nothing is. The country is checked for its shape
 * here; whether Belcotax knows it is the tax certificate's rule.
 */
export function addressProblems(
  address: Required<PostalAddress>,
): Partial<Record<keyof PostalAddress, AddressProblem>> {
  const problems: Partial<Record<keyof PostalAddress, AddressProblem>> = {};
  if (address.street === '') problems.street = 'missing';
  else if (address.street.length > STREET_MAX_LENGTH) problems.street = 'too_long';
  if (address.postalCode === '') problems.postalCode = 'missing';
  else if (!isPostalCode(address.postalCode)) problems.postalCode = 'not_a_postal_code';
  else if ((address.country === '' || address.country === 'BE') && !BELGIAN_POSTAL_CODE.test(address.postalCode)) {
    problems.postalCode = 'not_a_belgian_postal_code';
  }
  if (address.city === '') problems.city = 'missing';
  else if (address.city.length > CITY_MAX_LENGTH) problems.city = 'too_long';
  if (address.country !== '' && !isCountryCode(address.country)) problems.country = 'not_a_country';
  return problems;
}

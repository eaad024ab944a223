import { incomeYearRules } from './income-years';

export type CertificateDetail = 'nationalNumber' | 'address';

/**
 * The details a donor has yet to give before a certificate of `year` can be issued: the one rule read at the
 * checkout (the API and the give page) and by finance's list of who qualifies. An address from the years it is
 * printed; a national register or BIS number from the year it is required (tolerated missing before that).
 */
export function missingCertificateDetails(
  donor: { address?: unknown; nationalNumber?: string },
  year: number,
): CertificateDetail[] {
  const rules = incomeYearRules(year);
  return [
    ...(donor.nationalNumber || rules.nationalNumber !== 'required' ? [] : (['nationalNumber'] as const)),
    ...(donor.address || !rules.addressRequired ? [] : (['address'] as const)),
  ];
}

/** A certificate issued without the national number, which the year still tolerates: finance asks the donor. */
export function certificateWithoutNationalNumber(donor: { nationalNumber?: string }, year: number): boolean {
  return !donor.nationalNumber && incomeYearRules(year).nationalNumber === 'tolerated';
}

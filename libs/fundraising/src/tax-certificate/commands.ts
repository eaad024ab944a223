import type { CertifiedDonor } from './events';

/** A donor whose qualifying gifts in the year reach the minimum, with the amount to certify. */
export interface QualifyingDonor {
  donorKey: string;
  donor: CertifiedDonor;
  amountCents: number;
}

/**
 * Issue the year's certificates for these donors (all who qualify now). Donors already certified for the same
 * amount are left alone; a changed amount cancels the old certificate and issues a correction.
 */
export interface IssueTaxCertificates {
  type: 'IssueTaxCertificates';
  year: number;
  donors: QualifyingDonor[];
  at: string;
}

export type TaxCertificateCommand = IssueTaxCertificates;

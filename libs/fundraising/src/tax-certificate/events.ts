import type { DomainEvent } from '@rw/event-store';
import type { DonorAddress } from '../donation/events';

/**
 * Who a certificate is for, as printed on it. Personal data (GDPR): everything personal of an event sits under
 * its `donor` key, so that it can be encrypted per donor and erased (crypto-shredding).
 */
export interface CertifiedDonor {
  name: string;
  /** Zone 2.13 of the Belcotax record; absent on certificates of donors who only gave one name (see `splitName`). */
  surname?: string;
  /** Zone 2.114. */
  firstNames?: string;
  email: string;
  address?: DonorAddress;
  nationalNumber?: string;
}

/**
 * A tax certificate (attest 281.71) for one donor and one income year. `number` is the year's sequence number:
 * uninterrupted from 1, never changed or reused once issued (DESIGN.md section 6).
 */
export type TaxCertificateIssued = DomainEvent<
  'TaxCertificateIssued',
  {
    year: number;
    number: number;
    donorKey: string;
    donor: CertifiedDonor;
    amountCents: number;
    /** The number of the certificate this one corrects, when it is a correction. */
    corrects?: number;
    issuedAt: string;
  }
>;

/** A certificate that no longer holds (the donor's qualifying amount changed): replaced by a new one. */
export type TaxCertificateCancelled = DomainEvent<
  'TaxCertificateCancelled',
  { year: number; number: number; donorKey: string; reason: string; cancelledAt: string }
>;

export type TaxCertificateEvent = TaxCertificateIssued | TaxCertificateCancelled;

export const taxCertificateEventTypes: readonly TaxCertificateEvent['type'][] = [
  'TaxCertificateIssued',
  'TaxCertificateCancelled',
];

export const taxCertificatesStream = (year: number) => `tax-certificates-${year}`;

/** Gifts of 40.00 EUR or more in a year give a tax reduction (DESIGN.md section 6). */
export const TAX_CERTIFICATE_MINIMUM_CENTS = 4000;
export const TAX_YEAR_MIN = 2000;
export const TAX_YEAR_MAX = 2100;

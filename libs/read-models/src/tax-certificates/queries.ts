import type { DatabaseSync } from 'node:sqlite';
import {
  type CertificateDetail,
  certificateWithoutNationalNumber,
  missingCertificateDetails,
  TAX_CERTIFICATE_MINIMUM_CENTS,
} from '@rw/fundraising';

/** A donor's qualifying gifts in one income year, with the details a certificate prints. */
export interface QualifyingGifts {
  donorKey: string;
  name: string;
  /** Absent when the donor gave one name only. */
  surname?: string;
  firstNames?: string;
  email: string;
  address?: { street: string; postalCode: string; city: string; country: string };
  nationalNumber?: string;
  amountCents: number;
}

/**
 * Gifts that count for a tax certificate (attest 281.71, DESIGN.md section 6), per donor, for donors whose total
 * reaches `minimumCents`: first payments, monthly charges, offline and imported gifts paid in the year, minus
 * the refunds and charge-backs of those gifts (whenever they happened). Collective cash gifts, and gifts recorded
 * without the donor's address (nobody to certify: cash from a collection jar), are left out;
 * registration fees and provider fees are not in the gifts table at all. A year is Belgium's calendar year: a
 * first payment counts in the year it was received (the day on an offline gift), a refund in the year of the
 * payment it takes back.
 */
export function qualifyingGiftsOf(db: DatabaseSync, year: number, minimumCents: number): QualifyingGifts[] {
  const rows = db
    .prepare(
      `WITH movements AS (
         SELECT g.donor_key, g.amount_cents,
           CASE
             WHEN g.kind = 'charge' THEN strftime('%Y', g.at, '+1 hour')
             WHEN d.received_on IS NOT NULL THEN substr(d.received_on, 1, 4)
             WHEN g.kind = 'payment' THEN strftime('%Y', g.at, '+1 hour')
             ELSE strftime('%Y', COALESCE(d.paid_at, g.at), '+1 hour')
           END AS year
         FROM gifts g JOIN donations d ON d.donation_id = g.donation_id
         WHERE d.collective = 0
       )
       SELECT m.donor_key AS donorKey, SUM(m.amount_cents) AS amountCents, p.name, p.surname,
         p.first_names AS firstNames, p.email, p.street,
         p.postal_code AS postalCode, p.city, p.country, p.national_number AS nationalNumber
       FROM movements m JOIN donors p ON p.donor_key = m.donor_key
       WHERE m.year = ? AND p.email <> ''
       GROUP BY m.donor_key
       HAVING SUM(m.amount_cents) >= ?
       ORDER BY p.name COLLATE NOCASE, m.donor_key`,
    )
    .all(String(year), minimumCents) as {
    donorKey: string;
    amountCents: number;
    name: string;
    surname: string | null;
    firstNames: string | null;
    email: string;
    street: string | null;
    postalCode: string | null;
    city: string | null;
    country: string | null;
    nationalNumber: string | null;
  }[];
  return rows.map((r) => ({
    donorKey: r.donorKey,
    name: r.name,
    ...(r.surname === null ? {} : { surname: r.surname, firstNames: r.firstNames ?? '' }),
    email: r.email,
    ...(r.street !== null && r.postalCode !== null && r.city !== null
      ? { address: { street: r.street, postalCode: r.postalCode, city: r.city, country: r.country ?? 'BE' } }
      : {}),
    ...(r.nationalNumber === null ? {} : { nationalNumber: r.nationalNumber }),
    amountCents: Number(r.amountCents),
  }));
}

/** A donor who gave enough but lacks details the year requires: no certificate until they give them. */
export interface MissingCertificateDetails {
  donorKey: string;
  name: string;
  email: string;
  amountCents: number;
  missing: CertificateDetail[];
}

/**
 * The donors of an income year who gave 40.00 EUR or more, split: those who can get a certificate, and those
 * missing details the year requires. Those who get one without a national number (tolerated in 2024 and 2025)
 * are listed too, for finance to ask them.
 */
export function certificateCandidates(db: DatabaseSync, year: number) {
  const certifiable: QualifyingGifts[] = [];
  const missingNationalNumber: MissingCertificateDetails[] = [];
  const withoutNationalNumber: Omit<MissingCertificateDetails, 'missing'>[] = [];
  for (const donor of qualifyingGiftsOf(db, year, TAX_CERTIFICATE_MINIMUM_CENTS)) {
    const { donorKey, name, email, amountCents } = donor;
    const missing = missingCertificateDetails(donor, year);
    if (missing.length > 0) {
      missingNationalNumber.push({ donorKey, name, email, amountCents, missing });
      continue;
    }
    if (certificateWithoutNationalNumber(donor, year))
      withoutNationalNumber.push({ donorKey, name, email, amountCents });
    certifiable.push(donor);
  }
  return { certifiable, missingNationalNumber, withoutNationalNumber };
}

import type { DatabaseSync } from 'node:sqlite';
import type { CommandBus } from '@nestjs/cqrs';
import type { EventMetadata, EventStore } from '@rw/event-store';
import {
  BELCOTAX_XML_YEARS,
  ExecuteTaxCertificatesCommand,
  incomeYearRules,
  issuedTaxCertificates,
  splitName,
  type TaxCertificate,
  type TaxCertificateEvent,
} from '@rw/fundraising';
import { certificateCandidates, type MissingCertificateDetails } from '@rw/read-models';
import type { PlatformConfig } from '../config/config';
import { type BelcotaxProblem, belcotaxProblems, belcotaxXml } from './belcotax-xml';
import type { Charity, IssuedCertificateLine, TaxCertificateLine } from './tax-certificate-files';

/**
 * The year's tax certificates (attest 281.71) as the API and the finance desk both read them: who qualifies, what
 * was issued, what is to issue or correct, and whether the Belcotax file can be made. One implementation for both.
 */

/** A donor who qualifies but cannot get a certificate yet: what is missing. */
export type MissingDetails = MissingCertificateDetails;

/** The charity as printed on certificates; CHARITY_ADDRESS is "street number, postal code city" (checked at start-up). */
export function charityOf(config: PlatformConfig): Charity {
  const [, street, postalCode, city] = /^(.+?),\s*(\d{4})\s+(.+)$/.exec(config.CHARITY_ADDRESS) ?? [];
  return {
    name: config.CHARITY_NAME,
    street: street ?? config.CHARITY_ADDRESS,
    postalCode: postalCode ?? '',
    city: city ?? '',
    companyNumber: config.CHARITY_COMPANY_NUMBER,
    contactName: config.CHARITY_CONTACT_NAME,
    phone: config.CHARITY_PHONE,
    email: config.CHARITY_EMAIL,
    signatory: config.CHARITY_SIGNATORY,
    certificateArticle: config.CHARITY_CERTIFICATE_ARTICLE,
  };
}

/**
 * Issues the year's certificates: new ones for donors not yet certified, a correction (cancel + new number) for a
 * donor whose amount changed. Issuing again with nothing changed adds nothing.
 */
export async function issueCertificates(
  commands: CommandBus,
  db: DatabaseSync,
  year: number,
  at: string,
  metadata: EventMetadata,
) {
  const { certifiable } = certificateCandidates(db, year);
  const outcome = await commands.execute(
    new ExecuteTaxCertificatesCommand(
      {
        type: 'IssueTaxCertificates',
        year,
        donors: certifiable.map(({ donorKey, amountCents, ...donor }) => ({ donorKey, donor, amountCents })),
        at,
      },
      metadata,
    ),
  );
  const events = outcome.events as TaxCertificateEvent[];
  return {
    year,
    issued: events.filter((e) => e.type === 'TaxCertificateIssued').length,
    cancelled: events.filter((e) => e.type === 'TaxCertificateCancelled').length,
    certificates: outcome.state.status === 'issued' ? outcome.state.current.size : 0,
  };
}

/** Issued certificates that hold, with their numbers, then previews of those still to issue or correct. */
export async function certificateLines(db: DatabaseSync, store: EventStore, year: number) {
  const { certifiable, missingNationalNumber, withoutNationalNumber } = certificateCandidates(db, year);
  const all = await issuedTaxCertificates(store, year);
  const holding = new Map(all.filter((c) => !c.cancelled).map((c) => [c.donorKey, c]));
  const lines: TaxCertificateLine[] = [];
  const previews: TaxCertificateLine[] = [];
  const qualifyingByDonor = new Map(certifiable.map((d) => [d.donorKey, d]));
  for (const certificate of holding.values()) {
    const now = qualifyingByDonor.get(certificate.donorKey)?.amountCents ?? 0;
    lines.push({
      ...certificateLine(certificate, now),
      number: certificate.number,
      status: now === certificate.amountCents ? 'issued' : 'to_correct',
      issuedAt: certificate.issuedAt,
    });
  }
  for (const donor of certifiable) {
    if (holding.has(donor.donorKey)) continue;
    const { donorKey, name, email, address, nationalNumber, amountCents } = donor;
    previews.push({
      status: 'to_issue',
      donorKey,
      name,
      ...namesOf(donor),
      email,
      ...(address ? { address } : {}),
      ...(nationalNumber ? { nationalNumber } : {}),
      amountCents,
      qualifyingCents: amountCents,
    });
  }
  lines.sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
  const cancelled = all
    .filter((c) => c.cancelled)
    .map((c) => ({
      number: c.number,
      donorKey: c.donorKey,
      amountCents: c.amountCents,
      reason: c.cancelled?.reason,
    }));
  return { lines: [...lines, ...previews], missingNationalNumber, withoutNationalNumber, cancelled };
}

export function certificateLine(certificate: TaxCertificate, qualifyingCents: number): TaxCertificateLine {
  const { donor } = certificate;
  return {
    number: certificate.number,
    status: 'issued',
    donorKey: certificate.donorKey,
    name: donor.name,
    ...namesOf(donor),
    email: donor.email,
    ...(donor.address ? { address: donor.address } : {}),
    ...(donor.nationalNumber ? { nationalNumber: donor.nationalNumber } : {}),
    amountCents: certificate.amountCents,
    qualifyingCents,
    issuedAt: certificate.issuedAt,
  };
}

/** Surname and first names as given, or split from the one name of an older gift (marked guessed). */
function namesOf(donor: { name: string; surname?: string; firstNames?: string }) {
  if (donor.surname !== undefined) {
    return { surname: donor.surname, firstNames: donor.firstNames ?? '', nameSplit: 'given' as const };
  }
  return { ...splitName(donor.name), nameSplit: 'guessed' as const };
}

/** The Belcotax XML file of a year, or why it cannot be made yet (each caller says it in its own words). */
export type BelcotaxFile =
  | { ok: true; xml: string }
  | { ok: false; reason: 'not_an_xml_year'; explanation: string }
  | { ok: false; reason: 'year_not_over' }
  | { ok: false; reason: 'none_issued' }
  | { ok: false; reason: 'details_to_correct'; problems: BelcotaxProblem[] };

export function belcotaxFile(charity: Charity, year: number, lines: TaxCertificateLine[], now: Date): BelcotaxFile {
  const rules = incomeYearRules(year);
  if (rules.filing.format !== 'belcotax-xml') {
    return { ok: false, reason: 'not_an_xml_year', explanation: rules.filing.reason };
  }
  // Belcotax takes a year's file once the year is over (creation date after 1 January of the next year)
  if (now.getTime() < Date.parse(`${year + 1}-01-01T00:00:00+01:00`)) return { ok: false, reason: 'year_not_over' };
  // Belcotax declares issued certificates only: previews must be issued first
  const issued = lines.filter((l): l is IssuedCertificateLine => l.number !== undefined);
  if (issued.length === 0) return { ok: false, reason: 'none_issued' };
  const problems = belcotaxProblems(issued);
  if (problems.length > 0) return { ok: false, reason: 'details_to_correct', problems };
  return { ok: true, xml: belcotaxXml(charity, year, issued, now) };
}

export { BELCOTAX_XML_YEARS };

/** Every certificate of the year ever issued, cancelled ones included (the library's one reading). */
export const issuedCertificates = issuedTaxCertificates;

import { belcotaxCountryCode, BELGIUM_BELCOTAX_CODE } from '@rw/fundraising';
import { brusselsDay } from '@rw/kernel';
import { create } from 'xmlbuilder2';
import type { Charity, IssuedCertificateLine } from './tax-certificate-files';

/**
 * Lengths of the zones this file fills, from the Belcotax XSD's documentation (the XSD itself leaves its
 * maxLength facets commented out, so xmllint cannot catch a zone that is too long: we cut here).
 */
const MAX = {
  f2013_naam: 41,
  f2114_voornamen: 15,
  f2015_adres: 150,
  f2017_gemeente: 50,
  f2112_buitenlandspostnummer: 12,
  a1011_naamnl1: 28,
  a1012_naamnl2: 28,
} as const;

/** A record the file cannot hold as it is: the whole file is refused, finance corrects the donor first. */
export interface BelcotaxProblem {
  number: number;
  problem: string;
}

/** What a certificate gives zones 2.13 to 2.114, or why it cannot. */
function donorZones(certificate: IssuedCertificateLine): Record<string, string> | string {
  const address = certificate.address;
  if (!address) return 'no address (zone 2.15 is required)';
  const country = belcotaxCountryCode(address.country);
  if (country === undefined) return `country ${address.country} has no Belcotax code`;
  const belgian = country === BELGIUM_BELCOTAX_CODE;
  if (belgian && !/^\d{4}$/.test(address.postalCode))
    return `Belgian postal code ${address.postalCode} is not 4 digits`;
  if (certificate.surname === '') return 'no surname (zone 2.13 is required)';
  return {
    ...(certificate.nationalNumber ? { f2011_nationaalnr: certificate.nationalNumber } : {}),
    f2013_naam: fitZone(certificate.surname, MAX.f2013_naam),
    f2015_adres: fitZone(address.street, MAX.f2015_adres),
    // the Belgian postal code (2.16) or the foreign one (2.112), never both and never neither
    ...(belgian ? { f2016_postcodebelgisch: address.postalCode } : {}),
    f2017_gemeente: fitZone(address.city, MAX.f2017_gemeente),
    f2018_landwoonplaats: country,
    // 0: an original record; 0: a 281 form (not "325 only")
    f2028_typetraitement: '0',
    f2029_enkelopgave325: '0',
    // after f2029 in the XSD's sequence, not next to the Belgian postal code
    ...(belgian ? {} : { f2112_buitenlandspostnummer: fitZone(address.postalCode, MAX.f2112_buitenlandspostnummer) }),
    ...(certificate.firstNames ? { f2114_voornamen: fitZone(certificate.firstNames, MAX.f2114_voornamen) } : {}),
  };
}

/** The records that stop the file, one line each. */
export function belcotaxProblems(certificates: readonly IssuedCertificateLine[]): BelcotaxProblem[] {
  return certificates.flatMap((certificate) => {
    const zones = donorZones(certificate);
    return typeof zones === 'string' ? [{ number: certificate.number, problem: zones }] : [];
  });
}

/**
 * The Belcotax-on-web XML file of a year's issued certificates (form 281.71), as the Belcotax-2024.xsd (and the
 * 2025 one, unchanged for this form) says: Verzendingen > Verzending (v00xx: the sender, with its contact) >
 * Aangiften > Aangifte (a10xx: the charity, r80xx: its control totals) > Opgaven > Opgave32571 > Fiche28171
 * (f2xxx in the XSD's order, amounts in euro cents), then the sending's control totals (r90xx). Which income
 * years take this file is `incomeYearRules` (libs/fundraising); the caller checks `belcotaxProblems` first.
 */
export function belcotaxXml(
  charity: Charity,
  year: number,
  certificates: readonly IssuedCertificateLine[],
  createdAt: Date,
): string {
  // the XSD wants at least one record in a statement: a file without certificates declares nothing
  if (certificates.length === 0) throw new Error('a Belcotax file declares at least one issued certificate');
  const problems = belcotaxProblems(certificates);
  if (problems.length > 0) {
    throw new Error(`the Belcotax file cannot hold certificate ${problems[0].number}: ${problems[0].problem}`);
  }
  const companyNumber = charity.companyNumber.replace(/\D/g, '');
  const created = brusselsDay(createdAt.toISOString()).split('-').reverse().join('-');
  const sumNumbers = certificates.reduce((sum, c) => sum + c.number, 0);
  const sumAmounts = certificates.reduce((sum, c) => sum + c.amountCents, 0);
  const name1 = fitZone(charity.name, MAX.a1011_naamnl1);
  const name2 = charity.name.slice(name1.length).trim().slice(0, MAX.a1012_naamnl2);

  const root = create({ version: '1.0', encoding: 'UTF-8' }).ele('Verzendingen');
  const sending = root.ele('Verzending');
  const zones = (parent: typeof sending, values: Record<string, string | number>) => {
    for (const [name, value] of Object.entries(values)) parent.ele(name).txt(String(value));
  };
  zones(sending, {
    v0002_inkomstenjaar: year,
    v0010_bestandtype: 'BELCOTAX',
    v0011_aanmaakdatum: created,
    v0014_naam: charity.name,
    v0015_adres: charity.street,
    v0016_postcode: charity.postalCode,
    v0017_gemeente: charity.city,
    v0018_telefoonnummer: charity.phone,
    v0021_contactpersoon: charity.contactName,
    v0022_taalcode: 1,
    v0023_emailadres: charity.email,
    v0024_nationaalnr: companyNumber,
    v0025_typeenvoi: 0,
  });
  const declaration = sending.ele('Aangiften').ele('Aangifte');
  zones(declaration, {
    a1002_inkomstenjaar: year,
    a1005_registratienummer: companyNumber,
    a1011_naamnl1: name1,
    ...(name2 ? { a1012_naamnl2: name2 } : {}),
    a1013_adresnl: charity.street,
    a1014_postcodebelgisch: charity.postalCode,
    a1015_gemeente: charity.city,
    a1016_landwoonplaats: BELGIUM_BELCOTAX_CODE,
    a1020_taalcode: 1,
  });
  const statement = declaration.ele('Opgaven').ele('Opgave32571');
  for (const certificate of certificates) {
    const fiche = statement.ele('Fiche28171');
    // the keys are in the XSD's order: the common zones, then the 281.71 ones
    zones(fiche, {
      f2002_inkomstenjaar: year,
      f2005_registratienummer: companyNumber,
      f2008_typefiche: '28171',
      f2009_volgnummer: certificate.number,
      ...(donorZones(certificate) as Record<string, string>),
      f71_2045_uitreikingopbasisvan: charity.certificateArticle,
      // 2.59, the control total, is the sum of zones 2.60 to 2.88: here only 2.60, the gifts
      f71_2059_totaalcontrole: certificate.amountCents,
      f71_2060_bedragliberaliteiten: certificate.amountCents,
    });
  }
  zones(declaration, {
    r8002_inkomstenjaar: year,
    r8005_registratienummer: companyNumber,
    // the records of this declaration: its fiches plus its opening (1) and closing (8) record
    r8010_aantalrecords: certificates.length + 2,
    r8011_controletotaal: sumNumbers,
    r8012_controletotaal: sumAmounts,
  });
  zones(sending, {
    r9002_inkomstenjaar: year,
    // files: one declaration plus the sending's opening (0) and closing (9) record
    r9010_aantallogbestanden: 3,
    r9011_totaalaantalrecords: certificates.length + 4,
    r9012_controletotaal: sumNumbers,
    r9013_controletotaal: sumAmounts,
  });
  return root.end({ prettyPrint: true });
}

/**
 * At most `max` characters: whole words while they fit ("Jean-Baptiste Marie" → "Jean-Baptiste"), unless that
 * keeps less than half of the zone; then the text is cut at `max`.
 */
export function fitZone(text: string, max: number): string {
  const clean = text.trim().replace(/\s+/g, ' ');
  if (clean.length <= max) return clean;
  let kept = '';
  for (const word of clean.split(' ')) {
    const next = kept ? `${kept} ${word}` : word;
    if (next.length > max) break;
    kept = next;
  }
  return kept.length >= max / 2 ? kept : clean.slice(0, max).trimEnd();
}

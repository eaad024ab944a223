/**
 * What each income year asks of a tax certificate (attest 281.71) and how its certificates reach the tax
 * administration: the one place that says so. The certificate decider, the checkout, the finance API and pages
 * read it; docs/finance.md says the same in words.
 *
 * - The national register (or BIS) number is a legal requirement from gifts of 2024 (art. 323/3 § 3 WIB 92), but
 *   the administration tolerates it missing for gifts of 2024 and 2025: the certificate is issued with zone 2.11
 *   empty and the donor is listed for finance to follow up. From 2026 there is no certificate without it.
 * - Belcotax-on-web takes XML (the year's XSD) for income years 2024 and 2025; the 2025 schema keeps form 281.71
 *   exactly as in 2024. From income year 2026 it takes Belcotax-on-web 2.0 JSON Lines, whose final schemas were
 *   not available when this was written: rather than guess a format the administration would reject, finance
 *   files those years by hand or through their accountant from the CSV/XLSX list (every Belcotax field) and the
 *   PDFs. Income years before 2024 were filed with their own schemas, which this platform does not write.
 */
export type NationalNumberRule = 'optional' | 'tolerated' | 'required';

export type BelcotaxFiling = { format: 'belcotax-xml'; schema: string } | { format: 'by-hand'; reason: string };

export interface IncomeYearRules {
  year: number;
  /** optional: not asked; tolerated: asked, a certificate without it is issued and listed; required: no certificate without it. */
  nationalNumber: NationalNumberRule;
  /** The donor's address is printed on the certificate and is zone 2.15 of the Belcotax record. */
  addressRequired: boolean;
  filing: BelcotaxFiling;
}

/** From this income year a certificate needs the donor's address and, at least, asks for the national number. */
export const CERTIFICATE_DETAILS_FROM_YEAR = 2024;
/** From this income year a certificate needs the donor's national register or BIS number: no more tolerance. */
export const NATIONAL_NUMBER_REQUIRED_FROM_YEAR = 2026;
/** The income years whose Belcotax-on-web XML this platform writes (their XSDs agree on form 281.71). */
export const BELCOTAX_XML_YEARS: readonly number[] = [2024, 2025];

export function incomeYearRules(year: number): IncomeYearRules {
  const nationalNumber: NationalNumberRule =
    year >= NATIONAL_NUMBER_REQUIRED_FROM_YEAR
      ? 'required'
      : year >= CERTIFICATE_DETAILS_FROM_YEAR
        ? 'tolerated'
        : 'optional';
  const filing: BelcotaxFiling = BELCOTAX_XML_YEARS.includes(year)
    ? { format: 'belcotax-xml', schema: `Belcotax-${year}.xsd` }
    : year > Math.max(...BELCOTAX_XML_YEARS)
      ? {
          format: 'by-hand',
          reason: `from income year ${Math.max(...BELCOTAX_XML_YEARS) + 1} Belcotax-on-web 2.0 takes JSON Lines, whose official schemas this platform does not have yet; file the certificates by hand or through your accountant with the CSV or XLSX list (every Belcotax field) and the PDFs`,
        }
      : {
          format: 'by-hand',
          reason: `income years before ${Math.min(...BELCOTAX_XML_YEARS)} were filed with their own Belcotax schema, which this platform does not write; use the CSV or XLSX list and the PDFs`,
        };
  return { year, nationalNumber, addressRequired: year >= CERTIFICATE_DETAILS_FROM_YEAR, filing };
}

import { belcotaxCountryCode, type DonorAddress } from '@rw/fundraising';
import { brusselsDay } from '@rw/kernel';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';
// the list and the certificate write amounts as the ledger export does: "1234,50" (a file's own edge format)
import { csvText, euros } from './export-format';

/** A line of the year's list: an issued certificate, or a preview of one still to issue. */
export interface TaxCertificateLine {
  /** Absent for a preview (not issued yet). */
  number?: number;
  status: 'issued' | 'to_issue' | 'to_correct';
  donorKey: string;
  name: string;
  /** Belcotax zone 2.13. */
  surname: string;
  /** Belcotax zone 2.114 (may be empty: some people have one name). */
  firstNames: string;
  /** given: the donor gave them apart; guessed: split from the one name an older gift gave (`splitName`). */
  nameSplit: 'given' | 'guessed';
  email: string;
  address?: DonorAddress;
  /** Absent when the donor gave none: tolerated for 2024 and 2025 (zone 2.11 left empty), see `incomeYearRules`. */
  nationalNumber?: string;
  /** The certified amount, or for a preview the qualifying amount. */
  amountCents: number;
  /** The donor's qualifying amount now (differs from amountCents when a correction is due). */
  qualifyingCents: number;
  issuedAt?: string;
}

export type IssuedCertificateLine = TaxCertificateLine & { number: number };

/** The charity as printed on certificates and declared to Belcotax-on-web (CHARITY_* settings). */
export interface Charity {
  name: string;
  street: string;
  postalCode: string;
  city: string;
  companyNumber: string;
  /** The sender's contact for the tax administration (Belcotax v0021, v0018, v0023). */
  contactName: string;
  phone: string;
  email: string;
  /** Who signs the certificates. */
  signatory: string;
  /** Belcotax zone 2.45: the code of the article the certificates are issued under. */
  certificateArticle: string;
}

/**
 * Every field of the Belcotax 281.71 record, so that finance (or their accountant) can file a year by hand when
 * no file can be sent (from income year 2026, `incomeYearRules`): the zone is in the column's name.
 */
const COLUMNS = [
  { header: 'income_year_2002', width: 10 },
  { header: 'company_number_2005', width: 14, text: true },
  { header: 'form_2008', width: 8, text: true },
  { header: 'number_2009', width: 10 },
  { header: 'status', width: 11 },
  { header: 'issued_on', width: 12 },
  { header: 'surname_2013', width: 24 },
  { header: 'first_names_2114', width: 20 },
  { header: 'name_split', width: 10 },
  { header: 'street_2015', width: 30 },
  { header: 'postal_code_2016_2112', width: 12, text: true },
  { header: 'city_2017', width: 20 },
  { header: 'country', width: 8 },
  { header: 'country_code_2018', width: 10, text: true },
  { header: 'national_number_2011', width: 14, text: true },
  { header: 'email', width: 28 },
  { header: 'article_2045', width: 10, text: true },
  { header: 'amount_eur_2060', width: 14 },
] as const;

function cells(year: number, charity: Charity, line: TaxCertificateLine): string[] {
  return [
    String(year),
    charity.companyNumber.replace(/\D/g, ''),
    '28171',
    line.number === undefined ? '' : String(line.number),
    line.status,
    line.issuedAt ? brusselsDay(line.issuedAt) : '',
    line.surname,
    line.firstNames,
    line.nameSplit,
    line.address?.street ?? '',
    line.address?.postalCode ?? '',
    line.address?.city ?? '',
    line.address ? (line.address.country ?? 'BE') : '',
    line.address ? (belcotaxCountryCode(line.address.country) ?? '') : '',
    line.nationalNumber ?? '',
    line.email,
    charity.certificateArticle,
  ];
}

/**
 * `;`-separated with a UTF-8 byte order mark and decimal commas: Belgian Excel opens it as it is. Text a
 * spreadsheet would run as a formula is neutralised as in the ledger CSV (`csvText`). A spreadsheet opening the
 * file by double-click still reads national numbers and postal codes as numbers (dropping leading zeros): the
 * docs/finance.md says to import it with those columns as text, or to take the XLSX, whose cells are text.
 */
export function taxCertificatesCsv(year: number, charity: Charity, lines: TaxCertificateLine[]): string {
  const header = COLUMNS.map((column) => column.header).join(';');
  const rows = lines.map((line) => [...cells(year, charity, line).map(csvText), euros(line.amountCents)].join(';'));
  return `\uFEFF${[header, ...rows].join('\r\n')}\r\n`;
}

/**
 * One sheet, the amount a numeric cell in euros (converted from cents here, at the file's edge); national numbers,
 * postal codes and codes are text cells formatted as text, so that they keep their leading zeros when edited.
 */
export async function taxCertificatesXlsx(
  year: number,
  charity: Charity,
  lines: TaxCertificateLine[],
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`281.71 ${year}`);
  sheet.columns = COLUMNS.map((column) => ({
    header: column.header,
    width: column.width,
    ...('text' in column ? { style: { numFmt: '@' } } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  for (const line of lines) sheet.addRow([...cells(year, charity, line), line.amountCents / 100]);
  sheet.getColumn(COLUMNS.length).numFmt = '#,##0.00';
  const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const total = sheet.addRow(['total', ...COLUMNS.slice(2).map(() => ''), totalCents / 100]);
  total.font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * One certificate as a PDF, with what SPF Finances lists for a certificate ("Attesten"/"Reçus"): the calendar year,
 * the "Attestnummer" (the same number as the Belcotax record), the date of issue, the charity's statutory name,
 * address and "Ondernemingsnummer", the donor's surname, first names, address and national register or BIS
 * number, the amount framed by *** and the statement that the gifts are definitive and irrevocable, the article it
 * is issued under, and who signs for the charity; in Dutch and French (DESIGN.md section 6).
 */
export function taxCertificatePdf(charity: Charity, certificate: IssuedCertificateLine, year: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: `Attest 281.71 ${year} nr ${certificate.number}`, Author: charity.name },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    const issuedOn = certificate.issuedAt ? brusselsDay(certificate.issuedAt).split('-').reverse().join('/') : '';
    doc.fontSize(16).text('Fiscaal attest 281.71 / Attestation fiscale 281.71');
    doc.fontSize(11).moveDown().text(`Kalenderjaar / Année civile: ${year}`);
    doc.text(`Attestnummer / Numéro d'attestation: ${certificate.number}`);
    doc.text(`Datum van uitreiking / Date de délivrance: ${issuedOn}`);
    doc.moveDown().fontSize(12).text('Instelling / Institution');
    doc.fontSize(11).text(charity.name).text(charity.street).text(`${charity.postalCode} ${charity.city}`);
    doc.text(`Ondernemingsnummer / Numéro d'entreprise: ${charity.companyNumber}`);
    doc.moveDown().fontSize(12).text('Schenker / Donateur');
    doc.fontSize(11).text(`Naam / Nom: ${certificate.surname}`);
    if (certificate.firstNames) doc.text(`Voornamen / Prénoms: ${certificate.firstNames}`);
    if (certificate.address) {
      const { street, postalCode, city, country } = certificate.address;
      doc.text(street).text(`${postalCode} ${city}${country && country !== 'BE' ? ` (${country})` : ''}`);
    }
    // tolerated missing for gifts of 2024 and 2025: the line stays, so that the donor sees what to add
    doc.text(
      `Rijksregister- of BIS-nummer / Numéro de registre national ou BIS: ${
        certificate.nationalNumber
          ? formatNationalNumber(certificate.nationalNumber)
          : 'niet meegedeeld / non communiqué'
      }`,
    );
    // SPF Finances: the amount in figures is made unfalsifiable by framing it with *** (finances.belgium.be, "Reçus")
    const amount = `***${euros(certificate.amountCents)}*** EUR`;
    doc.moveDown().fontSize(12).text(`Bedrag / Montant: ${amount}`);
    doc.moveDown().fontSize(10);
    doc.text(
      `De ondergetekende instelling verklaart dat zij in ${year} van de schenker hierboven giften in geld heeft ontvangen ten bedrage van ${amount}. Deze giften zijn gedaan ten definitieven en onherroepelijken titel.`,
    );
    doc.moveDown();
    doc.text(
      `L'institution soussignée déclare avoir reçu en ${year} du donateur ci-dessus des libéralités en argent d'un montant de ${amount}. Ces libéralités ont été effectuées à titre définitif et irrévocable.`,
    );
    doc.moveDown().fontSize(8);
    doc.text(
      "Attest uitgereikt in toepassing van artikel 145³³, § 1, tweede lid, van het Wetboek van de inkomstenbelastingen 1992. / Attestation délivrée en application de l'article 145³³, § 1er, alinéa 2, du Code des impôts sur les revenus 1992.",
    );
    doc.moveDown(2).fontSize(11).text("Voor de instelling / Pour l'institution");
    doc.text(charity.signatory);
    doc.end();
  });
}

/** 85.07.30-033.28: how the number is printed. */
export function formatNationalNumber(digits: string): string {
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9)}`;
}

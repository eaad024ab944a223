import type { DonorAddress } from '@rw/fundraising';
import ExcelJS from 'exceljs';
import PDFDocument from 'pdfkit';

/** A line of the year's list: an issued certificate, or a preview of one still to issue. */
export interface TaxCertificateLine {
  /** Absent for a preview (not issued yet). */
  number?: number;
  status: 'issued' | 'to_issue' | 'to_correct';
  donorKey: string;
  name: string;
  email: string;
  address?: DonorAddress;
  nationalNumber?: string;
  /** The certified amount, or for a preview the qualifying amount. */
  amountCents: number;
  /** The donor's qualifying amount now (differs from amountCents when a correction is due). */
  qualifyingCents: number;
  issuedAt?: string;
}

export interface Charity {
  name: string;
  /** "street number, postal code city" */
  address: string;
  companyNumber: string;
}

/** Euros with two decimals and a decimal comma, as Belgian documents write them (only at a file's edge). */
export function euros(cents: number, decimalMark: ',' | '.' = ','): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}${decimalMark}${String(abs % 100).padStart(2, '0')}`;
}

const HEADER = [
  'number',
  'status',
  'name',
  'street',
  'postal_code',
  'city',
  'country',
  'national_number',
  'email',
  'amount_eur',
];

function cells(line: TaxCertificateLine): (string | number)[] {
  return [
    line.number ?? '',
    line.status,
    line.name,
    line.address?.street ?? '',
    line.address?.postalCode ?? '',
    line.address?.city ?? '',
    line.address?.country ?? '',
    line.nationalNumber ?? '',
    line.email,
  ];
}

/** `;`-separated with a UTF-8 byte order mark and decimal commas: Belgian Excel opens it as it is. */
export function taxCertificatesCsv(lines: TaxCertificateLine[]): string {
  const quote = (value: string | number) => {
    const text = String(value);
    return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const rows = [HEADER, ...lines.map((line) => [...cells(line), euros(line.amountCents)])];
  return `\uFEFF${rows.map((row) => row.map(quote).join(';')).join('\r\n')}\r\n`;
}

/** One sheet, the amount a numeric cell in euros (converted from cents here, at the file's edge). */
export async function taxCertificatesXlsx(year: number, lines: TaxCertificateLine[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(`281.71 ${year}`);
  sheet.addRow(HEADER);
  sheet.getRow(1).font = { bold: true };
  for (const line of lines) sheet.addRow([...cells(line), line.amountCents / 100]);
  sheet.getColumn(HEADER.length).numFmt = '#,##0.00';
  const totalCents = lines.reduce((sum, line) => sum + line.amountCents, 0);
  const total = sheet.addRow(['total', '', '', '', '', '', '', '', '', totalCents / 100]);
  total.font = { bold: true };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/**
 * One certificate as a PDF: the charity, the donor, the national register number, the amount, year and number,
 * and the statement that the gift is definitive and irrevocable, in Dutch and French (DESIGN.md section 6).
 */
export function taxCertificatePdf(
  charity: Charity,
  certificate: TaxCertificateLine & { number: number },
  year: number,
): Promise<Buffer> {
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
    doc.fontSize(16).text('Fiscaal attest 281.71 / Attestation fiscale 281.71');
    doc.fontSize(11).moveDown().text(`Inkomstenjaar / Année des revenus: ${year}`);
    doc.text(`Volgnummer / Numéro d'ordre: ${certificate.number}`);
    doc.moveDown().fontSize(12).text('Instelling / Institution');
    doc.fontSize(11).text(charity.name).text(charity.address);
    doc.text(`Ondernemingsnummer / Numéro d'entreprise: ${charity.companyNumber}`);
    doc.moveDown().fontSize(12).text('Schenker / Donateur');
    doc.fontSize(11).text(certificate.name);
    if (certificate.address) {
      const { street, postalCode, city, country } = certificate.address;
      doc.text(street).text(`${postalCode} ${city}${country && country !== 'BE' ? ` (${country})` : ''}`);
    }
    if (certificate.nationalNumber) {
      doc.text(
        `Rijksregisternummer / Numéro de registre national: ${formatNationalNumber(certificate.nationalNumber)}`,
      );
    }
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
    doc.end();
  });
}

/** 85.07.30-033.28: how the number is printed. */
export function formatNationalNumber(digits: string): string {
  return `${digits.slice(0, 2)}.${digits.slice(2, 4)}.${digits.slice(4, 6)}-${digits.slice(6, 9)}.${digits.slice(9)}`;
}

const xmlText = (value: string | number) =>
  String(value).replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
  );

/**
 * The Belcotax-on-web XML file of a year's certificates (form 281.71, up to income year 2024). Layout of the
 * Belcotax XML sending: Verzendingen > Verzending (v0xxx: the sender) > Aangiften > Aangifte (a1xxx: the debtor,
 * r8xxx: its control totals) > Opgaven > Opgave325xx > Fiche281xx (f2xxx, amounts in euro cents), then the
 * sending's control totals (r9xxx). Field names of the common zones follow the SPF Finances' technical
 * documentation as used by other generators; the 281.71-specific amount zone (f71_…) is our best reading.
 */
export function belcotaxXml(
  charity: Charity,
  year: number,
  certificates: (TaxCertificateLine & { number: number })[],
  createdOn: Date,
): string {
  const companyNumber = charity.companyNumber.replace(/\D/g, '');
  const [street, place = ''] = charity.address.split(/,\s*(?=\d{4}\s)/);
  const postalCode = place.slice(0, 4);
  const city = place.slice(4).trim();
  const day = createdOn.toISOString().slice(0, 10).split('-').reverse().join('-');
  const el = (name: string, value: string | number) => `<${name}>${xmlText(value)}</${name}>`;
  const fiches = certificates.map((c) => {
    const belgian = (c.address?.country ?? 'BE') === 'BE';
    return [
      '<Fiche28171>',
      el('f2002_inkomstenjaar', year),
      el('f2005_registratienummer', companyNumber),
      el('f2008_typefiche', '28171'),
      el('f2009_volgnummer', c.number),
      el('f2011_nationaalnr', c.nationalNumber ?? ''),
      el('f2013_naam', c.name),
      el('f2015_adres', c.address?.street ?? ''),
      belgian
        ? el('f2016_postcodebelgisch', c.address?.postalCode ?? '')
        : el('f2112_buitenlandspostnummer', c.address?.postalCode ?? ''),
      el('f2017_gemeente', c.address?.city ?? ''),
      el('f2018_landwoonplaats', belgian ? '00150' : (c.address?.country ?? '')),
      el('f2028_typetraitement', 0),
      el('f2029_enkelopgave325', 0),
      el('f71_2059_totaalcontrole', c.amountCents),
      el('f71_2060_bedraggiften', c.amountCents),
      '</Fiche28171>',
    ].join('');
  });
  const sumNumbers = certificates.reduce((sum, c) => sum + c.number, 0);
  const sumAmounts = certificates.reduce((sum, c) => sum + c.amountCents, 0);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<Verzendingen>',
    '<Verzending>',
    el('v0002_inkomstenjaar', year),
    el('v0010_bestandtype', 'BELCOTAX'),
    el('v0011_aanmaakdatum', day),
    el('v0014_naam', charity.name),
    el('v0015_adres', street),
    el('v0016_postcode', postalCode),
    el('v0017_gemeente', city),
    el('v0022_taalcode', 1),
    el('v0024_nationaalnr', companyNumber),
    el('v0025_typeenvoi', 0),
    '<Aangiften>',
    '<Aangifte>',
    el('a1002_inkomstenjaar', year),
    el('a1005_registratienummer', companyNumber),
    el('a1011_naamnl1', charity.name),
    el('a1013_adresnl', street),
    el('a1014_postcodebelgisch', postalCode),
    el('a1015_gemeente', city),
    el('a1016_landwoonplaats', '00150'),
    el('a1020_taalcode', 1),
    '<Opgaven>',
    '<Opgave32571>',
    ...fiches,
    '</Opgave32571>',
    '</Opgaven>',
    el('r8002_inkomstenjaar', year),
    el('r8005_registratienummer', companyNumber),
    el('r8010_aantalrecords', certificates.length + 2),
    el('r8011_controletotaal', sumNumbers),
    el('r8012_controletotaal', sumAmounts),
    '</Aangifte>',
    '</Aangiften>',
    el('r9002_inkomstenjaar', year),
    el('r9010_aantallogbestanden', 3),
    el('r9011_totaalaantalrecords', certificates.length + 4),
    el('r9012_controletotaal', sumNumbers),
    el('r9013_controletotaal', sumAmounts),
    '</Verzending>',
    '</Verzendingen>',
    '',
  ].join('\n');
}

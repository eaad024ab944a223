import ExcelJS from 'exceljs';
import { TEST_CHARITY } from '../../../../test/support/charity';
import { pdfText } from '../../../../test/support/pdf-text';
import {
  type IssuedCertificateLine,
  taxCertificatePdf,
  taxCertificatesCsv,
  taxCertificatesXlsx,
} from './tax-certificate-files';

const charity = TEST_CHARITY;

const bob: IssuedCertificateLine = {
  number: 7,
  status: 'issued',
  donorKey: 'k-bob',
  name: 'Bob Pieter Janssens',
  surname: 'Janssens',
  firstNames: 'Bob Pieter',
  nameSplit: 'given',
  email: 'bob@example.be',
  address: { street: 'Rue Haute 5', postalCode: '1000', city: 'Bruxelles', country: 'BE' },
  nationalNumber: '01020312345',
  amountCents: 12_345,
  qualifyingCents: 12_345,
  // 23:30 UTC on 31 January is 1 February in Brussels
  issuedAt: '2025-01-31T23:30:00.000Z',
};
/** A donor whose details a spreadsheet would run as formulas, abroad, without a national number. */
const mallory: IssuedCertificateLine = {
  ...bob,
  number: 8,
  donorKey: 'k-m',
  name: '=HYPERLINK("http://evil.example","x")',
  surname: '=HYPERLINK("http://evil.example","x")',
  firstNames: '+SUM(1;2)',
  nameSplit: 'guessed',
  email: '@evil.example',
  address: { street: '-1 Main Street', postalCode: '01000', city: 'Bourg-en-Bresse', country: 'FR' },
  nationalNumber: undefined,
};

describe('the certificate list as CSV', () => {
  const csv = taxCertificatesCsv(2024, charity, [bob, mallory]);
  const [header, ...rows] = csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

  it('has every Belcotax field of the 281.71 record, its zone in the column name', () => {
    expect(header.split(';')).toEqual([
      'income_year_2002',
      'company_number_2005',
      'form_2008',
      'number_2009',
      'status',
      'issued_on',
      'surname_2013',
      'first_names_2114',
      'name_split',
      'street_2015',
      'postal_code_2016_2112',
      'city_2017',
      'country',
      'country_code_2018',
      'national_number_2011',
      'email',
      'article_2045',
      'amount_eur_2060',
    ]);
    expect(rows[0]).toBe(
      '2024;0412345614;28171;7;issued;2025-02-01;Janssens;Bob Pieter;given;Rue Haute 5;1000;Bruxelles;BE;00000;01020312345;bob@example.be;3;123,45',
    );
  });

  it('neutralises text a spreadsheet would run as a formula, as the ledger CSV does', () => {
    expect(rows[1]).toBe(
      `2024;0412345614;28171;8;issued;2025-02-01;"'=HYPERLINK(""http://evil.example"",""x"")";"'+SUM(1;2)";guessed;'-1 Main Street;01000;` +
        "Bourg-en-Bresse;FR;00111;;'@evil.example;3;123,45",
    );
  });
});

describe('the certificate list as XLSX', () => {
  it('keeps national numbers, postal codes and codes as text cells, the amount a number', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await taxCertificatesXlsx(2024, charity, [bob, mallory])) as never);
    const sheet = workbook.worksheets[0];
    expect(sheet.name).toBe('281.71 2024');
    const row = sheet.getRow(2);
    expect(row.getCell(15).value).toBe('01020312345');
    expect(row.getCell(15).numFmt).toBe('@');
    expect(row.getCell(14).value).toBe('00000');
    expect(row.getCell(2).value).toBe('0412345614');
    expect(sheet.getRow(3).getCell(11).value).toBe('01000');
    expect(sheet.getRow(3).getCell(11).numFmt).toBe('@');
    expect(row.getCell(18).value).toBe(123.45);
    // a formula-looking text stays a text cell, never a formula
    expect(sheet.getRow(3).getCell(7).value).toBe('=HYPERLINK("http://evil.example","x")');
    expect(sheet.getRow(3).getCell(7).type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getRow(4).getCell(1).value).toBe('total');
    expect(sheet.getRow(4).getCell(18).value).toBe(246.9);
  });
});

describe('the certificate PDF', () => {
  it('shows the Attestnummer, the date of issue, the donor apart, the amount framed and who signs', async () => {
    const text = pdfText(await taxCertificatePdf(charity, bob, 2024));
    for (const expected of [
      'Kalenderjaar / Année civile: 2024',
      "Attestnummer / Numéro d'attestation: 7",
      'Datum van uitreiking / Date de délivrance: 01/02/2025',
      'Refugee Walk vzw',
      "Ondernemingsnummer / Numéro d'entreprise: 0412.345.614",
      'Naam / Nom: Janssens',
      'Voornamen / Prénoms: Bob Pieter',
      'Rijksregister- of BIS-nummer / Numéro de registre national ou BIS: 01.02.03-123.45',
      'Bedrag / Montant: ***123,45*** EUR',
      'Voor de instelling / Pour',
      'Marie Peeters, penningmeester',
    ]) {
      expect(text.replace(/\s*\n\s*/g, ' ')).toContain(expected);
    }
  });

  it('says when the donor gave no national number (tolerated for 2024 and 2025)', async () => {
    const text = pdfText(await taxCertificatePdf(charity, mallory, 2025));
    expect(text.replace(/\s*\n\s*/g, ' ')).toContain(
      'Numéro de registre national ou BIS: niet meegedeeld / non communiqué',
    );
  });
});

import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { LedgerRow } from '@rw/read-models';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { t } from '../../i18n';
import { brusselsSpreadsheetDate, brusselsTime, euros, ledgerRowFields, spreadsheetSafe } from '../export-format';

/**
 * The ledger as finance reads it in a spreadsheet: Dutch column titles, the rows in date order, then a subtotal per
 * movement type and the total. The machine export of GET /api/finance/export (English titles, no subtotals) stays
 * what accountants' tools read; these are the same movements, for people.
 */
export const DUTCH_LEDGER_COLUMNS = [
  'Datum',
  'Tijd',
  'Soort beweging',
  'Gift',
  'Betaalprovider',
  'Referentie bij de provider',
  'Bruto (EUR)',
  'Kosten (EUR)',
  'Netto (EUR)',
  'Naam schenker',
  'E-mail schenker',
  'Soort begunstigde',
  'Begunstigde',
  'Editie',
  'Gestructureerde mededeling',
  // of the gross, what the donor added to cover the payment costs (part of the gift)
  'Gedekte betaalkosten (EUR)',
] as const;

const movementInDutch = (kind: string) => t('nl', 'finance.movement', { kind });

export interface MovementSubtotal {
  kind: string;
  count: number;
  grossCents: number;
  feeCents: number;
  netCents: number;
}

/** Sums in cents per movement type, in the order the types first appear; the caller converts once, at the edge. */
export class Subtotals {
  private readonly byKind = new Map<string, MovementSubtotal>();

  add(row: Pick<LedgerRow, 'kind' | 'grossCents' | 'feeCents' | 'netCents'>): void {
    const sum = this.byKind.get(row.kind) ?? { kind: row.kind, count: 0, grossCents: 0, feeCents: 0, netCents: 0 };
    sum.count += 1;
    sum.grossCents += row.grossCents;
    sum.feeCents += row.feeCents;
    sum.netCents += row.netCents;
    this.byKind.set(row.kind, sum);
  }

  get kinds(): MovementSubtotal[] {
    return [...this.byKind.values()];
  }

  get total(): MovementSubtotal {
    return this.kinds.reduce(
      (total, s) => ({
        kind: 'total',
        count: total.count + s.count,
        grossCents: total.grossCents + s.grossCents,
        feeCents: total.feeCents + s.feeCents,
        netCents: total.netCents + s.netCents,
      }),
      { kind: 'total', count: 0, grossCents: 0, feeCents: 0, netCents: 0 },
    );
  }
}

const subtotalTitle = (kind: string) => `Subtotaal ${movementInDutch(kind).toLowerCase()}`;

/** The CSV: `;`, a byte order mark and decimal commas for Belgian Excel; text made safe for spreadsheets. */
export async function writeDutchLedgerCsv(rows: Iterable<LedgerRow>, output: Writable): Promise<void> {
  const csv = (records: string[][]) => stringify(records, { delimiter: ';', record_delimiter: 'windows' });
  const subtotals = new Subtotals();
  let batch: string[][] = [];
  const write = async (chunk: string) => {
    if (!output.write(chunk)) await once(output, 'drain');
  };
  await write(`\uFEFF${csv([[...DUTCH_LEDGER_COLUMNS]])}`);
  for (const row of rows) {
    subtotals.add(row);
    // the shared columns, then what the donor added to cover the payment costs
    batch.push([
      ...ledgerRowFields(row, { movement: movementInDutch, beneficiary: beneficiaryType }),
      euros(row.coveredFeesCents),
    ]);
    if (batch.length >= 500) {
      await write(csv(batch));
      batch = [];
    }
  }
  const sums = (title: string, s: MovementSubtotal) => [
    '',
    '',
    title,
    '',
    '',
    '',
    euros(s.grossCents),
    euros(s.feeCents),
    euros(s.netCents),
  ];
  batch.push(...subtotals.kinds.map((s) => sums(subtotalTitle(s.kind), s)), sums('Totaal', subtotals.total));
  output.end(csv(batch));
  await once(output, 'finish');
}

/** The XLSX: typed cells, the header row frozen, a bold subtotal row per movement type and a bold total. */
export async function writeDutchLedgerXlsx(rows: Iterable<LedgerRow>, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: output, useStyles: true, useSharedStrings: false });
  const sheet = workbook.addWorksheet('Grootboek', { views: [{ state: 'frozen', ySplit: 1 }] });
  const money = { numFmt: '#,##0.00' };
  const widths = [20, 10, 30, 38, 12, 28, 12, 12, 12, 24, 28, 14, 24, 20, 24, 14];
  const keys = [
    'at',
    'time',
    'kind',
    'gift',
    'provider',
    'reference',
    'gross',
    'fee',
    'net',
    'donorName',
    'donorEmail',
    'beneficiaryType',
    'beneficiary',
    'edition',
    'communication',
    'coveredFees',
  ];
  sheet.columns = DUTCH_LEDGER_COLUMNS.map((header, index) => ({
    header,
    key: keys[index],
    width: widths[index],
    ...((index >= 6 && index <= 8) || index === 15 ? { style: money } : {}),
  }));
  sheet.getRow(1).font = { bold: true };
  const subtotals = new Subtotals();
  for (const row of rows) {
    subtotals.add(row);
    const added = sheet.addRow({
      at: brusselsSpreadsheetDate(row),
      time: brusselsTime(row),
      kind: movementInDutch(row.kind),
      gift: row.donationId ?? '',
      provider: row.provider ?? '',
      reference: spreadsheetSafe(row.providerReference ?? ''),
      gross: row.grossCents / 100,
      fee: row.feeCents / 100,
      net: row.netCents / 100,
      donorName: spreadsheetSafe(row.donorName ?? ''),
      donorEmail: spreadsheetSafe(row.donorEmail ?? ''),
      beneficiaryType: beneficiaryType(row.beneficiaryType),
      beneficiary: spreadsheetSafe(row.beneficiaryName ?? ''),
      edition: spreadsheetSafe(row.editionName ?? ''),
      communication: row.communication ?? '',
      coveredFees: row.coveredFeesCents / 100,
    });
    added.getCell('at').numFmt = 'yyyy-mm-dd';
    added.commit();
    if (output.writableNeedDrain) await once(output, 'drain');
  }
  // summed in cents, converted once: the subtotals agree with the rows to the cent
  const sums = (title: string, s: MovementSubtotal) => {
    const added = sheet.addRow({
      kind: title,
      gross: s.grossCents / 100,
      fee: s.feeCents / 100,
      net: s.netCents / 100,
    });
    added.font = { bold: true };
    added.commit();
  };
  sheet.addRow([]).commit();
  for (const s of subtotals.kinds) sums(subtotalTitle(s.kind), s);
  sums('Totaal', subtotals.total);
  sheet.commit();
  await workbook.commit();
}

function beneficiaryType(type: string): string {
  return ({ walker: 'stapper', team: 'team', edition: 'editie' } as Record<string, string>)[type] ?? type;
}

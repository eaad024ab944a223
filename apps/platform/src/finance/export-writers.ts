import { once } from 'node:events';
import type { Writable } from 'node:stream';
import type { LedgerRow } from '@rw/read-models';
import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { brusselsSpreadsheetDate, ledgerColumns, ledgerFields } from './export-format';

export const XLSX_CONTENT_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const MONEY_FORMAT = '#,##0.00';
const DAY_FORMAT = 'yyyy-mm-dd';

/** Rows handed to csv-stringify at a time: the file streams out in chunks of this many rows. */
const CSV_BATCH = 500;

/**
 * `;`-separated with a UTF-8 byte order mark and decimal commas, so that Belgian Excel opens it right; written by
 * csv-stringify (quotes where a field holds `;`, a quote or a line break), in batches as the rows arrive.
 */
export async function writeLedgerCsv(rows: Iterable<LedgerRow>, output: Writable): Promise<void> {
  const csv = (records: readonly (readonly string[])[]) =>
    stringify(records as string[][], { delimiter: ';', record_delimiter: 'windows' });
  let batch: string[][] = [];
  const flush = async () => {
    if (!output.write(csv(batch))) await drainedUnlessClosed(output, output);
    batch = [];
  };
  if (!output.write(`\uFEFF${csv([ledgerColumns])}`)) await drainedUnlessClosed(output, output);
  for (const row of rows) {
    batch.push(ledgerFields(row));
    if (batch.length >= CSV_BATCH) await flush();
  }
  output.end(batch.length > 0 ? csv(batch) : undefined);
  await once(output, 'finish');
}

/** Typed cells (dates, euros as numbers with two decimals) and a totals row, written as the rows arrive. */
export async function writeLedgerXlsx(rows: Iterable<LedgerRow>, output: Writable): Promise<void> {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: output,
    useStyles: true,
    useSharedStrings: false,
  });
  const sheet = workbook.addWorksheet('Ledger');
  sheet.columns = [
    { header: 'date and time (Brussels)', key: 'at', width: 20, style: { numFmt: 'yyyy-mm-dd hh:mm:ss' } },
    { header: 'movement', key: 'kind', width: 22 },
    { header: 'donation id', key: 'donationId', width: 38 },
    { header: 'provider', key: 'provider', width: 10 },
    { header: 'provider reference', key: 'providerReference', width: 28 },
    { header: 'gross (EUR)', key: 'gross', width: 12, style: { numFmt: MONEY_FORMAT } },
    { header: 'fee (EUR)', key: 'fee', width: 12, style: { numFmt: MONEY_FORMAT } },
    { header: 'net (EUR)', key: 'net', width: 12, style: { numFmt: MONEY_FORMAT } },
    { header: 'donor name', key: 'donorName', width: 24 },
    { header: 'donor e-mail', key: 'donorEmail', width: 28 },
    { header: 'beneficiary type', key: 'beneficiaryType', width: 10 },
    { header: 'beneficiary', key: 'beneficiaryName', width: 24 },
    { header: 'edition', key: 'editionName', width: 20 },
    { header: 'structured communication', key: 'communication', width: 22 },
    { header: 'fee status', key: 'feeStatus', width: 10 },
    // of the gross, what donors added to cover the fees
    { header: 'covered fees (EUR)', key: 'coveredFees', width: 12, style: { numFmt: MONEY_FORMAT } },
  ];
  const totals = { grossCents: 0, feeCents: 0, netCents: 0, coveredFeesCents: 0 };
  let written = 0;
  for (const row of rows) {
    totals.grossCents += row.grossCents;
    totals.feeCents += row.feeCents;
    totals.netCents += row.netCents;
    totals.coveredFeesCents += row.coveredFeesCents;
    const added = sheet.addRow({
      at: brusselsSpreadsheetDate(row),
      kind: row.kind,
      donationId: row.donationId ?? '',
      provider: row.provider ?? '',
      providerReference: row.providerReference ?? '',
      gross: row.grossCents / 100,
      fee: row.feeCents / 100,
      net: row.netCents / 100,
      donorName: row.donorName ?? '',
      donorEmail: row.donorEmail ?? '',
      beneficiaryType: row.beneficiaryType,
      beneficiaryName: row.beneficiaryName ?? '',
      editionName: row.editionName ?? '',
      communication: row.communication ?? '',
      feeStatus: row.feeStatus,
      coveredFees: row.coveredFeesCents / 100,
    });
    // a movement known by its day only (an offline gift, a transfer paid on its value date) is a date, no time
    if (row.effectiveAt === null) added.getCell('at').numFmt = DAY_FORMAT;
    added.commit();
    if (++written % 100 === 0) await zipCaughtUp(sheet, output);
    if (output.writableNeedDrain) await drainedUnlessClosed(output, output);
  }
  // summed in cents, converted once: the totals agree with the rows to the cent
  const total = sheet.addRow({
    at: null,
    kind: 'total',
    gross: totals.grossCents / 100,
    fee: totals.feeCents / 100,
    net: totals.netCents / 100,
    coveredFees: totals.coveredFeesCents / 100,
  });
  total.font = { bold: true };
  total.commit();
  sheet.commit();
  await workbook.commit();
}

/**
 * exceljs hands each 64 KiB of a sheet to the zip's input without waiting (its StreamBuf ignores backpressure), so a
 * fast row source piles the whole sheet up in memory: wait until the zip has taken in what it was given. That input
 * is a readable-stream v2 PassThrough, which has `_writableState` but no `writableNeedDrain`.
 */
async function zipCaughtUp(sheet: ExcelJS.Worksheet, output: Writable): Promise<void> {
  const pipes = (sheet as unknown as { stream?: { pipes?: Writable[] } }).stream?.pipes ?? [];
  for (const pipe of pipes) {
    const state = (pipe as unknown as { _writableState?: { needDrain?: boolean } })._writableState;
    if (pipe.writableNeedDrain || state?.needDrain) await drainedUnlessClosed(pipe, output);
  }
}

/** Waits for `stream` to drain; fails when the download is closed first (the client went away). */
async function drainedUnlessClosed(stream: Writable, output: Writable): Promise<void> {
  const stop = new AbortController();
  try {
    await Promise.race([
      once(stream, 'drain', { signal: stop.signal }),
      once(output, 'close', { signal: stop.signal }).then(() => {
        throw new Error('the download was closed before the export finished');
      }),
    ]);
  } finally {
    stop.abort();
  }
}

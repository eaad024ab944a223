import { once } from 'node:events';
import { DatabaseSync } from 'node:sqlite';
import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { type LedgerRow, ledgerRows, ReadModelDatabase } from '@rw/read-models';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { RequireRole } from '../accounts/auth';
import { brusselsSpreadsheetDate, csvLine, ledgerColumns } from './export-format';

const DAY = /^\d{4}-\d{2}-\d{2}$/;

class LedgerExportQueryDto {
  @Matches(DAY, { message: 'from must be a day as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a day that exists, as YYYY-MM-DD' })
  from!: string;

  @Matches(DAY, { message: 'to must be a day as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a day that exists, as YYYY-MM-DD' })
  to!: string;

  @IsIn(['csv', 'xlsx'], { message: 'format must be csv or xlsx' })
  format!: 'csv' | 'xlsx';
}

const MONEY_FORMAT = '#,##0.00';

/**
 * The ledger of money movements for finance, per Brussels calendar day (both ends included). Rows stream from
 * SQLite to the response: memory stays flat however long the period.
 */
@Controller('api/finance')
export class LedgerExportController {
  constructor(@Inject(ReadModelDatabase) private readonly readModels: ReadModelDatabase) {}

  @Get('export')
  @RequireRole('finance')
  async export(@Query() query: LedgerExportQueryDto, @Res() response: Response): Promise<void> {
    if (query.from > query.to) {
      throw new BadRequestException({
        message: `invalid request: the period runs backwards (from ${query.from} is after to ${query.to})`,
        errors: [{ field: 'to', problems: ['to must be on or after from'] }],
      });
    }
    const filename = `ledger-${query.from}-to-${query.to}.${query.format}`;
    response.status(200);
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    const snapshot = this.openSnapshot();
    try {
      const rows = ledgerRows(snapshot.db, query.from, query.to);
      if (query.format === 'csv') await writeCsv(rows, response);
      else await writeXlsx(rows, response);
    } catch (error) {
      // the headers are gone: cut the download short rather than hand finance a file that looks complete
      response.destroy(error as Error);
    } finally {
      snapshot.close();
    }
  }

  /**
   * A read transaction on a connection of its own, so that every row and the totals come from one moment while
   * projections keep writing (WAL). An in-memory database (tests) has only the one connection.
   */
  private openSnapshot(): { db: DatabaseSync; close(): void } {
    if (this.readModels.file === ':memory:') return { db: this.readModels.db, close: () => {} };
    const db = new DatabaseSync(this.readModels.file, { readOnly: true });
    db.exec('PRAGMA busy_timeout = 5000; BEGIN');
    return {
      db,
      close: () => {
        if (db.isTransaction) db.exec('ROLLBACK');
        db.close();
      },
    };
  }
}

/** `;`-separated with a UTF-8 byte order mark and decimal commas, so that Belgian Excel opens it right. */
async function writeCsv(rows: Iterable<LedgerRow>, response: Response): Promise<void> {
  response.setHeader('Content-Type', 'text/csv; charset=utf-8');
  let chunk = `\uFEFF${ledgerColumns.join(';')}\r\n`;
  for (const row of rows) {
    chunk += `${csvLine(row)}\r\n`;
    if (chunk.length >= 64 * 1024) {
      if (!response.write(chunk)) await once(response, 'drain');
      chunk = '';
    }
  }
  response.end(chunk);
  await once(response, 'finish');
}

/** Typed cells (dates, euros as numbers with two decimals) and a totals row, written as the rows arrive. */
async function writeXlsx(rows: Iterable<LedgerRow>, response: Response): Promise<void> {
  response.setHeader('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: response,
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
  ];
  const totals = { grossCents: 0, feeCents: 0, netCents: 0 };
  for (const row of rows) {
    totals.grossCents += row.grossCents;
    totals.feeCents += row.feeCents;
    totals.netCents += row.netCents;
    sheet
      .addRow({
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
      })
      .commit();
    if (response.writableNeedDrain) await once(response, 'drain');
  }
  // summed in cents, converted once: the totals agree with the rows to the cent
  const total = sheet.addRow({
    at: null,
    kind: 'total',
    gross: totals.grossCents / 100,
    fee: totals.feeCents / 100,
    net: totals.netCents / 100,
  });
  total.font = { bold: true };
  total.commit();
  sheet.commit();
  await workbook.commit();
}

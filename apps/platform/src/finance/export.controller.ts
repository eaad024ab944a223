import { BadRequestException, Controller, Get, Inject, Query, Res } from '@nestjs/common';
import { ledgerRows, openReadSnapshot, ReadModelDatabase } from '@rw/read-models';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import type { Response } from 'express';
import { RequireRole } from '../accounts/auth';
import { writeLedgerCsv, writeLedgerXlsx, XLSX_CONTENT_TYPE } from './export-writers';

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
    const snapshot = openReadSnapshot(this.readModels);
    const filename = `ledger-${query.from}-to-${query.to}.${query.format}`;
    response.status(200);
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    try {
      const rows = ledgerRows(snapshot.db, query.from, query.to);
      if (query.format === 'csv') {
        response.setHeader('Content-Type', 'text/csv; charset=utf-8');
        await writeLedgerCsv(rows, response);
      } else {
        response.setHeader('Content-Type', XLSX_CONTENT_TYPE);
        await writeLedgerXlsx(rows, response);
      }
    } catch (error) {
      // the headers are gone: cut the download short rather than hand finance a file that looks complete
      response.destroy(error as Error);
    } finally {
      snapshot.close();
    }
  }
}

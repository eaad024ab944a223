import {
  BadRequestException,
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Param,
  PayloadTooLargeException,
  Post,
  Query,
  Req,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  AssignBankLineCommand,
  BANK_CSV_LAYOUT_IDS,
  decodeStatement,
  ImportBankStatementCommand,
  ImportGiftsCommand,
  isBankCsvLayout,
  looksLikeCoda,
  parseBankCsv,
  parseCoda,
  type StatementLine,
  UnreadableStatement,
} from '@rw/fundraising';
import { bankLines } from '@rw/read-models';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Min } from 'class-validator';
import type { Request } from 'express';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { BeneficiaryDto } from '../http/beneficiary.dto';
import { NestedObject } from '../http/nested';
import { PersonDto } from '../http/person.dto';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';

/** A statement or gift file of a few thousand lines is well under this. */
const MAX_FILE_BYTES = 10 * 1024 * 1024;
const STATUSES = ['matched', 'unmatched', 'assigned'] as const;
const BANK_LINES_PAGE = 500;

class BankLinesQueryDto {
  @IsOptional()
  @IsString()
  status?: string;

  @IsOptional()
  @Type(() => Number)
  @Min(1, { message: 'limit must be between 1 and 1000' })
  @Max(1000, { message: 'limit must be between 1 and 1000' })
  @IsInt({ message: 'limit must be a whole number' })
  limit?: number;

  @IsOptional()
  @Type(() => Number)
  @Min(0, { message: 'offset must be 0 or more' })
  @IsInt({ message: 'offset must be a whole number' })
  offset?: number;
}

class AssignBankLineDto {
  @NestedObject(() => BeneficiaryDto)
  beneficiary!: BeneficiaryDto;

  @NestedObject(() => PersonDto)
  donor!: PersonDto;
}

/** Finance brings money received elsewhere in: the bank's statements (CSV or CODA) and lists of gifts (CSV). */
@Controller('api/imports')
export class ImportsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * A bank statement: CODA (recognised by its 128-character header record) or a CSV export, read with the layout
   * `?layout=` names (a bank's own export: kbc, bnp-paribas-fortis, belfius, ing; our own columns: generic, the
   * default). Credits pay the transfer gift their structured communication names; the others are kept as
   * unmatched lines.
   */
  @Post('bank-statements')
  @HttpCode(200)
  @RequireRole('finance')
  async importBankStatement(
    @Req() request: AuthenticatedRequest,
    @Query('format') format: string | undefined,
    @Query('layout') layout: string | undefined,
  ) {
    if (format !== undefined && format !== 'csv' && format !== 'coda') {
      throw invalid('format must be csv or coda (or left out: recognised from the file)', 'format');
    }
    if (layout !== undefined && !isBankCsvLayout(layout)) {
      throw invalid(`layout must be one of ${BANK_CSV_LAYOUT_IDS.join(', ')}`, 'layout');
    }
    if (layout !== undefined && format === 'coda') {
      throw invalid('layout is for CSV files; a CODA file has one layout', 'layout');
    }
    const text = decodeStatement(await bytesOf(request, ['text/csv', 'text/plain', 'application/octet-stream']));
    const coda = format === 'coda' || (format === undefined && layout === undefined && looksLikeCoda(text));
    const csvLayout = layout ?? 'generic';
    const lines = readStatement(() => (coda ? parseCoda(text) : parseBankCsv(text, csvLayout)));
    const outcome = await this.commands.execute(
      new ImportBankStatementCommand(lines, staffOf(request), this.clock().toISOString(), {
        correlationId: String(request.id),
      }),
    );
    await this.projections.settled(outcome.position);
    const { position: _position, ...answer } = outcome;
    return coda ? { format: 'coda', ...answer } : { format: 'csv', layout: csvLayout, ...answer };
  }

  /**
   * Bank lines a page at a time (`limit`, at most 1000, 500 by default; `offset`), with `total` and the `nextOffset`
   * to ask for (null on the last page): a year of statements is too many lines for one answer.
   */
  @Get('bank-lines')
  @RequireRole('finance')
  listBankLines(@Query() query: BankLinesQueryDto) {
    const { status } = query;
    if (status !== undefined && !(STATUSES as readonly string[]).includes(status)) {
      throw invalid(`status must be ${STATUSES.join(', ')}`, 'status');
    }
    const limit = query.limit ?? BANK_LINES_PAGE;
    const offset = query.offset ?? 0;
    const page = bankLines(this.projections.db, status as (typeof STATUSES)[number] | undefined, { limit, offset });
    const nextOffset = offset + page.lines.length < page.total ? offset + page.lines.length : null;
    return { lines: page.lines, total: page.total, limit, offset, nextOffset };
  }

  /** A person says whose gift an unmatched line is: it becomes an offline bank-transfer gift. */
  @Post('bank-lines/:id/assign')
  @HttpCode(200)
  @RequireRole('finance')
  async assignBankLine(
    @Param('id') lineId: string,
    @Body() body: AssignBankLineDto,
    @Req() request: AuthenticatedRequest,
  ) {
    const assigned = await this.commands.execute(
      new AssignBankLineCommand(
        lineId,
        { type: body.beneficiary.type, id: body.beneficiary.id },
        { name: body.donor.name, email: body.donor.email },
        staffOf(request),
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(assigned.position);
    return { id: assigned.lineId, status: 'assigned', donationId: assigned.donationId };
  }

  /**
   * Gifts received elsewhere (DESIGN.md section 4, import CSV): good lines imported as paid gifts in one append,
   * bad lines answered with their line number and reason. `?editionId=` names the edition of lines without
   * team_id or walker_id.
   */
  @Post('donations')
  @HttpCode(200)
  @RequireRole('finance')
  async importGifts(@Req() request: AuthenticatedRequest, @Query('editionId') editionId: string | undefined) {
    if (editionId !== undefined && !/^[\w-]{1,100}$/.test(editionId))
      throw invalid('editionId is not an id', 'editionId');
    const csv = await fileOf(request, ['text/csv']);
    const outcome = await readStatementAsync(() =>
      this.commands.execute(
        new ImportGiftsCommand(csv, editionId, staffOf(request), this.clock().toISOString(), {
          correlationId: String(request.id),
        }),
      ),
    );
    await this.projections.settled(outcome.position);
    return { imported: outcome.imported, skipped: outcome.skipped, errors: outcome.errors };
  }
}

function staffOf(request: AuthenticatedRequest): string {
  return request.staff?.accountId ?? 'unknown';
}

function invalid(message: string, field: string): BadRequestException {
  return new BadRequestException({ message: `invalid request: ${message}`, errors: [{ field, problems: [message] }] });
}

function readStatement(parse: () => StatementLine[]): StatementLine[] {
  try {
    return parse();
  } catch (error) {
    throw unreadable(error);
  }
}

async function readStatementAsync<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw unreadable(error);
  }
}

function unreadable(error: unknown): unknown {
  if (!(error instanceof UnreadableStatement)) return error;
  return new BadRequestException({
    message: error.message,
    errors: error.problems.map(({ line, reason }) => ({ field: `line ${line}`, problems: [reason] })),
  });
}

/** The request body as text: no body parser reads these types, so the stream is ours to read, up to a limit. */
async function fileOf(request: Request, types: readonly string[]): Promise<string> {
  return (await bytesOf(request, types)).toString('utf8');
}

/** The request body's bytes, for a file whose encoding is read from its content (a bank statement). */
async function bytesOf(request: Request, types: readonly string[]): Promise<Buffer> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (!types.includes(type)) throw invalid(`send the file with Content-Type ${types.join(' or ')}`, 'Content-Type');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_FILE_BYTES) throw new PayloadTooLargeException('the file is too large (10 MB at most)');
    chunks.push(chunk as Buffer);
  }
  const bytes = Buffer.concat(chunks);
  const text = bytes.toString('latin1');
  if (text.trim() === '') throw invalid('the file is empty', 'body');
  if (text.includes('\u0000')) throw invalid('the file is not text', 'body');
  return bytes;
}

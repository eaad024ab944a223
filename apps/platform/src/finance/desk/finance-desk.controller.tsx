import { randomUUID } from 'node:crypto';
import {
  type ArgumentsHost,
  Body,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  HttpException,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, EVENT_STORE, type EventStore } from '@rw/event-store';
import {
  AssignBankLineCommand,
  DonationNotFound,
  RequestRefundCommand,
  giftCharges,
  giftRecord,
  refundedByRequest,
  TAX_CERTIFICATE_MINIMUM_CENTS,
} from '@rw/fundraising';
import type { Language } from '@rw/kernel';
import {
  bankLines,
  beneficiaryName,
  brusselsDay,
  donorStatistics,
  giftsPerMonth,
  ledgerRows,
  ReadModelDatabase,
} from '@rw/read-models';
import type { Request, Response } from 'express';
import { type AuthenticatedRequest, AuthService } from '../../accounts/auth';
import { PlatformConfig } from '../../config/config';
import { DonorRecords, NoPersonalData } from '../../donors/donor-records';
import { logInStaff, logOutStaff, typedFormValues } from '../../accounts/staff-session';
import { chooseLanguage, refusal, t, translator } from '../../i18n';
import { ProjectionService } from '../../infrastructure/projection.service';
import { CLOCK, type Clock, LOGGER } from '../../infrastructure/tokens';
import type { Logger } from '../../logging/logger';
import { CsrfGuard, CsrfTokens } from '../../pages/csrf';
import { formatMoney } from '../../views/money';
import { openReadSnapshot } from '@rw/read-models';
import { XLSX_CONTENT_TYPE } from '../export-writers';
import { taxCertificatePdf, taxCertificatesCsv, taxCertificatesXlsx } from '../tax-certificate-files';
import {
  belcotaxFile,
  certificateLine,
  certificateLines,
  charityOf,
  issueCertificates,
  issuedCertificates,
} from '../tax-certificate-lines';
import {
  type FieldErrors,
  type Parsed,
  parseAssignment,
  parseDonorEmail,
  parseLogin,
  parsePeriod,
  parseRefund,
  parseYear,
} from './finance-forms';
import {
  BANK_LINE_FILTERS,
  type BankLineFilter,
  bankLinesPage,
  certificatesPage,
  donorsPage,
  errorPage,
  type FinanceContext,
  type FinanceKey,
  type FormReply,
  giftLookupPage,
  giftPage,
  type LedgerSubtotal,
  ledgerPage,
  loginPage,
  refusedPage,
  statsPage,
} from './finance-views';
import { Subtotals, writeDutchLedgerCsv, writeDutchLedgerXlsx } from './ledger-sheets';
import { FINANCE_DESK, FinanceGuard, FinanceLoginNeeded } from './finance-session';
import { statusOfDomainError } from '../../http/domain-error-status';

/** Movements shown on the ledger page; the downloads hold the whole period. */
const LEDGER_PAGE_ROWS = 500;
const BANK_LINES_PAGE = 50;

/** The notices a redirect may name: words of the catalogue, never text from the address. */
const NOTICES = ['assigned'] as const satisfies readonly FinanceKey[];

function contextOf(
  request: Request,
  response: Response,
  csrf: CsrfTokens | undefined,
  loggedIn: boolean,
): FinanceContext {
  return {
    language: chooseLanguage(request, response),
    url: request.originalUrl,
    csrfToken: csrf ? csrf.issue(request, response) : '',
    loggedIn,
  };
}

/** Not logged in: to the login form; logged in without the finance role: a page saying so; else an error page. */
@Catch()
export class FinanceErrorFilter implements ExceptionFilter {
  constructor(
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly csrf: CsrfTokens,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    const response = host.switchToHttp().getResponse<Response>();
    if (exception instanceof FinanceLoginNeeded && exception.reason === 'login') {
      response.redirect(303, FINANCE_DESK.loginPage);
      return;
    }
    if (exception instanceof FinanceLoginNeeded) {
      response
        .status(403)
        .type('html')
        .send(refusedPage(contextOf(request, response, this.csrf, false)));
      return;
    }
    const ctx = contextOf(request, response, undefined, false);
    const say = (key: FinanceKey) => t(ctx.language, `finance.${key}`);
    const status =
      exception instanceof HttpException
        ? exception.getStatus()
        : exception instanceof DomainError
          ? statusOfDomainError(exception)
          : 500;
    if (status >= 500) this.logger.error({ err: exception }, 'finance desk request failed');
    const [title, text] =
      status === 404
        ? [say('notFoundTitle'), say('notFound')]
        : status === 403
          ? [say('invalidTitle'), say('forbidden')]
          : status < 500
            ? [
                say('invalidTitle'),
                exception instanceof DomainError ? refusal(ctx.language, exception).message : say('invalidRequest'),
              ]
            : [say('errorTitle'), say('error')];
    response
      .status(status)
      .type('html')
      .send(errorPage(ctx, title, text));
  }
}

/** The current year in Brussels. */
const thisYear = (clock: Clock) => Number(brusselsDay(clock().toISOString()).slice(0, 4));

/**
 * The finance desk: pages over the same use cases and queries as the finance API (ledger, refunds, bank lines, tax
 * certificates, donor access and erasure, statistics). A session is the JWT of the API's login in an HttpOnly,
 * SameSite=Strict cookie sent to /finance only; the finance role is checked at every request; every form carries
 * the CSRF token bound to that session, and answers with a redirect so that a reload sends nothing again.
 */
@Controller('finance')
@UseGuards(CsrfGuard)
@UseFilters(FinanceErrorFilter)
export class FinanceDeskController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly auth: AuthService,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(ReadModelDatabase) private readonly readModels: ReadModelDatabase,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly csrf: CsrfTokens,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly records: DonorRecords,
  ) {}

  private context(request: Request, response: Response, loggedIn = true): FinanceContext {
    return contextOf(request, response, this.csrf, loggedIn);
  }

  private say(language: Language, key: FinanceKey, values?: Record<string, string | number>): string {
    return t(language, `finance.${key}`, values);
  }

  private page(response: Response, status: number, html: string): void {
    response.status(status).type('html').send(html);
  }

  // --- session ---

  @Get('login')
  loginForm(@Req() request: Request, @Res() response: Response) {
    this.page(response, 200, loginPage(this.context(request, response, false)));
  }

  @Post('login')
  async login(@Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const ctx = this.context(request, response, false);
    const refuse = (status: number, errors: FieldErrors) =>
      this.page(response, status, loginPage(ctx, { form: 'login', values: typedFormValues(body), errors }));
    const parsed = parseLogin(body, ctx.language);
    if (!parsed.ok) return refuse(400, parsed.errors);
    const http = { request, response, config: this.config };
    const login = await logInStaff(FINANCE_DESK, this.auth, parsed.value, http, translator(ctx.language));
    if (!login.ok) return refuse(login.status, { form: login.refusal });
    response.redirect(303, '/finance/ledger');
  }

  /** Ends the session itself, not only the cookie: its token stops working wherever it was copied. */
  @Post('logout')
  async logout(@Req() request: Request, @Res() response: Response) {
    await logOutStaff(FINANCE_DESK, this.auth, request, response);
  }

  @Get()
  @UseGuards(FinanceGuard)
  home(@Res() response: Response) {
    response.redirect(303, '/finance/ledger');
  }

  // --- ledger ---

  /** The period's movements and subtotals per movement type; this month so far when no period is given. */
  @Get('ledger')
  @UseGuards(FinanceGuard)
  ledger(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const ctx = this.context(request, response);
    const today = brusselsDay(this.clock().toISOString());
    const asked =
      query.from === undefined && query.to === undefined
        ? { from: `${today.slice(0, 8)}01`, to: today }
        : { from: query.from, to: query.to };
    const parsed = parsePeriod(asked, ctx.language);
    const values = typedFormValues(asked);
    if (!parsed.ok) {
      return this.page(
        response,
        400,
        ledgerPage(ctx, {
          from: values.from ?? '',
          to: values.to ?? '',
          total: 0,
          subtotals: [],
          reply: { form: 'period', values, errors: parsed.errors },
        }),
      );
    }
    const { from, to } = parsed.value;
    const subtotals = new Subtotals();
    const rows = [];
    for (const row of ledgerRows(this.projections.db, from, to)) {
      subtotals.add(row);
      if (rows.length < LEDGER_PAGE_ROWS) rows.push(row);
    }
    const kinds: LedgerSubtotal[] = subtotals.kinds;
    this.page(response, 200, ledgerPage(ctx, { from, to, rows, total: subtotals.total.count, subtotals: kinds }));
  }

  /** The period as a file with Dutch column titles, subtotals per movement type and a total. */
  @Get('ledger/download')
  @UseGuards(FinanceGuard)
  async downloadLedger(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const language = chooseLanguage(request);
    const parsed = parsePeriod({ from: query.from, to: query.to }, language);
    const format = query.format;
    if (!parsed.ok || (format !== 'csv' && format !== 'xlsx')) {
      return this.page(
        response,
        400,
        ledgerPage(this.context(request, response), {
          from: typeof query.from === 'string' ? query.from : '',
          to: typeof query.to === 'string' ? query.to : '',
          total: 0,
          subtotals: [],
          reply: {
            form: 'period',
            values: typedFormValues(query),
            errors: parsed.ok ? { form: this.say(language, 'invalidRequest') } : parsed.errors,
          },
        }),
      );
    }
    const { from, to } = parsed.value;
    const snapshot = openReadSnapshot(this.readModels);
    response.status(200);
    response.setHeader('Content-Disposition', `attachment; filename="grootboek-${from}-tot-${to}.${format}"`);
    response.setHeader('Content-Type', format === 'csv' ? 'text/csv; charset=utf-8' : XLSX_CONTENT_TYPE);
    try {
      const rows = ledgerRows(snapshot.db, from, to);
      await (format === 'csv' ? writeDutchLedgerCsv(rows, response) : writeDutchLedgerXlsx(rows, response));
    } catch (error) {
      // the headers are gone: cut the download short rather than hand finance a file that looks complete
      response.destroy(error as Error);
    } finally {
      snapshot.close();
    }
  }

  // --- a gift and its refunds ---

  @Get('gifts')
  @UseGuards(FinanceGuard)
  findGift(@Query('id') id: unknown, @Req() request: Request, @Res() response: Response) {
    const ctx = this.context(request, response);
    if (id === undefined) return this.page(response, 200, giftLookupPage(ctx));
    const wanted = typeof id === 'string' ? id.trim() : '';
    if (!/^[\w-]{1,100}$/.test(wanted)) {
      return this.page(
        response,
        400,
        giftLookupPage(ctx, {
          form: 'gift',
          values: { id: typeof id === 'string' ? id : '' },
          errors: { id: this.say(ctx.language, 'errorGiftId') },
        }),
      );
    }
    response.redirect(303, `/finance/gifts/${encodeURIComponent(wanted)}`);
  }

  @Get('gifts/:id')
  @UseGuards(FinanceGuard)
  async gift(
    @Param('id') id: string,
    @Query('refunded') refunded: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const ctx = this.context(request, response);
    const notice =
      typeof refunded === 'string' && /^\d{1,10}$/.test(refunded)
        ? this.say(ctx.language, 'refunded', { amount: formatMoney(Number(refunded), ctx.language) })
        : undefined;
    await this.renderGift(request, response, id, 200, notice);
  }

  private async renderGift(
    request: Request,
    response: Response,
    id: string,
    status: number,
    notice?: string,
    reply?: FormReply,
  ): Promise<void> {
    const ctx = this.context(request, response);
    const gift = await giftRecord(this.store, id).catch((error: unknown) => {
      if (error instanceof DonationNotFound) return undefined;
      throw error;
    });
    if (!gift) {
      return this.page(
        response,
        404,
        errorPage(ctx, this.say(ctx.language, 'notFoundTitle'), this.say(ctx.language, 'notFound')),
      );
    }
    const beneficiary = beneficiaryName(this.projections.db, gift.beneficiary) ?? gift.beneficiary.id;
    this.page(
      response,
      status,
      giftPage(ctx, {
        id,
        status: gift.status,
        frequency: gift.frequency,
        amountCents: gift.amountCents,
        beneficiaryName: beneficiary,
        history: gift.history,
        // each payment as GET /api/donations/:id/charges shows it
        ...(({ charges, refundableCents }) => ({ charges, refundableCents }))(await giftCharges(this.store, id)),
        refundKey: () => randomUUID(),
        notice,
        reply,
      }),
    );
  }

  /**
   * A refund through the provider, whole or of one payment. The form's key names the request: sent twice, the
   * provider is asked with the same idempotency key (one refund), and a form whose refund is already recorded
   * answers as the first time did, without asking again (the sandbox confirms at once, so nothing would be left).
   */
  @Post('gifts/:id/refunds')
  @UseGuards(FinanceGuard)
  async refund(
    @Param('id') id: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const language = chooseLanguage(request);
    const parsed = parseRefund(body, language);
    if (!parsed.ok) {
      return this.renderGift(request, response, id, 400, undefined, {
        form: 'refund',
        values: {},
        errors: parsed.errors,
      });
    }
    const causationId = `finance-desk-refund:${parsed.value.refundKey}`;
    const done = (cents: number) =>
      response.redirect(303, `/finance/gifts/${encodeURIComponent(id)}?refunded=${cents}`);
    const already = await refundedByRequest(this.store, id, causationId);
    if (already !== undefined) return done(already);
    try {
      const refund = await this.commands.execute(
        new RequestRefundCommand(
          id,
          parsed.value.chargeId === undefined ? {} : { chargeId: parsed.value.chargeId },
          causationId,
          this.clock().toISOString(),
          { correlationId: String(request.id), causationId },
        ),
      );
      await this.projections.settled(refund.position);
      done(refund.amountCents);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      // the same form sent while the first was still running: its refund is recorded now
      const meanwhile = await refundedByRequest(this.store, id, causationId);
      if (meanwhile !== undefined) return done(meanwhile);
      await this.renderGift(request, response, id, statusOfDomainError(error), undefined, {
        form: 'refund',
        values: {},
        errors: { form: refusal(language, error).message },
      });
    }
  }

  // --- bank lines ---

  @Get('bank-lines')
  @UseGuards(FinanceGuard)
  bankLines(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const filter = (BANK_LINE_FILTERS as readonly unknown[]).includes(query.status)
      ? (query.status as BankLineFilter)
      : 'unmatched';
    const offset = typeof query.offset === 'string' && /^\d{1,9}$/.test(query.offset) ? Number(query.offset) : 0;
    const notice = NOTICES.find((n) => n === query.done);
    this.renderBankLines(request, response, 200, filter, offset, notice && this.say(chooseLanguage(request), notice));
  }

  private renderBankLines(
    request: Request,
    response: Response,
    status: number,
    filter: BankLineFilter,
    offset: number,
    notice?: string,
    reply?: FormReply,
  ): void {
    const page = bankLines(this.projections.db, filter === 'all' ? undefined : filter, {
      limit: BANK_LINES_PAGE,
      offset,
    });
    this.page(
      response,
      status,
      bankLinesPage(this.context(request, response), {
        filter,
        lines: page.lines,
        total: page.total,
        offset,
        pageSize: BANK_LINES_PAGE,
        notice,
        reply,
      }),
    );
  }

  /** An unmatched line becomes an offline bank-transfer gift; assigning it again is refused by the line itself. */
  @Post('bank-lines/:id/assign')
  @UseGuards(FinanceGuard)
  async assign(
    @Param('id') lineId: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const language = chooseLanguage(request);
    const form = `assign-${lineId}`;
    const parsed = parseAssignment(body, language);
    const back = (status: number, errors: FieldErrors) =>
      this.renderBankLines(request, response, status, 'unmatched', 0, undefined, {
        form,
        values: typedFormValues(body),
        errors,
      });
    if (!parsed.ok) return back(400, parsed.errors);
    try {
      const assigned = await this.commands.execute(
        new AssignBankLineCommand(
          lineId,
          parsed.value.beneficiary,
          parsed.value.donor,
          request.staff?.accountId ?? 'unknown',
          this.clock().toISOString(),
          { correlationId: String(request.id) },
        ),
      );
      await this.projections.settled(assigned.position);
      response.redirect(303, '/finance/bank-lines?status=assigned&done=assigned');
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const said = refusal(language, error);
      back(statusOfDomainError(error), said.field ? { [said.field]: said.message } : { form: said.message });
    }
  }

  // --- tax certificates ---

  @Get('certificates')
  @UseGuards(FinanceGuard)
  async certificates(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const language = chooseLanguage(request);
    const asked = { year: query.year ?? String(thisYear(this.clock) - 1) };
    const parsed = parseYear(asked, language, 'tax');
    if (!parsed.ok) {
      return this.renderCertificates(request, response, 400, thisYear(this.clock) - 1, undefined, {
        form: 'year',
        values: typedFormValues(asked),
        errors: parsed.errors,
      });
    }
    const issued = typeof query.issued === 'string' ? /^(\d{1,6})-(\d{1,6})$/.exec(query.issued) : null;
    const notice = issued
      ? this.say(language, 'issued', { count: Number(issued[1]), cancelledCount: Number(issued[2]) })
      : undefined;
    await this.renderCertificates(request, response, 200, parsed.value.year, notice);
  }

  private async renderCertificates(
    request: Request,
    response: Response,
    status: number,
    year: number,
    notice?: string,
    reply?: FormReply,
  ): Promise<void> {
    const ctx = this.context(request, response);
    const lines = await certificateLines(this.projections.db, this.store, year);
    const file = belcotaxFile(charityOf(this.config), year, lines.lines, this.clock());
    this.page(
      response,
      status,
      certificatesPage(ctx, {
        year,
        minimumCents: TAX_CERTIFICATE_MINIMUM_CENTS,
        lines: lines.lines,
        missing: lines.missingNationalNumber,
        belcotaxUnavailable: file.ok ? undefined : this.belcotaxReason(ctx.language, file, year),
        notice,
        reply,
      }),
    );
  }

  private belcotaxReason(language: Language, file: ReturnType<typeof belcotaxFile>, year: number): string | undefined {
    if (file.ok) return undefined;
    switch (file.reason) {
      case 'not_an_xml_year':
        return this.say(language, 'belcotaxByHand');
      case 'year_not_over':
        return this.say(language, 'belcotaxYearNotOver', { year: String(year) });
      case 'none_issued':
        return this.say(language, 'belcotaxNoneIssued', { year: String(year) });
      case 'details_to_correct':
        return this.say(language, 'belcotaxToCorrect', { count: file.problems.length });
    }
  }

  /** Issuing is idempotent by itself: issuing again with nothing changed adds nothing. */
  @Post('certificates/issue')
  @UseGuards(FinanceGuard)
  async issue(@Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const language = chooseLanguage(request);
    const parsed = parseYear(body, language, 'tax');
    if (!parsed.ok) {
      return this.renderCertificates(request, response, 400, thisYear(this.clock) - 1, undefined, {
        form: 'issue',
        values: typedFormValues(body),
        errors: { form: Object.values(parsed.errors)[0] },
      });
    }
    const { year } = parsed.value;
    const outcome = await issueCertificates(this.commands, this.projections.db, year, this.clock().toISOString(), {
      correlationId: String(request.id),
    });
    response.redirect(303, `/finance/certificates?year=${year}&issued=${outcome.issued}-${outcome.cancelled}`);
  }

  @Get('certificates/download')
  @UseGuards(FinanceGuard)
  async downloadCertificates(
    @Query() query: Record<string, unknown>,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const language = chooseLanguage(request);
    const parsed = parseYear({ year: query.year }, language, 'tax');
    const format = query.format;
    if (!parsed.ok || (format !== 'csv' && format !== 'xlsx' && format !== 'belcotax')) {
      return this.renderCertificates(request, response, 400, thisYear(this.clock) - 1, undefined, {
        form: 'year',
        values: typedFormValues(query),
        errors: parsed.ok ? { year: this.say(language, 'invalidRequest') } : parsed.errors,
      });
    }
    const { year } = parsed.value;
    const charity = charityOf(this.config);
    const { lines } = await certificateLines(this.projections.db, this.store, year);
    if (format === 'csv') {
      response.set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="281.71-${year}.csv"`,
      });
      response.send(taxCertificatesCsv(year, charity, lines));
      return;
    }
    if (format === 'xlsx') {
      response.set({
        'Content-Type': XLSX_CONTENT_TYPE,
        'Content-Disposition': `attachment; filename="281.71-${year}.xlsx"`,
      });
      response.send(await taxCertificatesXlsx(year, charity, lines));
      return;
    }
    const file = belcotaxFile(charity, year, lines, this.clock());
    if (!file.ok) {
      return this.renderCertificates(request, response, 409, year, undefined, {
        form: 'issue',
        values: {},
        errors: { form: this.belcotaxReason(language, file, year) ?? '' },
      });
    }
    response.set({
      'Content-Type': 'application/xml; charset=utf-8',
      'Content-Disposition': `attachment; filename="belcotax-281.71-${year}.xml"`,
    });
    response.send(file.xml);
  }

  @Get('certificates/:year/:number.pdf')
  @UseGuards(FinanceGuard)
  async certificatePdf(
    @Param('year') year: string,
    @Param('number') number: string,
    @Res({ passthrough: true }) response: Response,
  ) {
    const certificate =
      /^\d{4}$/.test(year) && /^\d{1,9}$/.test(number)
        ? (await issuedCertificates(this.store, Number(year))).find((c) => c.number === Number(number))
        : undefined;
    // a cancelled certificate is no certificate any more: the list links to the one that replaced it
    if (!certificate || certificate.cancelled) throw new HttpException('no such certificate', 404);
    const pdf = await taxCertificatePdf(
      charityOf(this.config),
      { ...certificateLine(certificate, certificate.amountCents), number: certificate.number },
      Number(year),
    );
    response.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="281.71-${year}-${number}.pdf"`,
    });
    return new StreamableFile(pdf);
  }

  // --- donors ---

  @Get('donors')
  @UseGuards(FinanceGuard)
  donors(@Query('erased') erased: unknown, @Req() request: Request, @Res() response: Response) {
    const ctx = this.context(request, response);
    // the address is not put back on the page: the notice only says that it was done
    const notice = erased === '1' ? this.say(ctx.language, 'erased') : undefined;
    this.page(response, 200, donorsPage(ctx, { notice }));
  }

  /** A POST, so that the address stays out of addresses and logs; the answer is the same file as the API's. */
  @Post('donors/access')
  @UseGuards(FinanceGuard)
  async access(@Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const ctx = this.context(request, response);
    const parsed = parseDonorEmail(body, ctx.language, false);
    if (!parsed.ok)
      return this.page(
        response,
        400,
        donorsPage(ctx, { reply: { form: 'access', values: typedFormValues(body), errors: parsed.errors } }),
      );
    try {
      const records = await this.records.access(parsed.value.email);
      response.setHeader('Content-Disposition', `attachment; filename="donor-${records.donorId}.json"`);
      response.status(200).json(records);
    } catch (error) {
      if (!(error instanceof NoPersonalData)) throw error;
      this.page(
        response,
        404,
        donorsPage(ctx, {
          reply: {
            form: 'access',
            values: typedFormValues(body),
            errors: { email: this.say(ctx.language, 'noPersonalData') },
          },
        }),
      );
    }
  }

  @Post('donors/erase')
  @UseGuards(FinanceGuard)
  async erase(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    const ctx = this.context(request, response);
    const parsed = parseDonorEmail(body, ctx.language, true);
    if (!parsed.ok)
      return this.page(
        response,
        400,
        donorsPage(ctx, { reply: { form: 'erase', values: typedFormValues(body), errors: parsed.errors } }),
      );
    try {
      await this.records.erase(parsed.value.email, request.staff?.accountId ?? 'unknown', String(request.id));
      response.redirect(303, '/finance/donors?erased=1');
    } catch (error) {
      if (!(error instanceof NoPersonalData)) throw error;
      this.page(
        response,
        404,
        donorsPage(ctx, {
          reply: {
            form: 'erase',
            values: typedFormValues(body),
            errors: { email: this.say(ctx.language, 'noPersonalData') },
          },
        }),
      );
    }
  }

  // --- statistics ---

  @Get('stats')
  @UseGuards(FinanceGuard)
  stats(@Query() query: Record<string, unknown>, @Req() request: Request, @Res() response: Response) {
    const ctx = this.context(request, response);
    const asked = { year: query.year ?? String(thisYear(this.clock)) };
    const parsed: Parsed<{ year: number }> = parseYear(asked, ctx.language, 'stats');
    if (!parsed.ok) {
      return this.page(
        response,
        400,
        statsPage(ctx, {
          year: thisYear(this.clock),
          months: [],
          reply: { form: 'year', values: typedFormValues(asked), errors: parsed.errors },
        }),
      );
    }
    const { year } = parsed.value;
    const db = this.projections.db;
    this.page(
      response,
      200,
      statsPage(ctx, { year, statistics: donorStatistics(db, year), months: giftsPerMonth(db, year) }),
    );
  }
}

import { PrivateLinks } from '../accounts/private-links';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { randomUUID } from 'node:crypto';
import {
  type ArgumentsHost,
  Body,
  Catch,
  type ExceptionFilter,
  Controller,
  Get,
  Inject,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@rw/event-store';
import { statusOfDomainError } from '../http/domain-error-status';
import { CreateDonationCommand, ExecuteWalkerCommand } from '@rw/fundraising';
import type { Request, Response } from 'express';
import { type AuthenticatedRequest, AuthService } from '../accounts/auth';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { CsrfGuard, CsrfTokens } from '../pages/csrf';
import { chooseLanguage, refusal, type Translate, translator } from '../i18n';
import { endStaffSession, logInStaff, logOutStaff, typedFormValues } from '../accounts/staff-session';
import { type PageContext, pageContext } from '../pages/layout';
import { PageErrorFilter } from '../pages/page-errors';
import { ReactorRunner } from '@rw/runtime/reactors/reactor-runner';
import {
  type Parsed,
  parseDistance,
  parseFeeWaiver,
  parseLogin,
  parseOfflineGift,
  parseProposalAcceptance,
} from './desk-forms';
import { type DeskMessages, deskMessages } from './desk-messages';
import { type DeskView, deskLoginPage, deskPage, type FormReply } from './desk-page';
import { brusselsDay, formatMoney } from '@rw/kernel';
import {
  distanceProposalOf,
  findFundraisers,
  openPledges,
  pendingDistanceProposals,
  pendingFees,
  walkerView,
} from '@rw/read-models';
import { DeskGuard, DeskLoginNeeded, ORGANISER_DESK } from './desk-session';

/** Not logged in (or not an organiser): to the login form; any other error: the site's error page. */
@Catch()
export class DeskErrorFilter implements ExceptionFilter {
  private readonly pages: PageErrorFilter;

  constructor(@Inject(LOGGER) logger: Logger) {
    this.pages = new PageErrorFilter(logger);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof DeskLoginNeeded) {
      const response = host.switchToHttp().getResponse<Response>();
      if (exception.reason === 'role') endStaffSession(ORGANISER_DESK, response);
      response.redirect(303, ORGANISER_DESK.loginPage);
      return;
    }
    this.pages.catch(exception, host);
  }
}

/** Back to the search, with the notice of what was done; signed, so a link made elsewhere cannot put words there. */
const backTo = (query: unknown, notice: string, signature: string) =>
  `/desk?${new URLSearchParams({ ...(typeof query === 'string' && query ? { q: query } : {}), done: notice, sig: signature }).toString()}`;

/**
 * The organiser desk: server-rendered forms over the same commands as the API. A session is the JWT of the API's
 * login in an HttpOnly, SameSite=Strict cookie; every form carries the CSRF token as well.
 */
@Controller('desk')
@UseGuards(CsrfGuard)
@UseFilters(DeskErrorFilter)
export class DeskController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly auth: AuthService,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly reactions: ReactorRunner,
    private readonly csrf: CsrfTokens,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly links: PrivateLinks,
  ) {}

  private context(request: Request, response: Response): PageContext {
    return pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
  }

  /** What the form checks say, in the language the page is shown in. */
  private words(request: Request): DeskMessages {
    return deskMessages(chooseLanguage(request));
  }

  /** The desk's sentences in the page's language (the notice after a redirect is in it too). */
  private say(request: Request): Translate {
    return translator(chooseLanguage(request));
  }

  @Get('login')
  loginForm(@Req() request: Request, @Res() response: Response) {
    response.type('html').send(deskLoginPage(this.context(request, response)));
  }

  @Post('login')
  async login(@Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const t = this.say(request);
    const parsed = parseLogin(body, this.words(request));
    const refuse = (status: number, errors: Record<string, string>) =>
      response
        .status(status)
        .type('html')
        .send(deskLoginPage(this.context(request, response), { form: 'login', values: typedFormValues(body), errors }));
    if (!parsed.ok) return refuse(400, parsed.errors);
    const login = await logInStaff(
      ORGANISER_DESK,
      this.auth,
      parsed.value,
      { request, response, config: this.config },
      t,
    );
    if (!login.ok) return refuse(login.status, { form: login.refusal });
    response.redirect(303, '/desk');
  }

  /** Ends the session itself, not only the cookie: its token stops working wherever it was copied. */
  @Post('logout')
  async logout(@Req() request: Request, @Res() response: Response) {
    await logOutStaff(ORGANISER_DESK, this.auth, request, response);
  }

  @Get()
  @UseGuards(DeskGuard)
  desk(
    @Query('q') q: unknown,
    @Query('done') done: unknown,
    @Query('sig') signature: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    const signed =
      typeof done === 'string' && typeof signature === 'string' && this.links.verify('desk-notice', done, signature);
    const notice = signed ? done.slice(0, 200) : undefined;
    this.render(request, response, 200, typeof q === 'string' ? q : '', notice);
  }

  @Post('walkers/:id/distance')
  @UseGuards(DeskGuard)
  async recordDistance(
    @Param('id') walkerId: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const form = `distance-${walkerId}`;
    await this.handle(request, response, form, body, parseDistance(body, this.words(request)), async ({ km }) => {
      const metadata = { correlationId: String(request.id) };
      const at = this.clock().toISOString();
      const outcome = await this.commands.execute(
        new ExecuteWalkerCommand({ type: 'RecordDistance', walkerId, km, by: this.staffId(request), at }, metadata),
      );
      // the pledges on this walker fall due in a reaction: the answer waits for it, as for the read models
      await this.projections.settled(outcome.position);
      await this.reactions.settledAndRead(outcome.position);
      return this.say(request)('desk.distanceRecorded', { km });
    });
  }

  /**
   * One click accepts the distance a walker proposed from their track: it is recorded as an organiser's record is
   * (RecordDistance), so per-km pledges fall due exactly as for a typed distance. A second click changes nothing.
   */
  @Post('walkers/:id/distance-proposal')
  @UseGuards(DeskGuard)
  async acceptDistanceProposal(
    @Param('id') walkerId: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    const form = `proposal-${walkerId}`;
    const parsed = parseProposalAcceptance(body, this.words(request));
    await this.handle(request, response, form, body, parsed, async ({ proposalId }) => {
      // the decider holds the rule (a replaced proposal is refused, a second acceptance changes nothing)
      const outcome = await this.commands.execute(
        new ExecuteWalkerCommand(
          {
            type: 'RecordDistance',
            walkerId,
            km: distanceProposalOf(this.projections.db, walkerId)?.km ?? 0,
            by: this.staffId(request),
            at: this.clock().toISOString(),
            proposalId,
          },
          { correlationId: String(request.id) },
        ),
      );
      await this.projections.settled(outcome.position);
      await this.reactions.settledAndRead(outcome.position);
      const km = outcome.state.status === 'none' ? 0 : (outcome.state.km ?? 0);
      const name = walkerView(this.projections.db, walkerId)?.name ?? '';
      return this.say(request)('desk.proposalAccepted', { km, name });
    });
  }

  @Post('walkers/:id/fee-waiver')
  @UseGuards(DeskGuard)
  async waiveFee(
    @Param('id') walkerId: string,
    @Body() body: unknown,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ) {
    await this.handle(
      request,
      response,
      `fee-${walkerId}`,
      body,
      parseFeeWaiver(body, this.words(request)),
      async ({ reason }) => {
        const outcome = await this.commands.execute(
          new ExecuteWalkerCommand(
            {
              type: 'WaiveRegistrationFee',
              walkerId,
              reason,
              by: this.staffId(request),
              at: this.clock().toISOString(),
            },
            { correlationId: String(request.id) },
          ),
        );
        await this.projections.settled(outcome.position);
        return this.say(request)('desk.feeWaived');
      },
    );
  }

  @Post('gifts')
  @UseGuards(DeskGuard)
  async recordGift(@Body() body: unknown, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    const values = typedFormValues(body);
    const form = `gift-${values.beneficiaryType}-${values.beneficiaryId}`;
    await this.handle(request, response, form, body, parseOfflineGift(body, this.words(request)), async (gift) => {
      const recorded = await this.commands.execute(
        new CreateDonationCommand(
          {
            beneficiary: gift.beneficiary,
            amountCents: gift.amountCents,
            frequency: 'one_off',
            // no address: the domain reads '' as none (no mail, no certificate)
            donor: { name: gift.donor.name, email: gift.donor.email ?? '' },
            anonymous: false,
            offline: {
              by: this.staffId(request),
              method: gift.method,
              receivedOn: gift.receivedOn,
              ...(gift.reference ? { reference: gift.reference } : {}),
              ...(gift.collective ? { collective: true } : {}),
            },
          },
          `desk:${gift.giftKey}`,
          '',
          this.clock().toISOString(),
          { correlationId: String(request.id) },
        ),
      );
      await this.projections.settled(recorded.position);
      return this.say(request)('desk.giftRecorded', { amount: formatMoney(gift.amountCents, chooseLanguage(request)) });
    });
  }

  private staffId(request: AuthenticatedRequest): string {
    return request.staff?.accountId ?? 'unknown';
  }

  /**
   * Runs a desk form: bad input or a refused command shows the desk again with the error next to the form (400,
   * nothing written); success goes back to the search the organiser came from (303, so a reload sends nothing).
   */
  private async handle<T>(
    request: Request,
    response: Response,
    form: string,
    body: unknown,
    parsed: Parsed<T>,
    run: (value: T) => Promise<string>,
  ): Promise<void> {
    const query = typedFormValues(body).q ?? '';
    if (!parsed.ok) {
      this.render(request, response, 400, query, undefined, {
        form,
        values: typedFormValues(body),
        errors: parsed.errors,
      });
      return;
    }
    try {
      const notice = await run(parsed.value);
      response.redirect(303, backTo(query, notice, this.links.token('desk-notice', notice)));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const status = statusOfDomainError(error);
      // said in the organiser's language, under the field it is about when the form shows that field
      const refused = refusal(chooseLanguage(request), error);
      this.render(request, response, status, query, undefined, {
        form,
        values: typedFormValues(body),
        errors: { [refused.field ?? 'form']: refused.message },
      });
    }
  }

  private render(
    request: Request,
    response: Response,
    status: number,
    query: string,
    notice?: string,
    reply?: FormReply,
  ): void {
    const db = this.projections.db;
    const view: DeskView = {
      query,
      found: query.trim() ? findFundraisers(db, query.trim()) : undefined,
      pendingFees: pendingFees(db),
      distanceProposals: pendingDistanceProposals(db),
      openPledges: openPledges(db),
      notice,
      reply,
      today: brusselsDay(this.clock().toISOString()),
      giftKey: () => randomUUID(),
    };
    response
      .status(status)
      .type('html')
      .send(deskPage(this.context(request, response), view));
  }
}

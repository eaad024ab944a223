import { centsOf } from '@rw/kernel';
import { createHash, randomUUID } from 'node:crypto';
import { chooseLanguage } from '../i18n';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, EVENT_STORE, type EventStore } from '@rw/event-store';
import {
  CreateDonationCommand,
  giftNow,
  CancelMonthlyGiftCommand,
  MakePledgeCommand,
  pledgeNow,
  RETURN_ID,
} from '@rw/fundraising';
import { beneficiaryName } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import { PublicPostRateLimit } from '../http/rate-limits';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { CsrfGuard, CsrfTokens } from './csrf';
import { MakePledgeDto } from '../pledges/pledges.controller';
import { domainField, refuseInto } from './form-refusals';
import { addDtoErrors, dtoProblems, emptyForm, type FormState, formValues, personFields } from './forms';
import { type PageContext, pageContext } from './layout';
import { PageErrorFilter } from './page-errors';
import {
  cancelMonthlyPage,
  payPledgePage,
  type PledgeToPay,
  pledgePage,
  pledgeThanksPage,
} from './views/gift-link-pages';

const PLEDGE_PATHS = ['walkers/:id/pledge', 'teams/:id/pledge'];
const PLEDGE_FIELDS = ['attempt', 'kind', 'amount', 'cap', 'name', 'email'];
/** The pledge form's field for each field of a pledge the domain may refuse. */
const PLEDGE_FIELDS_OF: Record<string, string> = { amountCents: 'amount', capCents: 'cap', kind: 'kind' };

/** Pages reached from a link in an e-mail or a second choice on the checkout: stop a monthly gift, pledge, pay a pledge. */
@Controller()
@UseGuards(CsrfGuard)
@UseFilters(PageErrorFilter)
export class GiftLinksController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly csrf: CsrfTokens,
    private readonly links: PrivateLinks,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private context(request: Request, response: Response): PageContext {
    return pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
  }

  @Get('donations/:id/cancel')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async cancelPage(
    @Param('id') id: string,
    @Query('token') token: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const state = await this.monthlyGift(id, token);
    return cancelMonthlyPage({
      ctx: this.context(request, response),
      donationId: id,
      token: token ?? '',
      amountCents: state.gift.amountCents,
      cancelled: state.cancelled,
    });
  }

  /** Stops the gift (the provider's subscription first, then the fact); doing it twice changes nothing. */
  @Post('donations/:id/cancel')
  async cancel(
    @Param('id') id: string,
    @Query('token') token: string | undefined,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    formValues(body, []);
    this.checkCancelLink(id, token);
    const outcome = await this.commands.execute(
      new CancelMonthlyGiftCommand(id, 'donor', this.clock().toISOString(), { correlationId: String(request.id) }),
    );
    await this.projections.settled(outcome.position);
    response.redirect(303, `/donations/${encodeURIComponent(id)}/cancel?token=${encodeURIComponent(token ?? '')}`);
  }

  private checkCancelLink(id: string, token: string | undefined): void {
    if (!this.links.verify('cancel-monthly-gift', id, token)) {
      throw new ForbiddenException('this link does not stop this gift');
    }
  }

  private async monthlyGift(id: string, token: string | undefined) {
    this.checkCancelLink(id, token);
    return giftNow(this.store, id);
  }

  @Get('pledges/:id/pay')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async pledgePage(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    return this.renderPledgePayment(this.context(request, response), id, await pledgeNow(this.store, id));
  }

  /** What the pay page shows of a pledge. */
  private renderPledgePayment(
    ctx: PageContext,
    id: string,
    state: Awaited<ReturnType<typeof pledgeNow>>,
    changed = false,
  ): string {
    return payPledgePage(ctx, id, this.pledgeToPay(state, changed));
  }

  private pledgeToPay(state: Awaited<ReturnType<typeof pledgeNow>>, changed: boolean): PledgeToPay {
    if (state.status === 'fulfilled') return { status: 'fulfilled', donationId: state.donationId };
    if (state.status !== 'due') return { status: 'not_due' };
    const { pledge } = state;
    // a page that pays must not fail for a name: a walker who has since been removed is simply not named
    const whom = beneficiaryName(this.projections.db, pledge.beneficiary);
    return {
      status: 'due',
      dueCents: state.dueCents,
      ...(whom === undefined ? {} : { whom }),
      sponsorName: pledge.sponsor.name,
      kind: pledge.kind,
      km: state.km,
      amountCents: pledge.amountCents,
      ...(pledge.capCents === undefined ? {} : { capCents: pledge.capCents }),
      changed,
    };
  }

  /**
   * A due pledge becomes a gift with its pledgeId, then on to the provider; the pledge is fulfilled when it is paid.
   * The form says which amount the sponsor saw: a distance corrected since (the pledge is due again, for another
   * amount) gets the page back with the new amount to confirm, and nothing is written.
   */
  @Post('pledges/:id/pay')
  @PublicPostRateLimit()
  async payPledge(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const { amountCents: shown } = formValues(body, ['amountCents']);
    const state = await pledgeNow(this.store, id);
    if (state.status !== 'due') {
      response.redirect(303, `/pledges/${encodeURIComponent(id)}/pay`);
      return;
    }
    if (shown !== String(state.dueCents)) {
      response
        .status(409)
        .type('text/html; charset=utf-8')
        .send(this.renderPledgePayment(this.context(request, response), id, state, true));
      return;
    }
    const { pledge } = state;
    const checkout = await this.commands.execute(
      new CreateDonationCommand(
        {
          beneficiary: pledge.beneficiary,
          amountCents: state.dueCents,
          frequency: 'one_off',
          donor: pledge.sponsor,
          anonymous: false,
          pledgeId: id,
          language: chooseLanguage(request),
        },
        // one gift per due amount, however often the button is pressed
        `pledge-${id}-${state.dueCents}`,
        `${this.config.PUBLIC_BASE_URL}/donations/${RETURN_ID}/result`,
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(checkout.position);
    response.redirect(303, checkout.checkoutUrl ?? `/donations/${encodeURIComponent(checkout.donationId)}/result`);
  }

  @Get(PLEDGE_PATHS)
  @Header('Content-Type', 'text/html; charset=utf-8')
  pledgeForm(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const type = request.path.startsWith('/walkers/') ? 'walker' : 'team';
    return this.renderPledge(
      this.context(request, response),
      type,
      id,
      this.name(type, id),
      emptyForm({ attempt: randomUUID(), kind: 'fixed' }),
    );
  }

  @Post(PLEDGE_PATHS)
  @PublicPostRateLimit()
  async makePledge(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const type = request.path.startsWith('/walkers/') ? 'walker' : 'team';
    const name = this.name(type, id);
    const ctx = this.context(request, response);
    const { t } = ctx;
    const form = emptyForm(formValues(body, PLEDGE_FIELDS));
    const amountCents = centsOf(form.values.amount ?? '');
    const capCents = form.values.cap ? centsOf(form.values.cap) : undefined;
    if (form.values.cap && capCents === undefined) form.errors.cap = t('pages.errorAmount');
    // the API's pledge body, checked by its own DTO: kind, amounts, the sponsor's name and address
    addDtoErrors(
      form,
      dtoProblems(MakePledgeDto, {
        beneficiary: { type, id },
        sponsor: { name: form.values.name ?? '', email: form.values.email ?? '' },
        kind: form.values.kind,
        amountCents,
        ...(capCents === undefined ? {} : { capCents }),
        language: ctx.lang,
      }),
      {
        kind: ['kind', () => t('pages.errorChoose')],
        amountCents: ['amount', () => t('pages.errorAmount')],
        capCents: ['cap', () => t('pages.errorAmount')],
        ...personFields(t, 'sponsor'),
      },
    );
    if (!/^[\w-]{8,64}$/.test(form.values.attempt ?? '')) form.values.attempt = randomUUID();
    if (!Object.keys(form.errors).length) {
      try {
        const pledge = {
          beneficiary: { type: type as 'walker' | 'team', id },
          sponsor: { name: form.values.name, email: form.values.email },
          kind: form.values.kind as 'fixed' | 'per_km',
          amountCents: amountCents as number,
          ...(capCents === undefined || form.values.kind !== 'per_km' ? {} : { capCents }),
          language: ctx.lang,
        };
        const made = await this.commands.execute(
          new MakePledgeCommand(
            pledge,
            this.clock().toISOString(),
            { correlationId: String(request.id) },
            // the form's attempt id and what it pledges: a reload or a double click makes one pledge, while a
            // sponsor who goes back and changes the amount makes the pledge the page now shows
            `page-${form.values.attempt}-${createHash('sha256').update(JSON.stringify(pledge)).digest('hex').slice(0, 32)}`,
          ),
        );
        await this.projections.settled(made.position);
        response
          .status(200)
          .type('text/html; charset=utf-8')
          .send(pledgeThanksPage(ctx, `/${type}s/${id}`));
        return;
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
        refuseInto(form, ctx.lang, error, (_code, refused) => PLEDGE_FIELDS_OF[domainField(refused) ?? ''], 'amount');
      }
    }
    response
      .status(400)
      .type('text/html; charset=utf-8')
      .send(this.renderPledge(ctx, type, id, name, form));
  }

  private name(type: 'walker' | 'team', id: string): string {
    const name = beneficiaryName(this.projections.db, { type, id });
    if (name === undefined) throw new NotFoundException(`no ${type} ${id}`);
    return name;
  }

  private renderPledge(ctx: PageContext, type: 'walker' | 'team', id: string, name: string, form: FormState): string {
    return pledgePage({ ctx, type, id, name, form });
  }
}

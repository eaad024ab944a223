import {
  Body,
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { CreateDonationCommand, giftNow, type SettleDonation, SettleDonationCommand, RETURN_ID } from '@rw/fundraising';
import { PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import type { DatabaseSync } from 'node:sqlite';
import { editionSummary, teamView, walkerView } from '@rw/read-models';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { CsrfGuard, CsrfTokens } from '../pages/csrf';
import { type PageContext, pageContext } from '../pages/layout';
import { PageErrorFilter } from '../pages/page-errors';
import { donationResultPage, feeResultPage } from '../pages/views/payment-result-pages';
import { RegistrationFees } from './registration-fees';
import { sandboxCheckoutPage } from './sandbox-checkout-pages';

/** What the sandbox's "provider" reports for a gift's first payment: the settle call and the checkout page alike. */
export function sandboxSettlement(
  donationId: string,
  outcome: 'paid' | 'failed' | 'expired' | 'canceled',
  at: string,
): SettleDonation {
  return {
    type: 'SettleDonation',
    donationId,
    outcome,
    providerReference: `sandbox_${donationId}`,
    ...(outcome === 'failed' ? { reason: SANDBOX_DECLINE_REASON } : {}),
    at,
  };
}

/** A gift in one of these states can be tried again. */
const RETRYABLE: readonly string[] = ['failed', 'expired', 'canceled'];

/** What the sandbox says when the donor chooses "payment failed", as a provider gives its decline reason. */
export const SANDBOX_DECLINE_REASON = 'declined in the sandbox';

/** The walker a sandbox reference `fee-<walkerId>` is the registration fee of; undefined for a donation. */
function feeWalkerId(reference: string): string | undefined {
  return reference.startsWith('fee-') ? reference.slice('fee-'.length) : undefined;
}

class SandboxOutcomeForm {
  @IsIn(['paid', 'failed', 'canceled'], { message: 'outcome must be paid, failed or canceled' })
  outcome!: 'paid' | 'failed' | 'canceled';
}

/**
 * The sandbox's hosted checkout: the page a donor reaches through `checkoutUrl` when no real provider is
 * configured, and the result page the provider would send them back to. Plain HTML forms, no script.
 */
@Controller()
@UseGuards(CsrfGuard)
@UseFilters(PageErrorFilter)
export class SandboxPagesController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly fees: RegistrationFees,
    private readonly csrf: CsrfTokens,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
  ) {}

  @Get('sandbox/checkout/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async checkout(
    @Param('id') id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    if (this.config.PAYMENT_PROVIDER !== 'sandbox') throw new NotFoundException('the sandbox is not enabled');
    const ctx = this.context(request, response);
    const walkerId = feeWalkerId(id);
    if (walkerId) return this.feeCheckout(ctx, id, walkerId);
    const state = await giftNow(this.store, id);
    return sandboxCheckoutPage({
      ctx,
      reference: id,
      amountCents: state.gift.amountCents,
      monthly: state.gift.frequency === 'monthly',
      what: { gift: true, ...beneficiaryNamed(this.projections.db, state.gift.beneficiary) },
      open: state.status === 'pending',
    });
  }

  @Post('sandbox/checkout/:id')
  async choose(
    @Param('id') id: string,
    @Body() form: SandboxOutcomeForm,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    if (this.config.PAYMENT_PROVIDER !== 'sandbox') throw new NotFoundException('the sandbox is not enabled');
    const walkerId = feeWalkerId(id);
    if (walkerId) {
      await this.fees.settle(walkerId, form.outcome, String(request.id));
      response.redirect(303, `/registration-fees/${encodeURIComponent(walkerId)}/result`);
      return;
    }
    await giftNow(this.store, id);
    const outcome = await this.commands.execute(
      new SettleDonationCommand(sandboxSettlement(id, form.outcome, this.clock().toISOString()), {
        correlationId: String(request.id),
      }),
    );
    await this.projections.settled(outcome.position);
    response.redirect(303, `/donations/${encodeURIComponent(id)}/result`);
  }

  /** Where the provider sends the donor back; it shows what we know, never what the redirect claims. */
  @Get('donations/:id/result')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async result(
    @Param('id') id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const state = await giftNow(this.store, id);
    const ctx = this.context(request, response);
    // a declined attempt inside a checkout that is still open: the donor goes back to that same checkout
    const declined = state.status === 'pending' && state.failureReason !== undefined && state.checkout !== undefined;
    const reason = state.failureReason;
    const back = backLink(state.gift.beneficiary);
    return donationResultPage({
      ctx,
      donationId: id,
      status: state.status,
      amountCents: state.gift.amountCents,
      // the sandbox's own reason is ours to translate; a provider's reason is shown as the provider gave it
      ...(reason ? { reason: reason === SANDBOX_DECLINE_REASON ? ctx.t('pages.sandboxDeclined') : reason } : {}),
      ...(declined && state.checkout ? { declinedCheckoutUrl: state.checkout.checkoutUrl } : {}),
      retryable: RETRYABLE.includes(state.status),
      ...(back ? { backTo: back } : {}),
    });
  }

  /**
   * A new attempt at a gift that failed, expired or was canceled: the same gift as a new donation (named after the
   * first, so a double click makes one), then on to its checkout.
   */
  @Post('donations/:id/retry')
  async retry(@Param('id') id: string, @Req() request: Request, @Res() response: Response) {
    const state = await giftNow(this.store, id);
    if (!RETRYABLE.includes(state.status)) {
      response.redirect(303, `/donations/${encodeURIComponent(id)}/result`);
      return;
    }
    const gift = state.gift;
    const checkout = await this.commands.execute(
      new CreateDonationCommand(
        {
          beneficiary: gift.beneficiary,
          amountCents: gift.amountCents,
          frequency: gift.frequency,
          donor: gift.donor,
          ...(gift.message ? { message: gift.message } : {}),
          anonymous: gift.anonymous,
          // the method asked before, while the provider offers it: a gift recorded before methods were checked may
          // name one it has not (sepa at Mollie), and then the payer chooses at the provider instead
          ...(gift.method && (this.provider.methodsFor(gift.frequency) as string[]).includes(gift.method)
            ? { method: gift.method }
            : {}),
          ...(gift.pledgeId ? { pledgeId: gift.pledgeId } : {}),
          // the mails of the new attempt come in the language the donor gave first
          ...(gift.language ? { language: gift.language } : {}),
        },
        `retry-of-${id}`,
        `${this.config.PUBLIC_BASE_URL}/donations/${RETURN_ID}/result`,
        this.clock().toISOString(),
        { correlationId: String(request.id), causationId: id },
      ),
    );
    await this.projections.settled(checkout.position);
    response.redirect(303, checkout.checkoutUrl ?? `/donations/${encodeURIComponent(checkout.donationId)}/result`);
  }

  private context(request: Request, response: Response): PageContext {
    return pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
  }

  private async feeCheckout(ctx: PageContext, reference: string, walkerId: string): Promise<string> {
    const walker = await this.fees.walker(walkerId);
    return sandboxCheckoutPage({
      ctx,
      reference,
      amountCents: walker.registrationFeeCents,
      monthly: false,
      what: { gift: false, walkerName: walker.name },
      open: walker.fee === 'pending_fee',
    });
  }

  @Get('registration-fees/:walkerId/result')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async feeResult(
    @Param('walkerId') walkerId: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const walker = await this.fees.walker(walkerId);
    return feeResultPage({
      ctx: this.context(request, response),
      walkerId,
      walkerName: walker.name,
      fee: walker.fee === 'paid' || walker.fee === 'pending_fee' ? walker.fee : 'none',
      feeCents: walker.registrationFeeCents,
    });
  }
}

function backLink(beneficiary: { type: string; id: string }): string | undefined {
  if (beneficiary.type === 'walker') return `/walkers/${encodeURIComponent(beneficiary.id)}`;
  if (beneficiary.type === 'team') return `/teams/${encodeURIComponent(beneficiary.id)}`;
  if (beneficiary.type === 'edition') return `/editions/${encodeURIComponent(beneficiary.id)}`;
  return undefined;
}

/** The name of whom a gift is for, from the read models; nothing when it is not (or no longer) there. */
function beneficiaryNamed(
  db: DatabaseSync,
  beneficiary: { type: 'walker' | 'team' | 'edition'; id: string },
): { to?: { type: 'walker' | 'team' | 'edition'; name: string } } {
  const name =
    beneficiary.type === 'walker'
      ? walkerView(db, beneficiary.id)?.name
      : beneficiary.type === 'team'
        ? teamView(db, beneficiary.id)?.name
        : editionSummary(db, beneficiary.id)?.name;
  return name ? { to: { type: beneficiary.type, name } } : {};
}

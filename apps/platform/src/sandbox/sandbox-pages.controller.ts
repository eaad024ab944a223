import { Body, Controller, Get, Header, Inject, NotFoundException, Param, Post, Req, Res } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, loadState } from '@rw/event-store';
import {
  CreateDonationCommand,
  donationDecider,
  donationStream,
  type SettleDonation,
  SettleDonationCommand,
} from '@rw/fundraising';
import { IsIn } from 'class-validator';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { euros, html, page, raw } from './html';
import { RegistrationFees } from './registration-fees';

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
export class SandboxPagesController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly fees: RegistrationFees,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get('sandbox/checkout/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async checkout(@Param('id') id: string): Promise<string> {
    if (this.config.PAYMENT_PROVIDER !== 'sandbox') throw new NotFoundException('the sandbox is not enabled');
    const walkerId = feeWalkerId(id);
    if (walkerId) return this.feeCheckout(id, walkerId);
    const state = await this.donation(id);
    const monthly = state.gift.frequency === 'monthly';
    const body =
      state.status === 'pending'
        ? html`<form method="post" action="/sandbox/checkout/${id}">
  <button class="pay" name="outcome" value="paid">Betalen</button>
  <button name="outcome" value="failed">Betaling mislukt</button>
  <button name="outcome" value="canceled">Annuleren</button>
</form>`
        : html`<p>Deze betaling is al afgehandeld (${state.status}). <a href="/donations/${id}/result">Bekijk het resultaat</a>.</p>`;
    return page(
      'Sandbox-betaling',
      html`<p class="banner">Sandbox: hier gaat geen echt geld om. Kies wat de betaalprovider zou antwoorden.</p>
<h1>Gift aan de Refugee Walk</h1>
<p class="amount">${euros(state.gift.amountCents)}${monthly ? ' per maand' : ''}</p>
${raw(body)}`,
    );
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
    await this.donation(id);
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
  async result(@Param('id') id: string): Promise<string> {
    const state = await this.donation(id);
    const amount = euros(state.gift.amountCents);
    const message: Record<string, string> = {
      pending: `We wachten nog op de bevestiging van je betaling van ${amount}. Dat kan even duren.`,
      paid: `Dank je wel! Je gift van ${amount} is ontvangen.`,
      failed: `Je betaling van ${amount} is niet gelukt${state.failureReason ? ` (${state.failureReason})` : ''}.`,
      expired: `Je betaling van ${amount} is verlopen.`,
      canceled: `Je hebt de betaling van ${amount} geannuleerd.`,
      refunded: `Je gift van ${amount} werd terugbetaald.`,
      partially_refunded: `Je gift van ${amount} werd gedeeltelijk terugbetaald.`,
      charged_back: `Je gift van ${amount} werd door je bank teruggeboekt.`,
    };
    const retry = RETRYABLE.includes(state.status)
      ? html`<form method="post" action="/donations/${id}/retry"><button class="pay">Probeer opnieuw</button></form>`
      : '';
    return page('Je gift', html`<h1>Je gift</h1><p role="status">${message[state.status]}</p>${raw(retry)}`);
  }

  /**
   * A new attempt at a gift that failed, expired or was canceled: the same gift as a new donation (named after the
   * first, so a double click makes one), then on to its checkout.
   */
  @Post('donations/:id/retry')
  async retry(@Param('id') id: string, @Req() request: Request, @Res() response: Response) {
    const state = await this.donation(id);
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
          ...(gift.method ? { method: gift.method } : {}),
          ...(gift.pledgeId ? { pledgeId: gift.pledgeId } : {}),
        },
        `retry-of-${id}`,
        (donationId) => `${this.config.PUBLIC_BASE_URL}/donations/${donationId}/result`,
        this.clock().toISOString(),
        { correlationId: String(request.id), causationId: id },
      ),
    );
    await this.projections.settled(checkout.position);
    response.redirect(303, checkout.checkoutUrl ?? `/donations/${encodeURIComponent(checkout.donationId)}/result`);
  }

  private async feeCheckout(reference: string, walkerId: string): Promise<string> {
    const walker = await this.fees.walker(walkerId);
    const body =
      walker.fee === 'pending_fee'
        ? html`<form method="post" action="/sandbox/checkout/${reference}">
  <button class="pay" name="outcome" value="paid">Betalen</button>
  <button name="outcome" value="failed">Betaling mislukt</button>
  <button name="outcome" value="canceled">Annuleren</button>
</form>`
        : html`<p>Er is geen inschrijvingsgeld (meer) te betalen.</p>`;
    return page(
      'Sandbox-betaling',
      html`<p class="banner">Sandbox: hier gaat geen echt geld om. Kies wat de betaalprovider zou antwoorden.</p>
<h1>Inschrijvingsgeld Refugee Walk</h1>
<p>${walker.name}</p>
<p class="amount">${euros(walker.registrationFeeCents)}</p>
${raw(body)}`,
    );
  }

  @Get('registration-fees/:walkerId/result')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async feeResult(@Param('walkerId') walkerId: string): Promise<string> {
    const walker = await this.fees.walker(walkerId);
    const message =
      walker.fee === 'paid'
        ? `Dank je wel, ${walker.name}: je inschrijvingsgeld is betaald. Je bent ingeschreven!`
        : walker.fee === 'pending_fee'
          ? `Je inschrijvingsgeld van ${euros(walker.registrationFeeCents)} is nog niet betaald.`
          : `Je bent ingeschreven, ${walker.name}: er is geen inschrijvingsgeld te betalen.`;
    return page('Je inschrijving', html`<h1>Je inschrijving</h1><p role="status">${message}</p>`);
  }

  private async donation(id: string) {
    const { state } = await loadState(this.store, donationStream(id), donationDecider);
    if (state.status === 'none') throw new NotFoundException(`no donation ${id}`);
    return state;
  }
}

import { Controller, Get, Inject, NotFoundException, Param, Query, Res, UseFilters } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { registrationFeeCheckout, walkerFeeNow } from '@rw/fundraising';
import { isLanguage } from '@rw/kernel';
import { PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import type { Response } from 'express';
import { PlatformConfig } from '../config/config';
import { PageErrorFilter } from './page-errors';

/**
 * The pay link of a walker's registration fee, as the registration and join mails carry it: while the fee is owed
 * it opens the fee's checkout (the same one the registration opened: the request and its idempotency key are the
 * same, so following the link twice opens no second checkout); once paid, waived or free it shows the fee's result.
 * A GET, as a link in a mail must be; it changes nothing of ours.
 */
@Controller()
@UseFilters(PageErrorFilter)
export class FeePaymentController {
  constructor(
    private readonly config: PlatformConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  @Get('registration-fees/:walkerId/pay')
  async pay(@Param('walkerId') walkerId: string, @Query('lang') lang: unknown, @Res() response: Response) {
    if (!/^[\w-]{1,100}$/.test(walkerId)) throw new NotFoundException(`no walker ${walkerId}`);
    const state = await walkerFeeNow(this.store, walkerId);
    const result = `/registration-fees/${encodeURIComponent(walkerId)}/result`;
    if (state.status !== 'walking' || state.fee !== 'pending_fee') {
      response.redirect(303, isLanguage(lang) && lang !== 'nl' ? `${result}?lang=${lang}` : result);
      return;
    }
    const base = this.config.PUBLIC_BASE_URL ?? '';
    const checkout = await this.payments.createCheckout(
      registrationFeeCheckout(walkerId, state.registrationFeeCents, `${base}${result}`),
    );
    response.redirect(303, checkout.checkoutUrl);
  }
}

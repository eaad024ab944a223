import { giftCheckout } from '@rw/read-models';
import type { DatabaseSync } from 'node:sqlite';
import { Inject, Injectable } from '@nestjs/common';
import type { RecordedEvent } from '@rw/event-store';
import type { DonationPaid } from '@rw/fundraising';
import { PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import type { Effect, Reactor } from './reactor';

/**
 * When the first payment of a monthly gift is paid, the provider is asked to start what collects the next months
 * (Mollie: the subscription), for providers that need it. A reaction to the payment rather than part of reading
 * the webhook: a failure is retried with backoff by the platform instead of by the provider's redelivery, and of
 * several instances receiving the same webhook only one asks.
 */
@Injectable()
export class MonthlyStartReactor implements Reactor {
  readonly name = 'monthly-start';
  readonly eventTypes = ['DonationPaid'] satisfies DonationPaid['type'][];

  constructor(@Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider) {}

  effectsOf(recorded: RecordedEvent, db: DatabaseSync): Effect[] {
    if (!this.provider.startMonthly) return [];
    const { donationId } = (recorded as unknown as DonationPaid).data;
    const gift = giftCheckout(db, donationId);
    if (gift?.frequency !== 'monthly' || gift.provider !== this.provider.name || !gift.checkoutReference) {
      return [];
    }
    return [
      {
        key: `monthly-start-${donationId}`,
        payload: { reference: donationId, providerReference: gift.checkoutReference },
      },
    ];
  }

  async perform(payload: Record<string, unknown>): Promise<void> {
    const { reference, providerReference } = payload as { reference: string; providerReference: string };
    await this.provider.startMonthly?.(reference, providerReference);
  }
}

import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandOutcome, EVENT_STORE, type EventMetadata, type EventStore, executeCommand } from '@rw/event-store';
import { PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import type { CancelMonthlyDonation } from './commands';
import { donationDecider, type DonationState } from './decider';
import { type DonationEvent, donationStream } from './events';

/** Stop a monthly gift, asked by its donor (private link) or by finance: the API and the donor's page alike. */
export class CancelMonthlyGiftCommand extends Command<CommandOutcome<DonationEvent, DonationState>> {
  constructor(
    readonly donationId: string,
    readonly by: CancelMonthlyDonation['by'],
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

/**
 * The decider says whether the gift can be stopped (a one-off gift cannot; one stopped already, or never paid,
 * changes nothing); when it is to be stopped, the provider's subscription is cancelled first and the fact stored
 * after, so a failure at the provider leaves the gift as it was, to be asked again.
 */
@CommandHandler(CancelMonthlyGiftCommand)
export class CancelMonthlyGiftHandler implements ICommandHandler<CancelMonthlyGiftCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  execute({ donationId, by, at, metadata }: CancelMonthlyGiftCommand) {
    return executeCommand(
      this.store,
      donationStream(donationId),
      donationDecider,
      { type: 'CancelMonthlyDonation', donationId, by, at },
      {
        metadata,
        beforeAppend: async (_events, state) => {
          if (state.status !== 'none' && state.checkout) {
            await this.payments.cancelSubscription(donationId, state.checkout.providerReference);
          }
        },
      },
    );
  }
}

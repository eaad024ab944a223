import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventMetadata, type EventStore, type GlobalPosition, loadState } from '@rw/event-store';
import { idempotencyKeyFor, PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import { donationDecider, refundableCents } from './decider';
import { DonationNotFound } from './errors';
import { donationStream } from './events';
import { ApplyPaymentFactsCommand } from './payment-facts';

export interface RefundRequested {
  donationId: string;
  providerRefundId: string;
  amountCents: number;
  /** true once the provider confirmed it (the sandbox at once; Stripe and Mollie by webhook). */
  confirmed: boolean;
  position: GlobalPosition | null;
}

/**
 * Finance refunds a gift, whole or in part, through the provider. The refund counts out of raised only when the
 * provider confirms it (a RefundSucceeded fact); asking for more than is left is refused before the provider is
 * called.
 */
export class RequestRefundCommand extends Command<RefundRequested> {
  constructor(
    readonly donationId: string,
    readonly amountCents: number | undefined,
    readonly requestKey: string | undefined,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(RequestRefundCommand)
export class RequestRefundHandler implements ICommandHandler<RequestRefundCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async execute({ donationId, amountCents, requestKey, at, metadata }: RequestRefundCommand): Promise<RefundRequested> {
    const { state } = await loadState(this.store, donationStream(donationId), donationDecider);
    if (state.status === 'none') throw new DonationNotFound(donationId);
    // the decider's own checks (paid? enough left?) on a trial refund, before the provider is asked
    const trial = donationDecider.decide(
      {
        type: 'RefundDonation',
        donationId,
        refundId: 'trial',
        ...(amountCents === undefined ? {} : { amountCents }),
        at,
      },
      state,
    );
    const amount = trial.find((e) => e.type === 'DonationRefunded')?.data.amountCents ?? refundableCents(state);
    const refund = await this.payments.refund({
      reference: donationId,
      providerPaymentId: state.providerReference ?? '',
      amountCents: amount,
      idempotencyKey: idempotencyKeyFor(`${donationId}-${requestKey ?? randomUUID()}`, 'refund'),
    });
    if (this.payments.name !== 'sandbox') {
      return {
        donationId,
        providerRefundId: refund.providerRefundId,
        amountCents: amount,
        confirmed: false,
        position: null,
      };
    }
    const applied = await this.commands.execute(
      new ApplyPaymentFactsCommand(
        [
          {
            type: 'RefundSucceeded',
            reference: donationId,
            providerRefundId: refund.providerRefundId,
            amountCents: amount,
            at,
          },
        ],
        at,
        metadata,
      ),
    );
    return {
      donationId,
      providerRefundId: refund.providerRefundId,
      amountCents: amount,
      confirmed: true,
      position: applied.position,
    };
  }
}

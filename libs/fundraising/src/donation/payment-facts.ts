import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DomainError, type EventMetadata, type GlobalPosition } from '@rw/event-store';
import type { PaymentFact } from '@rw/payments';
import { ExecuteWalkerCommand } from '../walker/handlers';
import { DonationNotPaid } from './errors';
import { ExecuteDonationCommand, SettleDonationCommand } from './handlers';

/** Applying the same facts again changes nothing: every fact carries the provider's own id of the movement. */
export class ApplyPaymentFactsCommand extends Command<{ applied: number; position: GlobalPosition | null }> {
  constructor(
    readonly facts: PaymentFact[],
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

/**
 * Facts in the order money moves (a payment before its refund), whatever order the provider delivered them in:
 * a webhook re-fetches the provider's current state, so one delivery can hold the payment and its refund.
 */
const ORDER: Record<PaymentFact['type'], number> = {
  PaymentSucceeded: 0,
  PaymentAttemptFailed: 1,
  PaymentFailed: 2,
  MonthlyChargeSucceeded: 3,
  RefundSucceeded: 4,
  RefundFailed: 5,
  ChargedBack: 6,
  ChargebackReversed: 7,
  SubscriptionEnded: 8,
  FeeKnown: 9,
};

const FEE_PREFIX = 'fee-';

/** The one path from a provider's facts (webhook, reconciliation, sandbox) to donations and registration fees. */
@CommandHandler(ApplyPaymentFactsCommand)
export class ApplyPaymentFactsHandler implements ICommandHandler<ApplyPaymentFactsCommand> {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  async execute({ facts, metadata }: ApplyPaymentFactsCommand) {
    let position: GlobalPosition | null = null;
    let applied = 0;
    for (const fact of [...facts].sort((a, b) => ORDER[a.type] - ORDER[b.type])) {
      const written = await this.apply(fact, metadata);
      if (written !== null) {
        position = written;
        applied++;
      }
    }
    return { applied, position };
  }

  /**
   * A fact that cannot follow what we recorded (a charge-back of a gift recorded failed, more refunded than paid)
   * is flagged for finance on the gift, never answered with an error: the provider would retry its webhook for
   * days, and the fact would still not fit. A refund or charge-back of a gift still pending is only early (its
   * payment's webhook is on its way): that one is refused, so the provider delivers it again.
   */
  private async apply(fact: PaymentFact, metadata: EventMetadata): Promise<GlobalPosition | null> {
    if (fact.reference.startsWith(FEE_PREFIX)) return this.applyToFee(fact, metadata);
    try {
      return await this.applyToDonation(fact, metadata);
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      if (error instanceof DonationNotPaid && error.status === 'pending') throw error;
      return this.run(
        new ExecuteDonationCommand(
          {
            type: 'FlagForFinance',
            donationId: fact.reference,
            providerReference: providerIdOf(fact),
            reported: fact.type,
            problem: error.message,
            at: fact.at,
          },
          metadata,
        ),
      );
    }
  }

  private async applyToDonation(fact: PaymentFact, metadata: EventMetadata): Promise<GlobalPosition | null> {
    const donationId = fact.reference;
    switch (fact.type) {
      case 'PaymentSucceeded':
        return this.run(
          new SettleDonationCommand(
            {
              type: 'SettleDonation',
              donationId,
              outcome: 'paid',
              providerReference: fact.providerPaymentId,
              at: fact.at,
            },
            metadata,
          ),
        );
      case 'PaymentFailed':
        return this.run(
          new SettleDonationCommand(
            {
              type: 'SettleDonation',
              donationId,
              outcome: fact.outcome,
              providerReference: fact.providerPaymentId,
              ...(fact.reason ? { reason: fact.reason } : {}),
              at: fact.at,
            },
            metadata,
          ),
        );
      case 'MonthlyChargeSucceeded':
        return this.run(
          new ExecuteDonationCommand(
            {
              type: 'RecordMonthlyCharge',
              donationId,
              chargeId: fact.providerPaymentId,
              amountCents: fact.amountCents,
              providerReference: fact.providerPaymentId,
              at: fact.at,
            },
            metadata,
          ),
        );
      case 'PaymentAttemptFailed':
        return this.run(
          new ExecuteDonationCommand(
            {
              type: 'RecordPaymentAttemptFailure',
              donationId,
              providerReference: fact.providerPaymentId,
              ...(fact.reason ? { reason: fact.reason } : {}),
              at: fact.at,
            },
            metadata,
          ),
        );
      case 'RefundSucceeded':
        return this.run(
          new ExecuteDonationCommand(
            {
              type: 'RefundDonation',
              donationId,
              refundId: fact.providerRefundId,
              amountCents: fact.amountCents,
              ...(fact.providerPaymentId === undefined ? {} : { chargeId: fact.providerPaymentId }),
              at: fact.at,
            },
            metadata,
          ),
        );
      case 'RefundFailed':
        return this.run(
          new ExecuteDonationCommand(
            {
              type: 'RecordRefundFailure',
              donationId,
              refundId: fact.providerRefundId,
              amountCents: fact.amountCents,
              at: fact.at,
            },
            metadata,
          ),
        );
      case 'ChargebackReversed':
        return this.run(
          new ExecuteDonationCommand(
            {
              type: 'RecordChargebackReversal',
              donationId,
              chargebackId: fact.providerChargebackId,
              amountCents: fact.amountCents,
              at: fact.at,
            },
            metadata,
          ),
        );
      case 'ChargedBack':
        return this.run(
          new ExecuteDonationCommand(
            {
              type: 'RecordChargeback',
              donationId,
              chargebackId: fact.providerChargebackId,
              amountCents: fact.amountCents,
              at: fact.at,
            },
            metadata,
          ),
        );
      case 'SubscriptionEnded':
        return this.run(
          new ExecuteDonationCommand(
            { type: 'CancelMonthlyDonation', donationId, by: 'provider', at: fact.at },
            metadata,
          ),
        );
      case 'FeeKnown':
        // a cost for the books: it never counts in a raised amount
        return this.run(
          new ExecuteDonationCommand(
            {
              type: 'RecordProviderFee',
              donationId,
              providerPaymentId: fact.providerPaymentId,
              feeCents: fact.feeCents,
              at: fact.at,
            },
            metadata,
          ),
        );
      default: {
        const _exhaustive: never = fact;
        return _exhaustive;
      }
    }
  }

  private async applyToFee(fact: PaymentFact, metadata: EventMetadata): Promise<GlobalPosition | null> {
    if (fact.type !== 'PaymentSucceeded') return null;
    return this.run(
      new ExecuteWalkerCommand(
        {
          type: 'PayRegistrationFee',
          walkerId: fact.reference.slice(FEE_PREFIX.length),
          feeCents: fact.amountCents,
          paymentReference: fact.providerPaymentId,
          at: fact.at,
        },
        metadata,
      ),
    );
  }

  private async run(command: SettleDonationCommand | ExecuteDonationCommand | ExecuteWalkerCommand) {
    const outcome = await this.commands.execute(command);
    return outcome.position;
  }
}

/** The provider's own id of what a fact reports: a flag is recorded once per id and report. */
function providerIdOf(fact: PaymentFact): string {
  switch (fact.type) {
    case 'RefundSucceeded':
    case 'RefundFailed':
      return fact.providerRefundId;
    case 'ChargedBack':
    case 'ChargebackReversed':
      return fact.providerChargebackId;
    case 'SubscriptionEnded':
      return fact.providerSubscriptionId;
    default:
      return fact.providerPaymentId;
  }
}

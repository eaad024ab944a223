import type { DatabaseSync } from 'node:sqlite';
import { Inject, Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError, type RecordedEvent } from '@rw/event-store';
import { type DonationPaid, ExecutePledgeCommand } from '@rw/fundraising';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import type { Effect, Reactor } from './reactor';

/**
 * A paid gift that pays a pledge fulfils that pledge. A reaction to the payment, not the work of the request that
 * recorded it: the payment and the pledge are two streams, two writes, and the payment is a fact whatever the
 * pledge says (the money is in). Done by the request, a crash between the two writes left the pledge due for
 * good; as a reaction, it is decided from the DonationPaid and claimed once across instances.
 */
@Injectable()
export class PledgeFulfilmentReactor implements Reactor {
  readonly name = 'pledge-fulfilment';
  readonly eventTypes = ['DonationPaid'] satisfies DonationPaid['type'][];

  constructor(
    private readonly commands: CommandBus,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  effectsOf(recorded: RecordedEvent, db: DatabaseSync): Effect[] {
    const { donationId, pledgeId, amountCents } = (recorded as unknown as DonationPaid).data;
    // a payment from before this reaction existed has no pledgeId: its request fulfilled the pledge
    if (pledgeId === undefined) return [];
    // the pledge asks for the gift's amount (checked when the gift was made), not for what a bank line brought in
    const gift = db.prepare('SELECT amount_cents AS cents FROM donations WHERE donation_id = ?').get(donationId) as
      | { cents: number }
      | undefined;
    return [
      {
        key: `pledge-fulfil-${pledgeId}-${recorded.id}`,
        payload: {
          pledgeId,
          donationId,
          amountCents: gift?.cents ?? amountCents,
          at: (recorded as unknown as DonationPaid).data.paidAt,
          correlationId: recorded.metadata.correlationId,
        },
      },
    ];
  }

  async perform(payload: Record<string, unknown>, key: string): Promise<void> {
    const { pledgeId, donationId, amountCents, at, correlationId } = payload as {
      pledgeId: string;
      donationId: string;
      amountCents: number;
      at: string;
      correlationId?: string;
    };
    try {
      // fulfilled by this gift already (a repeat): the decider answers with no event
      await this.commands.execute(
        new ExecutePledgeCommand(
          { type: 'FulfilPledge', pledgeId, donationId, amountCents, at },
          { ...(correlationId ? { correlationId } : {}), causationId: key },
        ),
      );
    } catch (error) {
      // The pledge says no (another gift paid it first, it was cancelled meanwhile): a decision, not a failure,
      // and retrying would not change it. The gift stays paid and counts; finance refunds it if the sponsor asks.
      if (!(error instanceof DomainError)) throw error;
      this.logger.warn(
        { pledgeId, donationId, reason: error.message },
        'a paid gift could not fulfil its pledge; it counts as a gift',
      );
    }
  }
}

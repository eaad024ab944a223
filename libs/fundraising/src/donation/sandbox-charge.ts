import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type CommandOutcome,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  executeCommand,
  loadState,
} from '@rw/event-store';
import { isIdempotencyKey } from '../idempotency-key';
import { donationDecider, type DonationState, isPaid } from './decider';
import { DonationNotFound } from './errors';
import { type DonationEvent, donationStream } from './events';

export interface SandboxCharge extends CommandOutcome<DonationEvent, DonationState> {
  chargeId: string;
}

/**
 * As if the sandbox provider charged the next month of a monthly gift. The caller's `Idempotency-Key` names the
 * charge, so a retried call records it once; without one the charge is the gift's next (`charge-<n>`).
 */
export class RecordSandboxChargeCommand extends Command<SandboxCharge> {
  constructor(
    readonly donationId: string,
    readonly idempotencyKey: string | undefined,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(RecordSandboxChargeCommand)
export class RecordSandboxChargeHandler implements ICommandHandler<RecordSandboxChargeCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ donationId, idempotencyKey, at, metadata }: RecordSandboxChargeCommand): Promise<SandboxCharge> {
    const known = await loadState(this.store, donationStream(donationId), donationDecider);
    const { state } = known;
    if (state.status === 'none') throw new DonationNotFound(donationId);
    const chargeId = isIdempotencyKey(idempotencyKey)
      ? idempotencyKey
      : `charge-${isPaid(state) ? state.chargeIds.length + 1 : 1}`;
    const outcome = await executeCommand(
      this.store,
      donationStream(donationId),
      donationDecider,
      {
        type: 'RecordMonthlyCharge',
        donationId,
        chargeId,
        amountCents: state.gift.amountCents,
        providerReference: `sandbox_${donationId}_${chargeId}`,
        at,
      },
      { metadata, knownState: known },
    );
    return { ...outcome, chargeId };
  }
}

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
import { walkerDecider, type WalkerState } from '../walker/decider';
import { WalkerNotFound } from '../walker/errors';
import { type WalkerEvent, walkerStream } from '../walker/events';
import { registrationFeeReference } from './handlers';

/**
 * As if the sandbox provider reported a walker's registration fee: paid settles the fee the walker owes; a failed
 * or cancelled payment leaves it owed (nothing is stored).
 */
export class SettleSandboxRegistrationFeeCommand extends Command<CommandOutcome<WalkerEvent, WalkerState>> {
  constructor(
    readonly walkerId: string,
    readonly outcome: 'paid' | 'failed' | 'canceled',
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(SettleSandboxRegistrationFeeCommand)
export class SettleSandboxRegistrationFeeHandler implements ICommandHandler<SettleSandboxRegistrationFeeCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ walkerId, outcome, at, metadata }: SettleSandboxRegistrationFeeCommand) {
    const known = await loadState(this.store, walkerStream(walkerId), walkerDecider);
    const { state, revision } = known;
    if (state.status === 'none') throw new WalkerNotFound(walkerId);
    if (outcome !== 'paid') return { events: [], state, position: null, revision };
    return executeCommand(
      this.store,
      walkerStream(walkerId),
      walkerDecider,
      {
        type: 'PayRegistrationFee',
        walkerId,
        feeCents: state.registrationFeeCents,
        paymentReference: `sandbox_${registrationFeeReference(walkerId)}`,
        at,
      },
      { metadata, knownState: known },
    );
  }
}

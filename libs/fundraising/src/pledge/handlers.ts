import { createHash, randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventMetadata, type EventStore, executeCommand, type GlobalPosition } from '@rw/event-store';
import { aggregateCommands } from '../aggregate-commands';
import { attribute } from '../beneficiary';
import type { Donor } from '../donation/events';
import type { MailLanguage } from '../language';
import type { PledgeCommand } from './commands';
import { pledgeDecider } from './decider';
import { type PledgeBeneficiary, type PledgeKind, pledgeStream } from './events';

export class MakePledgeCommand extends Command<{ pledgeId: string; position: GlobalPosition | null }> {
  constructor(
    readonly pledge: {
      beneficiary: PledgeBeneficiary;
      sponsor: Donor;
      kind: PledgeKind;
      amountCents: number;
      capCents?: number;
      language?: MailLanguage;
    },
    readonly at: string,
    readonly metadata: EventMetadata = {},
    /** Names the pledge: the same key and the same pledge again (a reload, a double click) make one pledge. */
    readonly idempotencyKey?: string,
  ) {
    super();
  }
}

/** The pledge id a form's (or a client's) key stands for: the same key always names the same pledge. */
export function pledgeIdForKey(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`pledge\u0000${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** Commands on an existing pledge; making one goes through MakePledgeCommand (attribution). */
const pledge = aggregateCommands('Pledge', pledgeDecider, (command: Exclude<PledgeCommand, { type: 'MakePledge' }>) =>
  pledgeStream(command.pledgeId),
);
export const ExecutePledgeCommand = pledge.Execute;
export type ExecutePledgeCommand = InstanceType<typeof pledge.Execute>;
export const PledgeCommandHandler = pledge.Handler;

@CommandHandler(MakePledgeCommand)
export class MakePledgeHandler implements ICommandHandler<MakePledgeCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ pledge, at, metadata, idempotencyKey }: MakePledgeCommand) {
    const pledgeId = idempotencyKey === undefined ? randomUUID() : pledgeIdForKey(idempotencyKey);
    const { editionId, teamId } = await attribute(this.store, pledge.beneficiary);
    if (!teamId) throw new Error('unreachable: a walker or team always has a team');
    const outcome = await executeCommand(
      this.store,
      pledgeStream(pledgeId),
      pledgeDecider,
      { type: 'MakePledge', pledgeId, editionId, teamId, ...pledge, at },
      { metadata },
    );
    return { pledgeId, position: outcome.position };
  }
}

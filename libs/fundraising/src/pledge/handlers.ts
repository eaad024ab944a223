import { randomUUID } from 'node:crypto';
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
  ) {
    super();
  }
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

  async execute({ pledge, at, metadata }: MakePledgeCommand) {
    const pledgeId = randomUUID();
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

import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandOutcome, EVENT_STORE, type EventMetadata, type EventStore, executeCommand } from '@rw/event-store';
import type { WalkerCommand } from './commands';
import { walkerDecider, type WalkerState } from './decider';
import { type WalkerEvent, walkerStream } from './events';

export class ExecuteWalkerCommand extends Command<CommandOutcome<WalkerEvent, WalkerState>> {
  constructor(
    readonly command: Exclude<WalkerCommand, { type: 'RegisterWalker' }>,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(ExecuteWalkerCommand)
export class WalkerCommandHandler implements ICommandHandler<ExecuteWalkerCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, metadata }: ExecuteWalkerCommand) {
    return executeCommand(this.store, walkerStream(command.walkerId), walkerDecider, command, { metadata });
  }
}

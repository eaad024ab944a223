import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandOutcome, EVENT_STORE, type EventMetadata, type EventStore, executeCommand } from '@rw/event-store';
import type { AccountCommand } from './commands';
import { accountDecider, type AccountState } from './decider';
import { type AccountEvent, accountStream } from './events';

export class ExecuteAccountCommand extends Command<CommandOutcome<AccountEvent, AccountState>> {
  constructor(
    readonly command: AccountCommand,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(ExecuteAccountCommand)
export class AccountCommandHandler implements ICommandHandler<ExecuteAccountCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, metadata }: ExecuteAccountCommand) {
    return executeCommand(this.store, accountStream(command.email), accountDecider, command, { metadata });
  }
}

import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { type CommandOutcome, EVENT_STORE, type EventMetadata, type EventStore, executeCommand } from '@rw/event-store';
import type { EditionCommand } from './commands';
import { editionDecider, type EditionState } from './decider';
import { type EditionEvent, editionStream } from './events';

export class ExecuteEditionCommand extends Command<CommandOutcome<EditionEvent, EditionState>> {
  constructor(
    readonly command: EditionCommand,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(ExecuteEditionCommand)
export class EditionCommandHandler implements ICommandHandler<ExecuteEditionCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, metadata }: ExecuteEditionCommand) {
    return executeCommand(this.store, editionStream(command.editionId), editionDecider, command, { metadata });
  }
}

import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type CommandOutcome,
  type Decider,
  type DomainEvent,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  executeCommand,
} from '@rw/event-store';

/**
 * The bus command and its handler for one aggregate: `new Execute(command)` on the CommandBus runs the command
 * through the aggregate's decider on its stream (read, fold, decide, append; retried on a lost race).
 */
export function aggregateCommands<AggregateCommand, Event extends DomainEvent, State>(
  aggregate: string,
  decider: Decider<AggregateCommand, Event, State>,
  streamOf: (command: AggregateCommand) => string,
) {
  class Execute extends Command<CommandOutcome<Event, State>> {
    constructor(
      readonly command: AggregateCommand,
      readonly metadata: EventMetadata = {},
    ) {
      super();
    }
  }
  Object.defineProperty(Execute, 'name', { value: `Execute${aggregate}Command` });

  @CommandHandler(Execute)
  class Handler implements ICommandHandler<Execute> {
    constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

    execute({ command, metadata }: Execute) {
      return executeCommand(this.store, streamOf(command), decider, command, { metadata });
    }
  }
  Object.defineProperty(Handler, 'name', { value: `${aggregate}CommandHandler` });

  return { Execute, Handler };
}

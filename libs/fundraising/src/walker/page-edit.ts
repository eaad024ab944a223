import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type CommandOutcome,
  type Decider,
  DomainError,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  executeCommand,
  fold,
} from '@rw/event-store';
import type { ChangeWalkerStory, ChangeWalkerTarget } from './commands';
import { walkerDecider, type WalkerState } from './decider';
import { type WalkerEvent, walkerStream } from './events';

/** A walker's own page changed through their private link: its story and its target, stored together or not at all. */
export interface ChangeWalkerPage {
  type: 'ChangeWalkerPage';
  walkerId: string;
  story: string;
  targetCents: number;
  /** The edition's walker minimum, as the read models know it. */
  walkerMinimumCents: number;
  at: string;
}

/** What was refused of a page change, by field; nothing of it was stored. */
export class WalkerPageRefused extends DomainError {
  readonly kind = 'invalid';
  static override readonly code = 'walker_page_refused';
  /** Each refusal with the field it is about and the decider's own refusal (its code and parameters for people). */
  constructor(readonly refusals: { field: 'story' | 'target'; message: string; error: DomainError }[]) {
    super(refusals.map((refusal) => refusal.message).join('; '));
  }
}

/**
 * The walker's decider, asked for the story and then the target: every refusal is collected (the page shows
 * each by its field), and the events of both are appended in one go, so a refused target leaves the story as it
 * was too.
 */
export const walkerPageDecider: Decider<ChangeWalkerPage, WalkerEvent, WalkerState> = {
  initialState: walkerDecider.initialState,
  evolve: walkerDecider.evolve,
  decide(command, state) {
    const { walkerId, at } = command;
    const steps: ['story' | 'target', ChangeWalkerStory | ChangeWalkerTarget][] = [
      ['story', { type: 'ChangeWalkerStory', walkerId, story: command.story, at }],
      [
        'target',
        {
          type: 'ChangeWalkerTarget',
          walkerId,
          targetCents: command.targetCents,
          walkerMinimumCents: command.walkerMinimumCents,
          at,
        },
      ],
    ];
    const events: WalkerEvent[] = [];
    const refusals: WalkerPageRefused['refusals'] = [];
    let current = state;
    for (const [field, step] of steps) {
      try {
        const decided = walkerDecider.decide(step, current);
        events.push(...decided);
        current = fold({ initialState: current, evolve: walkerDecider.evolve }, decided);
      } catch (error) {
        if (!(error instanceof DomainError) || error.kind !== 'invalid') throw error;
        refusals.push({ field, message: error.message, error });
      }
    }
    if (refusals.length > 0) throw new WalkerPageRefused(refusals);
    return events;
  },
};

export class ChangeWalkerPageCommand extends Command<CommandOutcome<WalkerEvent, WalkerState>> {
  constructor(
    readonly change: ChangeWalkerPage,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(ChangeWalkerPageCommand)
export class ChangeWalkerPageHandler implements ICommandHandler<ChangeWalkerPageCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ change, metadata }: ChangeWalkerPageCommand) {
    return executeCommand(this.store, walkerStream(change.walkerId), walkerPageDecider, change, { metadata });
  }
}

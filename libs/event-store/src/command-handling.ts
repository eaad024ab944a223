import { Decider, fold } from './decider';
import { EventMetadata, EventStore, GlobalPosition, StreamRevision, WrongExpectedRevision } from './event-store';

/** What every domain event looks like: its type and the facts it carries. Stored as the event's type and data. */
export interface DomainEvent<Type extends string = string, Data = unknown> {
  type: Type;
  data: Data;
}

export interface CommandOutcome<Event, State> {
  /** The events this command added; empty when it changed nothing. */
  events: Event[];
  state: State;
  /** Global position of the last event added; null when nothing was added. */
  position: GlobalPosition | null;
  revision: StreamRevision | 'no_stream';
}

/** Optimistic concurrency lost even after retries: another writer keeps changing the same stream. */
export class ConcurrencyConflict extends Error {
  override name = 'ConcurrencyConflict';
  constructor(readonly streamId: string) {
    super(`${streamId} was changed by someone else at the same time; please try again`);
  }
}

/** The current state of one aggregate: its stream folded through its decider. */
export async function loadState<Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Pick<Decider<unknown, Event, State>, 'initialState' | 'evolve'>,
): Promise<{ state: State; revision: StreamRevision | 'no_stream' }> {
  const history = await store.readStream(streamId);
  return {
    state: fold(
      decider,
      history.map((e) => ({ type: e.type, data: e.data }) as Event),
    ),
    revision: history.length === 0 ? 'no_stream' : history[history.length - 1].revision,
  };
}

/**
 * The glue of every command handler: read the stream, fold it, decide, append at the revision that was read.
 * When another writer got there first the whole cycle runs again on the new state (a few times at most).
 * `knownState`: the state at a revision the caller already holds (its own previous command on the stream, or a
 * stream it has just named with a fresh random id): the first attempt decides on it without reading the stream.
 * Nothing is lost if it is stale: the append expects that revision, and a conflict reads the stream again.
 */
export async function executeCommand<Command, Event extends DomainEvent, State>(
  store: EventStore,
  streamId: string,
  decider: Decider<Command, Event, State>,
  command: Command,
  options: {
    metadata?: EventMetadata;
    maxAttempts?: number;
    knownState?: { state: State; revision: StreamRevision | 'no_stream' };
    /**
     * An effect outside the store that must be done before the decided events are stored (a provider's
     * subscription stopped before the gift says it is): run on every attempt that has events to append, so it
     * must be idempotent; when it throws nothing is stored.
     */
    beforeAppend?: (events: Event[], state: State) => Promise<void>;
  } = {},
): Promise<CommandOutcome<Event, State>> {
  const maxAttempts = options.maxAttempts ?? 4;
  for (let attempt = 1; ; attempt++) {
    const { state, revision } =
      attempt === 1 && options.knownState ? options.knownState : await loadState(store, streamId, decider);
    const events = decider.decide(command, state);
    if (events.length === 0) return { events, state, position: null, revision };
    await options.beforeAppend?.(events, state);
    try {
      const appended = await store.append(
        streamId,
        events.map((e) => ({ type: e.type, data: e.data, metadata: options.metadata })),
        revision,
      );
      return {
        events,
        state: fold({ initialState: state, evolve: decider.evolve }, events),
        position: appended.position,
        revision: appended.nextExpectedRevision,
      };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevision)) throw error;
      if (attempt >= maxAttempts) throw new ConcurrencyConflict(streamId);
    }
  }
}

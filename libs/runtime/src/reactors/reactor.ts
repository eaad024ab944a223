import type { DatabaseSync } from 'node:sqlite';
import type { RecordedEvent } from '@rw/event-store';

/** One external effect an event asks for, named for good: the same event always gives the same key. */
export interface Effect {
  /** Unique across reactors and stable across replays (e.g. `pledge-due-<pledgeId>-<event id>`). */
  key: string;
  /** What `perform` needs, as decided when the event was read (JSON). */
  payload: Record<string, unknown>;
}

/**
 * Something that reacts to events with an effect outside the events' own stream: a command on another aggregate,
 * a provider call. The runner feeds it every event of its types once the read models include that event, keeps
 * the effects it decides in a durable queue, and performs each through an effect claim: once across instances,
 * retried with backoff.
 */
export interface Reactor {
  readonly name: string;
  readonly eventTypes: readonly string[];
  /** The effects this event asks for, read with the read models at (or past) the event. Pure apart from reads. */
  effectsOf(event: RecordedEvent, readModels: DatabaseSync): Effect[];
  /** Performs one effect. Idempotent at its destination (a repeat changes nothing); throws to be retried. */
  perform(payload: Record<string, unknown>, key: string): Promise<void>;
}

export const REACTORS = Symbol('Reactors');

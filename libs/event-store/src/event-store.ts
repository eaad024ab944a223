/**
 * The event-store port. One stream per aggregate; a global order over all streams.
 *
 * Conventions (the same as EventStoreDB's, so the esdb adapter stays a thin translation):
 * - a stream's revisions count from 0; `nextExpectedRevision` is the revision of the last event written;
 * - global positions strictly increase in the order events were committed;
 * - `readAll({ fromPosition })` includes the event at `fromPosition`; a position given to the store must be one
 *   it handed out (EventStoreDB's positions are log offsets: a position in between events is refused);
 *   `subscribeToAll({ afterPosition })` starts after it (a projection passes its checkpoint).
 */

/** Revision of an event in its stream, from 0. */
export type StreamRevision = number;

/** Position of an event in the global order. Opaque apart from its ordering. */
export type GlobalPosition = bigint;

/** What the writer believes about the stream: not there yet, anything, or at this exact revision. */
export type ExpectedRevision = 'no_stream' | 'any' | StreamRevision;

export interface EventMetadata {
  /** Id of the request or process that led to the event. */
  correlationId?: string;
  /** Id of the command or event that directly caused it. */
  causationId?: string;
  [key: string]: unknown;
}

export interface NewEvent<Type extends string = string, Data = unknown> {
  /** UUID; the adapter makes one when absent. Re-appending the same ids is an idempotent retry. */
  id?: string;
  type: Type;
  data: Data;
  metadata?: EventMetadata;
}

export interface RecordedEvent<Type extends string = string, Data = unknown> {
  id: string;
  type: Type;
  data: Data;
  metadata: EventMetadata;
  streamId: string;
  revision: StreamRevision;
  position: GlobalPosition;
  /** ISO-8601 instant at which the store committed the event. */
  recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  nextExpectedRevision: StreamRevision;
  /** Global position of the last event appended. */
  position: GlobalPosition;
}

export interface ReadAllOptions {
  /** Inclusive; from the very first event when absent. */
  fromPosition?: GlobalPosition;
  /** Stop after this many events. */
  maxCount?: number;
}

export interface SubscribeToAllOptions {
  /** Exclusive: a checkpoint, i.e. the position of the last event already handled. From the start when absent. */
  afterPosition?: GlobalPosition;
}

/** Catch-up subscription: first every stored event after the checkpoint, then new ones as they are committed. */
export interface AllSubscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

export interface EventStore {
  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult>;
  /** All events of the stream in revision order; an empty list when the stream does not exist. */
  readStream(streamId: string, options?: { fromRevision?: StreamRevision }): Promise<RecordedEvent[]>;
  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent>;
  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription;
  /** Position of the newest event in the global order; null for an empty store. */
  headPosition(): Promise<GlobalPosition | null>;
  close(): Promise<void>;
  /**
   * Deletes the stream for good, as EventStoreDB's tombstone (hard delete): from then on reading it, appending to
   * it or tombstoning it again throws StreamDeleted, and it can never be created again, whatever the expected
   * revision. Its events stay in the global order until the server's scavenge removes them. Only stores that can
   * delete offer it (EventStoreDB); the embedded stores keep every event.
   */
  tombstone?(streamId: string): Promise<void>;
}

export class EventStoreError extends Error {
  override name = 'EventStoreError';
}

/** The stream was not where the writer expected it: someone else wrote first. Nothing was written. */
export class WrongExpectedRevision extends EventStoreError {
  override name = 'WrongExpectedRevision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** Revision of the stream's last event; 'no_stream' when there is none. */
    readonly actual: StreamRevision | 'no_stream',
  ) {
    super(`stream ${streamId}: expected revision ${String(expected)}, but it is at ${String(actual)}`);
  }
}

/** An event id that is already stored and this append is not a retry of that write. Nothing was written. */
export class DuplicateEventId extends EventStoreError {
  override name = 'DuplicateEventId';
  constructor(
    readonly streamId: string,
    readonly eventId: string,
  ) {
    super(`stream ${streamId}: event id ${eventId} is already stored elsewhere`);
  }
}

/** The stream was deleted for good (tombstoned): it cannot be read, written to or created again. */
export class StreamDeleted extends EventStoreError {
  override name = 'StreamDeleted';
  constructor(readonly streamId: string) {
    super(`stream ${streamId} was deleted for good`);
  }
}

/** The store cannot be reached or refused the call for a reason other than concurrency. */
export class EventStoreUnavailable extends EventStoreError {
  override name = 'EventStoreUnavailable';
}

export function isValidExpectedRevision(expected: unknown): expected is ExpectedRevision {
  return (
    expected === 'no_stream' || expected === 'any' || (Number.isSafeInteger(expected) && (expected as number) >= 0)
  );
}

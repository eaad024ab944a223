import {
  type AllSubscription,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type GlobalPosition,
  type NewEvent,
  type ReadAllOptions,
  type RecordedEvent,
  type StreamRevision,
  type SubscribeToAllOptions,
  StreamDeleted,
} from './event-store';

/** What an upcaster reads of an event: its type and data. */
export type StoredEvent = Pick<RecordedEvent, 'type' | 'data'>;

/**
 * Brings one event type from a shape it was stored in to its current shape, on read. Events are facts: a stored
 * event is never rewritten, and an upcaster only adds what the current shape says and the old one left implicit.
 */
export interface Upcaster {
  /** Whether this stored data is of an older shape. Current events pass untouched and cost nothing. */
  isOld(data: unknown): boolean;
  /**
   * The data in its current shape. `earlier` is every event written before it in its stream, oldest first, already
   * upcast: an old event may not hold what its current shape says (a payment written before it named its gift's
   * edition), but its stream does (the gift's DonationCreated).
   */
  upcast(data: unknown, earlier: readonly StoredEvent[]): unknown;
}

/** The upcasters of an application, by event type. */
export type Upcasters = Readonly<Record<string, Upcaster>>;

/** The streams whose events were read to upcast an event read alone, kept for the next old event of the same stream. */
const STREAMS_KEPT = 1_000;

/**
 * The event store as readers expect it: every event in its current shape (see `Upcaster`). Writes pass through
 * unchanged. A stream read whole has its earlier events at hand; an old event read alone (readAll, a
 * subscription, a stream read from a revision) has its stream read once to find them. Only old events cost that
 * read, and a rebuild reading a stream's events one after another reads that stream once.
 */
export class UpcastingEventStore implements EventStore {
  /** Streams read to upcast an event, as far as they were read (a stream's past never changes). */
  private readonly streams = new Map<string, RecordedEvent[]>();

  constructor(
    private readonly inner: EventStore,
    private readonly upcasters: Upcasters,
  ) {}

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    return this.inner.append(streamId, events, expectedRevision);
  }

  async readStream(streamId: string, options?: { fromRevision?: StreamRevision }): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, options);
    if (!events.some((event) => this.isOld(event))) return events;
    if (!options?.fromRevision) return upcastStream(events, this.upcasters);
    return Promise.all(events.map((event) => this.upcastAlone(event)));
  }

  async *readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    for await (const event of this.inner.readAll(options)) yield await this.upcastAlone(event);
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    const subscription = this.inner.subscribeToAll(options);
    const store = this;
    return {
      close: () => subscription.close(),
      async *[Symbol.asyncIterator]() {
        for await (const event of subscription) yield await store.upcastAlone(event);
      },
    };
  }

  headPosition(): Promise<GlobalPosition | null> {
    return this.inner.headPosition();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private isOld(event: RecordedEvent): boolean {
    return this.upcasters[event.type]?.isOld(event.data) ?? false;
  }

  private async upcastAlone(event: RecordedEvent): Promise<RecordedEvent> {
    if (!this.isOld(event)) return event;
    let stream: RecordedEvent[];
    try {
      stream = await this.streamUpTo(event.streamId, event.revision - 1);
    } catch (error) {
      // a stream deleted for good (EventStoreDB) keeps its events in the global order until scavenged: they are
      // read as they were stored, for nothing can be learnt from the stream any more
      if (error instanceof StreamDeleted) return event;
      throw error;
    }
    return upcastEvent(
      event,
      stream.filter((earlier) => earlier.revision < event.revision),
      this.upcasters,
    );
  }

  /** The stream's events up to that revision at least, upcast; read from where the kept copy stops. */
  private async streamUpTo(streamId: string, revision: StreamRevision): Promise<RecordedEvent[]> {
    const kept = this.streams.get(streamId) ?? [];
    const last = kept.at(-1)?.revision ?? -1;
    if (last >= revision) return kept;
    const more = await this.inner.readStream(streamId, { fromRevision: last + 1 });
    const stream = [...kept];
    for (const event of more) stream.push(upcastEvent(event, stream, this.upcasters));
    this.streams.delete(streamId);
    if (this.streams.size >= STREAMS_KEPT) this.streams.delete(this.streams.keys().next().value as string);
    this.streams.set(streamId, stream);
    return stream;
  }
}

/** A whole stream, oldest first, in its current shape: each old event is given the events before it. */
export function upcastStream<E extends StoredEvent>(events: readonly E[], upcasters: Upcasters): E[] {
  const out: E[] = [];
  for (const event of events) out.push(upcastEvent(event, out, upcasters));
  return out;
}

function upcastEvent<E extends StoredEvent>(event: E, earlier: readonly StoredEvent[], upcasters: Upcasters): E {
  const upcaster = upcasters[event.type];
  if (!upcaster?.isOld(event.data)) return event;
  return { ...event, data: upcaster.upcast(event.data, earlier) };
}

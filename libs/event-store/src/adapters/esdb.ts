import { randomUUID } from 'node:crypto';
import {
  ANY,
  AppendExpectedRevision,
  BACKWARDS,
  CancelledError,
  CurrentRevision,
  DeadlineExceededError,
  END,
  EventStoreDBClient,
  excludeSystemEvents,
  jsonEvent,
  NO_STREAM,
  NotLeaderError,
  Position,
  ResolvedEvent,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  AllSubscription,
  AppendResult,
  EventMetadata,
  EventStore,
  EventStoreError,
  EventStoreUnavailable,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  StreamDeleted,
  StreamRevision,
  SubscribeToAllOptions,
  WrongExpectedRevision,
} from '../event-store';

/**
 * The event-store port on EventStoreDB (gRPC client `@eventstore/db-client`), a thin translation:
 * - our revision is the stream revision; our global position is the event's $all commit position (for events
 *   appended through gRPC, EventStoreDB gives every event its own log position, commit = prepare), passed back
 *   as `{ commit, prepare }` with both set to it;
 * - events are JSON: data and metadata (correlationId, causationId, …) are JSON documents;
 * - $all reads and the subscription leave out system events (event types starting with `$`); the subscription
 *   filters on the server (`excludeSystemEvents()`), reads of $all filter here because the client's `readAll`
 *   takes no filter;
 * - positions handed in must be ones the store handed out (an event's position, or absent): EventStoreDB refuses
 *   to read $all from an offset at which no event starts.
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EventStoreDBClient;
  private readonly ownsClient: boolean;
  /** Reads and subscriptions still open, cancelled on close. */
  private readonly open = new Set<{ cancel(): Promise<void> }>();
  private closed = false;

  /** @param connection a connection string (`esdb://host:2113?tls=false`; the store then owns the client) or a client. */
  constructor(connection: string | EventStoreDBClient) {
    if (typeof connection === 'string') {
      this.client = EventStoreDBClient.connectionString(connection);
      this.ownsClient = true;
    } else {
      this.client = connection;
      this.ownsClient = false;
    }
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    const toWrite = events.map((event) =>
      jsonEvent({
        id: event.id ?? randomUUID(),
        type: event.type,
        data: event.data as Record<string, unknown>,
        metadata: event.metadata,
      }),
    );
    let result: Awaited<ReturnType<EventStoreDBClient['appendToStream']>>;
    try {
      result = await this.client.appendToStream(streamId, toWrite, {
        expectedRevision: toEsdbExpected(expectedRevision),
      });
    } catch (error) {
      throw toEventStoreError(error);
    }
    if (!result.position) throw new EventStoreError(`stream ${streamId}: the server acknowledged no $all position`);
    return { nextExpectedRevision: Number(result.nextExpectedRevision), position: result.position.commit };
  }

  async readStream(streamId: string, options: { fromRevision?: StreamRevision } = {}): Promise<RecordedEvent[]> {
    const read = this.client.readStream(streamId, {
      fromRevision: options.fromRevision === undefined ? START : BigInt(options.fromRevision),
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of read) {
        if (resolved.event) events.push(toRecordedEvent(resolved));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw toEventStoreError(error);
    }
    return events;
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const maxCount = options.maxCount ?? Number.POSITIVE_INFINITY;
    if (maxCount <= 0) return;
    const read = this.client.readAll({
      fromPosition: options.fromPosition === undefined ? START : toEsdbPosition(options.fromPosition),
    });
    const handle = { cancel: () => read.cancel() };
    this.open.add(handle);
    let count = 0;
    let drained = false;
    try {
      for await (const resolved of read) {
        if (!isOwnEvent(resolved)) continue;
        yield toRecordedEvent(resolved);
        if (++count >= maxCount) break;
      }
      drained = count < maxCount;
    } catch (error) {
      drained = true;
      throw toEventStoreError(error);
    } finally {
      this.open.delete(handle);
      if (!drained) await read.cancel();
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    const subscription = this.client.subscribeToAll({
      fromPosition: options.afterPosition === undefined ? START : toEsdbPosition(options.afterPosition),
      filter: excludeSystemEvents(),
    });
    let closed = false;
    const handle = {
      cancel: async () => {
        if (closed) return;
        closed = true;
        this.open.delete(handle);
        await subscription.unsubscribe();
      },
    };
    this.open.add(handle);
    async function* events(): AsyncGenerator<RecordedEvent> {
      try {
        for await (const resolved of subscription) {
          if (closed) return;
          if (isOwnEvent(resolved)) yield toRecordedEvent(resolved);
        }
      } catch (error) {
        if (closed) return;
        throw toEventStoreError(error);
      }
    }
    return { [Symbol.asyncIterator]: () => events(), close: handle.cancel };
  }

  async tombstone(streamId: string): Promise<void> {
    try {
      await this.client.tombstoneStream(streamId, { expectedRevision: ANY });
    } catch (error) {
      throw toEventStoreError(error);
    }
  }

  async headPosition(): Promise<GlobalPosition | null> {
    // The client's readAll takes no filter: read $all backwards and take the newest event that is not a system one.
    // A few at a time: without a count the server would send the whole log back (the client's default count is
    // unbounded), and /health and every wait for the reactions ask for the head.
    let from: Position | typeof END = END;
    for (;;) {
      const read = this.client.readAll({ direction: BACKWARDS, fromPosition: from, maxCount: HEAD_PAGE });
      let count = 0;
      let last: ResolvedEvent | undefined;
      try {
        for await (const resolved of read) {
          if (isOwnEvent(resolved)) return toRecordedEvent(resolved).position;
          count++;
          last = resolved;
        }
      } catch (error) {
        throw toEventStoreError(error);
      } finally {
        await read.cancel();
      }
      // only system events so far: on to the page before them, or the store holds none of ours
      const before = last?.event?.position;
      if (count < HEAD_PAGE || before === undefined) return null;
      from = before;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.open].map((handle) => handle.cancel()));
    if (this.ownsClient) await this.client.dispose();
  }
}

/**
 * The one place where the client's errors become the port's: a tombstoned stream is StreamDeleted; a wrong
 * expected version is WrongExpectedRevision;
 * a server that cannot be reached, is not the leader, or ran out of time is EventStoreUnavailable; anything else
 * is returned unchanged for the caller to rethrow.
 */
export function toEventStoreError(error: unknown): unknown {
  if (error instanceof StreamDeletedError) return new StreamDeleted(error.streamName ?? '');
  if (error instanceof WrongExpectedVersionError) {
    const expected = fromEsdbExpected(error.expectedVersion);
    if (expected === undefined) return error;
    return new WrongExpectedRevision(error.streamName, expected, fromEsdbCurrent(error.actualVersion));
  }
  if (
    error instanceof UnavailableError ||
    error instanceof DeadlineExceededError ||
    error instanceof TimeoutError ||
    error instanceof CancelledError ||
    error instanceof NotLeaderError
  ) {
    return new EventStoreUnavailable(`EventStoreDB unavailable: ${error.message}`, { cause: error });
  }
  if (isGrpcStatus(error, [GRPC_UNAVAILABLE, GRPC_DEADLINE_EXCEEDED])) {
    return new EventStoreUnavailable(`EventStoreDB unavailable: ${(error as Error).message}`, { cause: error });
  }
  if (error instanceof Error && error.message.startsWith('Failed to discover after')) {
    // cluster discovery (gossip) found no node to talk to
    return new EventStoreUnavailable(`EventStoreDB unavailable: ${error.message}`, { cause: error });
  }
  return error;
}

/** Events read per page when looking for the newest of ours (system events may come first). */
const HEAD_PAGE = 32;

const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

function isGrpcStatus(error: unknown, codes: number[]): boolean {
  return (
    error instanceof Error && 'code' in error && typeof error.code === 'number' && codes.includes(error.code as number)
  );
}

function toEsdbExpected(expected: ExpectedRevision): AppendExpectedRevision {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  return BigInt(expected);
}

function fromEsdbExpected(expected: AppendExpectedRevision): ExpectedRevision | undefined {
  if (typeof expected === 'bigint') return Number(expected);
  if (expected === NO_STREAM || expected === ANY) return expected;
  return undefined; // stream_exists: this adapter never asks for it
}

function fromEsdbCurrent(current: CurrentRevision): StreamRevision | 'no_stream' {
  return typeof current === 'bigint' && current >= 0n ? Number(current) : 'no_stream';
}

function toEsdbPosition(position: GlobalPosition): Position {
  return { commit: position, prepare: position };
}

/** Our events: not the server's own (`$`-typed: `$>` links, `$metadata`, `$statsCollection`, `$UserCreated`, …). */
function isOwnEvent(resolved: ResolvedEvent): boolean {
  return resolved.event !== undefined && !resolved.event.type.startsWith('$');
}

function toRecordedEvent(resolved: ResolvedEvent): RecordedEvent {
  const event = resolved.event;
  if (!event) throw new EventStoreError('EventStoreDB answered a read with an unresolved link');
  const position = event.position?.commit ?? resolved.commitPosition;
  if (position === undefined) throw new EventStoreError(`event ${event.id} came without a $all position`);
  return {
    id: event.id,
    type: event.type,
    data: event.data,
    metadata: isMetadata(event.metadata) ? event.metadata : {},
    streamId: event.streamId,
    revision: Number(event.revision),
    position,
    recordedAt: event.created.toISOString(),
  };
}

function isMetadata(metadata: unknown): metadata is EventMetadata {
  return typeof metadata === 'object' && metadata !== null && !Array.isArray(metadata) && !ArrayBuffer.isView(metadata);
}

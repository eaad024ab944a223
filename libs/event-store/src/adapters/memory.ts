import { randomUUID } from 'node:crypto';
import { planAppend, StoredEventRef } from '../append-rules';
import { AppendNotifier, CatchUpSubscription } from '../catch-up-subscription';
import {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store';

/** In-memory event store for unit tests: the same rules as the others, nothing kept. */
export class MemoryEventStore implements EventStore {
  private readonly all: RecordedEvent[] = [];
  private readonly streams = new Map<string, RecordedEvent[]>();
  private readonly byId = new Map<string, StoredEventRef>();
  private readonly notifier = new AppendNotifier();

  constructor(private readonly clock: () => Date = () => new Date()) {}

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    await Promise.resolve();
    const stream = this.streams.get(streamId) ?? [];
    const lastRevision = stream.length === 0 ? 'no_stream' : stream.length - 1;
    const withIds = events.map((event) => ({ ...event, id: event.id ?? randomUUID() }));
    const plan = planAppend(
      streamId,
      lastRevision,
      expectedRevision,
      withIds.map((e) => e.id),
      (id) => this.byId.get(id),
    );
    if (plan.kind === 'retry') return plan.result;
    if (withIds.length === 0) {
      return { nextExpectedRevision: stream.length - 1, position: this.all.at(-1)?.position ?? 0n };
    }
    const recordedAt = this.clock().toISOString();
    withIds.forEach((event, i) => {
      const recorded: RecordedEvent = {
        id: event.id,
        type: event.type,
        data: structuredClone(event.data),
        metadata: structuredClone(event.metadata ?? {}),
        streamId,
        revision: plan.firstRevision + i,
        position: BigInt(this.all.length + 1),
        recordedAt,
      };
      this.all.push(recorded);
      stream.push(recorded);
      this.byId.set(recorded.id, { streamId, revision: recorded.revision, position: recorded.position });
    });
    this.streams.set(streamId, stream);
    this.notifier.notify();
    const last = stream[stream.length - 1];
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<RecordedEvent[]> {
    return (this.streams.get(streamId) ?? []).slice(options.fromRevision ?? 0).map(copy);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    const from = options.fromPosition ?? 1n;
    const max = options.maxCount ?? Number.POSITIVE_INFINITY;
    let count = 0;
    for (let i = Math.max(0, Number(from) - 1); i < this.all.length && count < max; i++, count++) {
      yield copy(this.all[i]);
    }
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    return new CatchUpSubscription(
      (after, maxCount) =>
        this.all.slice(after === undefined ? 0 : Number(after), Number(after ?? 0n) + maxCount).map(copy),
      this.notifier,
      options.afterPosition,
    );
  }

  async headPosition(): Promise<GlobalPosition | null> {
    return this.all.at(-1)?.position ?? null;
  }

  async close(): Promise<void> {}
}

function copy(event: RecordedEvent): RecordedEvent {
  return { ...event, data: structuredClone(event.data), metadata: structuredClone(event.metadata) };
}

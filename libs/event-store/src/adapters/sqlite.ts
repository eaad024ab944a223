import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { planAppend, StoredEventRef } from '../append-rules';
import { AppendNotifier, CatchUpSubscription } from '../catch-up-subscription';
import {
  AllSubscription,
  AppendResult,
  DuplicateEventId,
  EventStore,
  EventStoreUnavailable,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store';

interface PendingAppend {
  streamId: string;
  events: { id: string; type: string; data: string; metadata: string }[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

interface EventRow {
  position: number;
  event_id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
  recorded_at: string;
}

/** Appends waiting when a commit starts are written in that one transaction (group commit), each checked on its own. */
const MAX_APPENDS_PER_COMMIT = 2048;
const READ_PAGE = 1000;

/**
 * The embedded default: one SQLite file (WAL, synchronous=FULL, so an acknowledged append survives a crash or
 * power cut). Positions are SQLite rowids, 1, 2, 3, … with no gaps, because events are never deleted.
 */
export class SqliteEventStore implements EventStore {
  private readonly db: DatabaseSync;
  private readonly notifier = new AppendNotifier();
  private queue: PendingAppend[] = [];
  private flushScheduled = false;
  private closed = false;
  private readonly stmt: Record<
    'lastRevision' | 'findId' | 'insert' | 'readStream' | 'readAll' | 'head',
    StatementSync
  >;

  constructor(
    readonly file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new DatabaseSync(file);
    this.db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA busy_timeout = 5000;
      CREATE TABLE IF NOT EXISTS events (
        position    INTEGER PRIMARY KEY,
        event_id    TEXT    NOT NULL UNIQUE,
        stream_id   TEXT    NOT NULL,
        revision    INTEGER NOT NULL,
        type        TEXT    NOT NULL,
        data        TEXT    NOT NULL,
        metadata    TEXT    NOT NULL,
        recorded_at TEXT    NOT NULL,
        UNIQUE (stream_id, revision)
      );
    `);
    this.stmt = {
      lastRevision: this.db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      findId: this.db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      readStream: this.db.prepare('SELECT * FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision'),
      readAll: this.db.prepare('SELECT * FROM events WHERE position >= ? ORDER BY position LIMIT ?'),
      head: this.db.prepare('SELECT MAX(position) AS position FROM events'),
    };
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailable('the event store is closed'));
    let serialized: PendingAppend['events'];
    try {
      serialized = events.map((event) => ({
        id: event.id ?? randomUUID(),
        type: event.type,
        data: JSON.stringify(event.data),
        metadata: JSON.stringify(event.metadata ?? {}),
      }));
    } catch (error) {
      return Promise.reject(error);
    }
    return new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ streamId, events: serialized, expectedRevision, resolve, reject });
      if (!this.flushScheduled) {
        this.flushScheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  /** Commits every waiting append in one transaction; each keeps its own conflict check and its own answer. */
  private flush(): void {
    this.flushScheduled = false;
    const batch = this.queue.splice(0, MAX_APPENDS_PER_COMMIT);
    if (this.queue.length > 0) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
    if (batch.length === 0) return;
    const outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[] = [];
    let wrote = false;
    try {
      this.db.exec('BEGIN IMMEDIATE');
      const recordedAt = this.clock().toISOString();
      for (const pending of batch) {
        try {
          const result = this.appendInTransaction(pending, recordedAt);
          wrote ||= result.wrote;
          outcomes.push({ ok: true, result: result.result });
        } catch (error) {
          outcomes.push({ ok: false, error });
        }
      }
      this.db.exec('COMMIT');
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      const failure = new EventStoreUnavailable(`the event store could not commit: ${(error as Error).message}`);
      for (const pending of batch) pending.reject(failure);
      return;
    }
    batch.forEach((pending, i) => {
      const outcome = outcomes[i];
      if (outcome.ok) pending.resolve(outcome.result);
      else pending.reject(outcome.error);
    });
    if (wrote) this.notifier.notify();
  }

  private appendInTransaction(pending: PendingAppend, recordedAt: string): { result: AppendResult; wrote: boolean } {
    const { streamId, events, expectedRevision } = pending;
    const last = (this.stmt.lastRevision.get(streamId) as { revision: number | null }).revision;
    const lastRevision = last === null ? 'no_stream' : last;
    const plan = planAppend(
      streamId,
      lastRevision,
      expectedRevision,
      events.map((e) => e.id),
      (id) => this.lookup(id),
    );
    if (plan.kind === 'retry') return { result: plan.result, wrote: false };
    if (events.length === 0) {
      const head = (this.stmt.head.get() as { position: number | null }).position ?? 0;
      return { result: { nextExpectedRevision: last ?? -1, position: BigInt(head) }, wrote: false };
    }
    this.db.exec('SAVEPOINT append_one');
    try {
      let position = 0;
      events.forEach((event, i) => {
        const info = this.stmt.insert.run(
          event.id,
          streamId,
          plan.firstRevision + i,
          event.type,
          event.data,
          event.metadata,
          recordedAt,
        );
        position = Number(info.lastInsertRowid);
      });
      this.db.exec('RELEASE append_one');
      return {
        result: { nextExpectedRevision: plan.firstRevision + events.length - 1, position: BigInt(position) },
        wrote: true,
      };
    } catch (error) {
      this.db.exec('ROLLBACK TO append_one');
      this.db.exec('RELEASE append_one');
      if (String((error as Error).message).includes('events.event_id')) {
        throw new DuplicateEventId(streamId, events[0].id);
      }
      throw error;
    }
  }

  private lookup(eventId: string): StoredEventRef | undefined {
    const row = this.stmt.findId.get(eventId) as { stream_id: string; revision: number; position: number } | undefined;
    return row && { streamId: row.stream_id, revision: row.revision, position: BigInt(row.position) };
  }

  async readStream(streamId: string, options: { fromRevision?: number } = {}): Promise<RecordedEvent[]> {
    this.assertOpen();
    return (this.stmt.readStream.all(streamId, options.fromRevision ?? 0) as unknown as EventRow[]).map(toRecorded);
  }

  async *readAll(options: ReadAllOptions = {}): AsyncIterable<RecordedEvent> {
    let next = Number(options.fromPosition ?? 1n);
    let remaining = options.maxCount ?? Number.POSITIVE_INFINITY;
    while (remaining > 0) {
      const page = this.readPage(next, Math.min(READ_PAGE, remaining));
      for (const event of page) yield event;
      if (page.length < READ_PAGE) return;
      remaining -= page.length;
      next = Number(page[page.length - 1].position) + 1;
    }
  }

  private readPage(fromPosition: number, maxCount: number): RecordedEvent[] {
    this.assertOpen();
    return (this.stmt.readAll.all(fromPosition, maxCount) as unknown as EventRow[]).map(toRecorded);
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllSubscription {
    return new CatchUpSubscription(
      (after, maxCount) => this.readPage(Number(after ?? 0n) + 1, maxCount),
      this.notifier,
      options.afterPosition,
    );
  }

  async headPosition(): Promise<GlobalPosition | null> {
    this.assertOpen();
    const head = (this.stmt.head.get() as { position: number | null }).position;
    return head === null ? null : BigInt(head);
  }

  /** Commits what is still queued, then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    while (this.queue.length > 0) this.flush();
    this.closed = true;
    this.db.close();
  }

  private assertOpen(): void {
    if (this.closed) throw new EventStoreUnavailable('the event store is closed');
  }
}

function toRecorded(row: EventRow): RecordedEvent {
  return {
    id: row.event_id,
    type: row.type,
    data: JSON.parse(row.data),
    metadata: JSON.parse(row.metadata),
    streamId: row.stream_id,
    revision: row.revision,
    position: BigInt(row.position),
    recordedAt: row.recorded_at,
  };
}

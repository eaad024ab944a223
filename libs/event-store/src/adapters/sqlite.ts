import { randomUUIDv7 } from 'node:crypto';
import { DatabaseSync, StatementSync } from 'node:sqlite';
import { planAppend, StoredEventRef } from '../append-rules';
import { AppendNotifier, CatchUpSubscription } from '../catch-up-subscription';
import {
  AllSubscription,
  AppendResult,
  DuplicateEventId,
  EventMetadata,
  EventStore,
  EventStoreUnavailable,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from '../event-store';
import { type Migration, openSqliteFile } from '../sqlite-migrations';

/** The file's schema, step by step (see `migrate`); files made before migrations are at 0 and hold step 1's table. */
export const EVENT_STORE_MIGRATIONS: readonly Migration[] = [
  {
    description: 'the events table',
    up: `
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
    `,
  },
];

interface PendingAppend {
  streamId: string;
  events: { id: string; type: string; data: string; metadata: string }[];
  expectedRevision: ExpectedRevision;
  resolve: (result: AppendResult) => void;
  reject: (error: unknown) => void;
}

/**
 * The columns a read returns, as an array (cheaper to build than an object per row); data and metadata come as one
 * JSON array text, so that a row costs one JSON.parse instead of two.
 */
const EVENT_COLUMNS =
  "position, event_id, stream_id, revision, type, '[' || data || ',' || metadata || ']', recorded_at";
type EventRow = [
  position: number,
  eventId: string,
  streamId: string,
  revision: number,
  type: string,
  dataAndMetadata: string,
  recordedAt: string,
];

/** Appends waiting when a commit starts are written in that one transaction (group commit), each checked on its own. */
const MAX_APPENDS_PER_COMMIT = 2048;
const READ_PAGE = 1000;
/**
 * WAL pages written before a checkpoint copies them into the database file (SQLite's default is 1000). A group
 * commit of random-key appends dirties about two index pages per append, so with 1000 a checkpoint would run
 * every few commits; with more, the pages that several commits rewrote are copied once.
 */
const WAL_AUTOCHECKPOINT_PAGES = 4000;

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
    | 'lastRevision'
    | 'findId'
    | 'insert'
    | 'readStream'
    | 'readAll'
    | 'head'
    | 'begin'
    | 'commit'
    | 'savepoint'
    | 'release'
    | 'rollbackToSavepoint',
    StatementSync
  >;

  constructor(
    readonly file: string,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.db = openSqliteFile(
      file,
      `
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA busy_timeout = 5000;
      PRAGMA wal_autocheckpoint = ${WAL_AUTOCHECKPOINT_PAGES};
      `,
      EVENT_STORE_MIGRATIONS,
    );
    this.stmt = {
      lastRevision: this.db.prepare('SELECT MAX(revision) AS revision FROM events WHERE stream_id = ?'),
      findId: this.db.prepare('SELECT stream_id, revision, position FROM events WHERE event_id = ?'),
      insert: this.db.prepare(
        'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      readStream: this.db.prepare(
        `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
      ),
      readAll: this.db.prepare(`SELECT ${EVENT_COLUMNS} FROM events WHERE position >= ? ORDER BY position LIMIT ?`),
      head: this.db.prepare('SELECT MAX(position) AS position FROM events'),
      // prepared once: exec() would parse them again on every commit
      begin: this.db.prepare('BEGIN IMMEDIATE'),
      commit: this.db.prepare('COMMIT'),
      savepoint: this.db.prepare('SAVEPOINT append_one'),
      release: this.db.prepare('RELEASE append_one'),
      rollbackToSavepoint: this.db.prepare('ROLLBACK TO append_one'),
    };
    this.stmt.readStream.setReturnArrays(true);
    this.stmt.readAll.setReturnArrays(true);
  }

  append(streamId: string, events: readonly NewEvent[], expectedRevision: ExpectedRevision): Promise<AppendResult> {
    if (this.closed) return Promise.reject(new EventStoreUnavailable('the event store is closed'));
    let serialized: PendingAppend['events'];
    try {
      serialized = events.map((event) => ({
        // time-ordered: new ids go to the end of the event-id index instead of a random page of it
        id: event.id ?? randomUUIDv7(),
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
      this.stmt.begin.run();
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
      this.stmt.commit.run();
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
    // One INSERT is atomic on its own (a failed statement undoes itself); several need a savepoint so that a
    // failure in the middle leaves none of them.
    const savepoint = events.length > 1;
    if (savepoint) this.stmt.savepoint.run();
    try {
      let position = 0;
      for (let i = 0; i < events.length; i++) {
        const event = events[i];
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
      }
      if (savepoint) this.stmt.release.run();
      return {
        result: { nextExpectedRevision: plan.firstRevision + events.length - 1, position: BigInt(position) },
        wrote: true,
      };
    } catch (error) {
      if (savepoint) {
        this.stmt.rollbackToSavepoint.run();
        this.stmt.release.run();
      }
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
  const [data, metadata] = JSON.parse(row[5]) as [unknown, EventMetadata];
  return {
    id: row[1],
    type: row[4],
    data,
    metadata,
    streamId: row[2],
    revision: row[3],
    position: BigInt(row[0]),
    recordedAt: row[6],
  };
}

import { randomUUIDv7 } from 'node:crypto';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { SqliteEventStore } from '@rw/event-store/adapters/sqlite';
import { ProjectionRunner } from '@rw/read-models/runner/projection-runner';
import { ReadModelDatabase } from '@rw/read-models/runner/read-model-database';
import { DONATION_RECEIVED, DonationReceived, donationEvent, walkerTotalsProjection, walkers } from './fixtures';
import { seedInOwnProcess } from './seed';
import { Scenario, ScenarioContext, ScenarioResult, scaled, timed } from './scenario';

/** Durable appends, one event per append, each to a stream of its own, from `writers` concurrent loops. */
async function durableAppends(context: ScenarioContext, total: number, writers: number): Promise<ScenarioResult> {
  const store = new SqliteEventStore(join(context.dir, 'events.sqlite'));
  try {
    const ids = walkers(1_000);
    // warm-up: the first commits create the file and the WAL
    for (let i = 0; i < 100; i++) {
      const event = donationEvent(ids[i % ids.length]);
      await store.append(`donation-${event.data.donationId}`, [event], 'no_stream');
    }
    let issued = 0;
    const writer = async () => {
      while (issued < total) {
        const event = donationEvent(ids[issued++ % ids.length]);
        await store.append(`donation-${event.data.donationId}`, [event], 'no_stream');
      }
    };
    const seconds = await timed(() => Promise.all(Array.from({ length: writers }, writer)).then(() => undefined));
    const head = await store.headPosition();
    if (head !== BigInt(total + 100)) throw new Error(`expected ${total + 100} events stored, found ${head}`);
    return { events: total, seconds };
  } finally {
    await store.close();
  }
}

async function readAll(context: ScenarioContext): Promise<ScenarioResult> {
  const total = scaled(200_000, context.scale, 1_000);
  const file = join(context.dir, 'events.sqlite');
  await seedInOwnProcess(file, total);
  const store = new SqliteEventStore(file);
  try {
    let events = 0;
    let cents = 0;
    const seconds = await timed(async () => {
      for await (const event of store.readAll()) {
        events++;
        cents += (event.data as DonationReceived).amountCents;
      }
    });
    if (events !== total || cents <= 0) throw new Error(`read ${events} of ${total} events`);
    return { events, seconds };
  } finally {
    await store.close();
  }
}

async function projectionRebuild(context: ScenarioContext): Promise<ScenarioResult> {
  const total = scaled(200_000, context.scale, 1_000);
  const file = join(context.dir, 'events.sqlite');
  await seedInOwnProcess(file, total);
  const store = new SqliteEventStore(file);
  const database = new ReadModelDatabase(join(context.dir, 'read-models.sqlite'));
  const projection = walkerTotalsProjection();
  try {
    const runner = new ProjectionRunner(store, database, [projection]);
    const seconds = await timed(async () => {
      runner.start();
      await runner.catchUp();
    });
    await runner.stop();
    const totals = database.db
      .prepare('SELECT SUM(donations) AS donations, COUNT(*) AS walkers FROM walker_totals')
      .get() as { donations: number; walkers: number };
    if (totals.donations !== total) throw new Error(`the read model counts ${totals.donations} of ${total} donations`);
    return { events: total, seconds, note: `${totals.walkers} walkers` };
  } finally {
    database.close();
    await store.close();
  }
}

/**
 * What SQLite itself does on this disk, without the adapter: the adapter's table and settings (WAL,
 * synchronous=FULL, wal_autocheckpoint=4000, time-ordered event ids), rows made before the clock starts.
 */
function rawSqlite(context: ScenarioContext, mode: 'single' | 'batched'): ScenarioResult {
  const db = new DatabaseSync(join(context.dir, 'raw.sqlite'));
  try {
    db.exec(`
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA wal_autocheckpoint = 4000;
      CREATE TABLE events (position INTEGER PRIMARY KEY, event_id TEXT NOT NULL UNIQUE, stream_id TEXT NOT NULL,
        revision INTEGER NOT NULL, type TEXT NOT NULL, data TEXT NOT NULL, metadata TEXT NOT NULL,
        recorded_at TEXT NOT NULL, UNIQUE (stream_id, revision));
    `);
    const insert = db.prepare(
      'INSERT INTO events (event_id, stream_id, revision, type, data, metadata, recorded_at) VALUES (?, ?, 0, ?, ?, ?, ?)',
    );
    const ids = walkers(1_000);
    const rows = (count: number) =>
      Array.from({ length: count }, (_, i) => {
        const event = donationEvent(ids[i % ids.length]);
        return [
          randomUUIDv7(),
          `donation-${event.data.donationId}`,
          DONATION_RECEIVED,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
          new Date().toISOString(),
        ] as const;
      });
    if (mode === 'single') {
      const prepared = rows(scaled(20_000, context.scale, 100));
      const begin = db.prepare('BEGIN IMMEDIATE');
      const commit = db.prepare('COMMIT');
      const seconds = timedSync(() => {
        for (const row of prepared) {
          begin.run();
          insert.run(...row);
          commit.run();
        }
      });
      return { events: prepared.length, seconds, note: 'one INSERT per committed transaction' };
    }
    const prepared = rows(scaled(200_000, context.scale, 1_000));
    const seconds = timedSync(() => {
      db.exec('BEGIN IMMEDIATE');
      for (const row of prepared) insert.run(...row);
      db.exec('COMMIT');
    });
    return { events: prepared.length, seconds, note: 'every INSERT in one transaction' };
  } finally {
    db.close();
  }
}

function timedSync(work: () => void): number {
  const started = performance.now();
  work();
  return (performance.now() - started) / 1000;
}

export const eventStoreScenarios: Scenario[] = [
  {
    name: 'sqlite append, 1 writer',
    target: 5_000,
    run: (context) => durableAppends(context, scaled(20_000, context.scale, 100), 1),
  },
  {
    name: 'sqlite append, 64 writers',
    target: 20_000,
    run: (context) => durableAppends(context, scaled(100_000, context.scale, 1_000), 64),
  },
  { name: 'sqlite readAll', target: 300_000, run: readAll },
  { name: 'projection rebuild, totals', target: 50_000, run: projectionRebuild },
  {
    name: 'raw sqlite (reference): single-row commits',
    run: async (context) => rawSqlite(context, 'single'),
  },
  {
    name: 'raw sqlite (reference): batched inserts',
    run: async (context) => rawSqlite(context, 'batched'),
  },
];

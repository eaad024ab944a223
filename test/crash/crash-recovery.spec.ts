import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { type RecordedEvent, SqliteEventStore } from '@rw/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import { countingProjection } from '@rw/read-models/testing/counting-projection';
import { built } from '../support/built';

function run(name: string, args: string[]): { child: ChildProcess; lines: AsyncIterable<string> } {
  // the children run the compiled code, compiled for this run
  const script = built(`test/crash/${name}.child.js`);
  const child = fork(script, args, { stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
  return { child, lines: createInterface({ input: child.stdout as NodeJS.ReadableStream }) };
}

function killed(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

async function readAll(store: SqliteEventStore): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  for await (const e of store.readAll()) all.push(e);
  return all;
}

describe('crash recovery (SIGKILL of a child process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rw-crash-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('loses no acknowledged append when killed in the middle of a burst of appends', async () => {
    const file = join(dir, 'events.sqlite');
    const { child, lines } = run('append-burst', [file]);
    const acked = new Map<string, string>();
    for await (const line of lines) {
      const [stream, id] = line.split(' ');
      acked.set(id, stream);
      if (acked.size >= 3_000) break;
    }
    await killed(child);

    const store = new SqliteEventStore(file);
    const all = await readAll(store);
    const stored = new Map(all.map((e) => [e.id, e]));
    for (const [id, stream] of acked) expect(stored.get(id)?.streamId).toBe(stream);
    expect(all.length).toBeGreaterThanOrEqual(acked.size);
    expect(all.map((e) => e.position)).toEqual(all.map((_, i) => BigInt(i + 1)));
    const revisions = new Map<string, number[]>();
    for (const e of all) revisions.set(e.streamId, [...(revisions.get(e.streamId) ?? []), e.revision]);
    for (const list of revisions.values()) expect(list).toEqual(list.map((_, i) => i));
    // the store takes writes again after the crash
    const last = all[all.length - 1];
    await expect(store.append(last.streamId, [{ type: 'AfterCrash', data: {} }], last.revision)).resolves.toMatchObject(
      {
        nextExpectedRevision: last.revision + 1,
      },
    );
    await store.close();
  });

  it('neither loses nor double-counts an event when killed in the middle of a projection batch', async () => {
    const eventFile = join(dir, 'events.sqlite');
    const readModelFile = join(dir, 'read-models.sqlite');
    const store = new SqliteEventStore(eventFile);
    const streams = 40;
    const perStream = 125;
    for (let s = 0; s < streams; s++) {
      await store.append(
        `team-${s}`,
        Array.from({ length: perStream }, (_, i) => ({ type: 'TestEventHappened', data: { cents: i + 1 } })),
        'no_stream',
      );
    }
    await store.close();

    const { child, lines } = run('projection', [eventFile, readModelFile, '2500']);
    for await (const line of lines) if (line === 'MID_BATCH') break;
    await killed(child);

    const afterCrash = new ReadModelDatabase(readModelFile);
    const checkpoint = afterCrash.db
      .prepare('SELECT position FROM projection_checkpoints WHERE name = ?')
      .get('stream_totals') as {
      position: number;
    };
    // two whole batches committed, the third rolled back with the crash
    expect(checkpoint.position).toBe(2000);
    const counted = afterCrash.db.prepare('SELECT SUM(events) AS events FROM stream_totals').get() as {
      events: number;
    };
    expect(counted.events).toBe(2000);

    const reopened = new SqliteEventStore(eventFile);
    const runner = new ProjectionRunner(reopened, afterCrash, [countingProjection()]);
    runner.start();
    await runner.catchUp();
    await runner.stop();
    const rows = afterCrash.db.prepare('SELECT stream_id, events, cents FROM stream_totals').all() as {
      events: number;
      cents: number;
    }[];
    expect(rows).toHaveLength(streams);
    const expectedCents = (perStream * (perStream + 1)) / 2;
    for (const row of rows) expect(row).toMatchObject({ events: perStream, cents: expectedCents });
    afterCrash.close();
    await reopened.close();
  });
});

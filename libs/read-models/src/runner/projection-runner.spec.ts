import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MemoryEventStore, type NewEvent } from '@rw/event-store';
import { countingProjection } from '../testing/counting-projection';
import { ProjectionRunner } from './projection-runner';
import { ReadModelDatabase } from './read-model-database';

const event = (cents: number): NewEvent => ({ type: 'TestEventHappened', data: { cents } });

describe('projection runner', () => {
  let dir: string;
  let store: MemoryEventStore;
  const projection = countingProjection();
  const rows = (db: ReadModelDatabase) => db.db.prepare('SELECT * FROM stream_totals ORDER BY stream_id').all();

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rw-rm-'));
    store = new MemoryEventStore();
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  async function seed(): Promise<void> {
    await store.append('a', [event(100), event(250)], 'no_stream');
    await store.append('b', [event(1)], 'no_stream');
    await store.append('other', [{ type: 'SomethingElse', data: { cents: 999 } }], 'no_stream');
  }

  it('catches up from zero, then applies new events live', async () => {
    await seed();
    const db = new ReadModelDatabase(join(dir, 'rm.sqlite'));
    const runner = new ProjectionRunner(store, db, [projection]);
    runner.start();
    await runner.catchUp();
    expect(rows(db)).toEqual([
      { stream_id: 'a', events: 2, cents: 350 },
      { stream_id: 'b', events: 1, cents: 1 },
    ]);
    const appended = await store.append('b', [event(10)], 0);
    await runner.waitFor(appended.position);
    expect(rows(db)).toContainEqual({ stream_id: 'b', events: 2, cents: 11 });
    expect(runner.status().projections[0].checkpoint).toBe(appended.position);
    await runner.stop();
    db.close();
  });

  it('moves the checkpoint past events the projection does not read', async () => {
    await seed();
    const db = new ReadModelDatabase(join(dir, 'rm.sqlite'));
    const runner = new ProjectionRunner(store, db, [projection]);
    runner.start();
    await runner.catchUp();
    expect(runner.status().projections[0].checkpoint).toBe(4n);
    await runner.stop();
    db.close();
  });

  it('counts nothing twice when the same events are replayed after a restart', async () => {
    await seed();
    const file = join(dir, 'rm.sqlite');
    const first = new ReadModelDatabase(file);
    const runner = new ProjectionRunner(store, first, [projection]);
    runner.start();
    await runner.catchUp();
    const before = rows(first);
    await runner.stop();
    first.close();

    const again = new ReadModelDatabase(file);
    const restarted = new ProjectionRunner(store, again, [projection]);
    restarted.start();
    await restarted.catchUp();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(rows(again)).toEqual(before);
    await restarted.stop();
    again.close();
  });

  it('rebuilds a read model from zero that equals the live one', async () => {
    await seed();
    const live = new ReadModelDatabase(join(dir, 'live.sqlite'));
    const runner = new ProjectionRunner(store, live, [projection], { batchSize: 2 });
    runner.start();
    await runner.catchUp();
    await store.append('c', [event(5), event(6)], 'no_stream');
    await runner.catchUp();

    ProjectionRunner.resetAll(live, [projection]);
    expect(rows(live)).toEqual([]);
    await runner.stop();
    const rebuilt = new ProjectionRunner(store, live, [projection], { batchSize: 3 });
    rebuilt.start();
    await rebuilt.catchUp();
    expect(rows(live)).toEqual([
      { stream_id: 'a', events: 2, cents: 350 },
      { stream_id: 'b', events: 1, cents: 1 },
      { stream_id: 'c', events: 2, cents: 11 },
    ]);
    await rebuilt.stop();
    live.close();
  });

  it('rebuilds a projection whose version changed', async () => {
    await seed();
    const file = join(dir, 'rm.sqlite');
    const db = new ReadModelDatabase(file);
    const runner = new ProjectionRunner(store, db, [projection]);
    runner.start();
    await runner.catchUp();
    await runner.stop();
    db.db.exec("UPDATE stream_totals SET cents = 0 WHERE stream_id = 'a'");
    const changed = new ProjectionRunner(store, db, [{ ...projection, version: 2 }]);
    expect(changed.status().projections[0].checkpoint).toBeNull();
    changed.start();
    await changed.catchUp();
    expect(rows(db)).toContainEqual({ stream_id: 'a', events: 2, cents: 350 });
    await changed.stop();
    db.close();
  });

  it('stops at the last good checkpoint when a projection fails, and applies nothing of the failed batch', async () => {
    await seed();
    const db = new ReadModelDatabase(join(dir, 'rm.sqlite'));
    let applied = 0;
    const failing = countingProjection('failing');
    const wrapped = {
      ...failing,
      eventTypes: ['TestEventHappened'],
      open: (d: typeof db.db) => {
        const inner = failing.open(d);
        return {
          reset: inner.reset,
          apply: (e: Parameters<typeof inner.apply>[0]) => {
            if (++applied === 3) throw new Error('projection bug');
            inner.apply(e);
          },
        };
      },
    };
    const runner = new ProjectionRunner(store, db, [wrapped]);
    runner.start();
    await expect(runner.catchUp(2_000)).rejects.toThrow('projection bug');
    expect(runner.status().error).toBe('projection bug');
    expect(db.db.prepare('SELECT COUNT(*) AS n FROM failing').get()).toEqual({ n: 0 });
    expect(runner.status().projections[0].checkpoint).toBeNull();
    await runner.stop();
    db.close();
  });

  it('refuses to move a checkpoint that another runner moved (no double counting)', async () => {
    await seed();
    const file = join(dir, 'rm.sqlite');
    const one = new ReadModelDatabase(file);
    const two = new ReadModelDatabase(file);
    const first = new ProjectionRunner(store, one, [projection]);
    const second = new ProjectionRunner(store, two, [projection]);
    first.start();
    await first.catchUp();
    second.start();
    await expect(second.catchUp(2_000)).rejects.toThrow(/moved by another runner/);
    expect(rows(one)).toContainEqual({ stream_id: 'a', events: 2, cents: 350 });
    await first.stop();
    await second.stop();
    one.close();
    two.close();
  });

  it('follows again from its checkpoints when the subscription breaks, counting nothing twice', async () => {
    await seed();
    let breaks = 1;
    const flaky: typeof store = Object.create(store);
    flaky.subscribeToAll = (options) => {
      const inner = store.subscribeToAll(options);
      if (breaks-- <= 0) return inner;
      return {
        close: () => inner.close(),
        async *[Symbol.asyncIterator]() {
          let n = 0;
          for await (const event of inner) {
            yield event;
            if (++n === 2) throw new Error('connection reset');
          }
        },
      };
    };
    const db = new ReadModelDatabase(join(dir, 'rm.sqlite'));
    const errors: string[] = [];
    const runner = new ProjectionRunner(flaky, db, [projection], {
      logger: { info() {}, error: (message) => errors.push(message) },
    });
    runner.start();
    await runner.catchUp();
    expect(errors).toEqual(['lost the event store subscription; following again from the checkpoints']);
    expect(rows(db)).toEqual([
      { stream_id: 'a', events: 2, cents: 350 },
      { stream_id: 'b', events: 1, cents: 1 },
    ]);
    expect(runner.status().subscriptionError).toBeUndefined();
    await runner.stop();
    db.close();
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { EffectClaims, MemoryEventStore, type RecordedEvent } from '@rw/event-store';
import { loadConfig } from '../config/config';
import type { ProjectionService } from '../infrastructure/projection.service';
import { createLogger } from '../logging/logger';
import type { Effect, Reactor } from './reactor';
import { REACTIONS_FILE, ReactorRunner } from './reactor-runner';

/** Reacts to each `Walked` event with one effect, performed by recording it (or failing while told to). */
class WalkReactor implements Reactor {
  readonly name = 'walks';
  readonly eventTypes = ['Walked'];
  readonly performed: string[] = [];
  failing = 0;
  effectsOf(event: RecordedEvent): Effect[] {
    return [{ key: `walk-${event.id}`, payload: { km: (event.data as { km: number }).km } }];
  }
  async perform(_payload: Record<string, unknown>, key: string): Promise<void> {
    if (this.failing > 0) {
      this.failing--;
      throw new Error('the far end is down');
    }
    this.performed.push(key);
  }
}

describe('reactor runner (reactions decided durably, performed once across instances)', () => {
  let store: MemoryEventStore;
  // real time, moved on by hand past a backoff
  let ahead = 0;
  const dirs: string[] = [];
  const runners: ReactorRunner[] = [];
  // the read models are not what is tested here: they are always "caught up"
  const projections = {
    db: new DatabaseSync(':memory:'),
    runner: { waitFor: async () => {} },
    settled: async () => {},
  } as unknown as ProjectionService;

  const instance = (reactor: WalkReactor, name: string, dir = mkdtempSync(join(tmpdir(), 'rw-reactors-'))) => {
    dirs.push(dir);
    const runner = new ReactorRunner(
      loadConfig({ DATA_DIR: dir }),
      store,
      projections,
      new EffectClaims(store, { instance: name, clock: () => new Date(Date.now() + ahead), firstBackoffMs: 1_000 }),
      [reactor],
      createLogger('silent'),
    );
    runner.onApplicationBootstrap();
    runners.push(runner);
    return { runner, dir };
  };
  const walk = async (n: number) => {
    let last = 0n;
    for (let i = 0; i < n; i++) {
      last = (await store.append(`walker-${i}`, [{ type: 'Walked', data: { km: i } }], 'any')).position;
    }
    return last;
  };

  beforeEach(() => {
    store = new MemoryEventStore();
    ahead = 0;
  });
  afterEach(async () => {
    for (const runner of runners.splice(0)) await runner.onApplicationShutdown();
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('performs each effect once when two instances react to the same events', async () => {
    const a = new WalkReactor();
    const b = new WalkReactor();
    const [ra, rb] = [instance(a, 'a').runner, instance(b, 'b').runner];
    const head = await walk(20);
    await Promise.all([ra.settled(head), rb.settled(head)]);
    expect([...a.performed, ...b.performed].sort()).toHaveLength(20);
    expect(new Set([...a.performed, ...b.performed]).size).toBe(20);
    expect([ra.pendingCount(), rb.pendingCount()]).toEqual([0, 0]);
  });

  it('retries a failed effect after its backoff, and does not hold an answer up meanwhile', async () => {
    const reactor = new WalkReactor();
    reactor.failing = 1;
    const { runner } = instance(reactor, 'a');
    const head = await walk(1);
    const started = Date.now();
    await runner.settled(head);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(reactor.performed).toEqual([]);
    expect(runner.pendingCount()).toBe(1);
    ahead += 1_000;
    for (let i = 0; i < 100 && runner.pendingCount() > 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(reactor.performed).toHaveLength(1);
    expect(runner.pendingCount()).toBe(0);
  });

  it('decides nothing twice after a restart, and performs nothing again when its queue file is lost', async () => {
    const reactor = new WalkReactor();
    const first = instance(reactor, 'a');
    const head = await walk(5);
    await first.runner.settled(head);
    expect(reactor.performed).toHaveLength(5);
    await first.runner.onApplicationShutdown();
    // the same data folder: the checkpoint says all was decided
    const again = instance(reactor, 'a-restarted', first.dir);
    await again.runner.settled(head);
    expect(again.runner.pendingCount()).toBe(0);
    await again.runner.onApplicationShutdown();
    // the queue lost: everything is decided again from the first event, and found done in its claim
    rmSync(join(first.dir, REACTIONS_FILE));
    const fresh = instance(reactor, 'a-fresh', first.dir);
    await fresh.runner.settled(head);
    expect(fresh.runner.pendingCount()).toBe(0);
    expect(reactor.performed).toHaveLength(5);
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeEventStore } from '../testing/conformance';
import { SqliteEventStore } from './sqlite';

describeEventStore(
  'sqlite',
  async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-es-'));
    const file = join(dir, 'events.sqlite');
    let current = new SqliteEventStore(file);
    return {
      store: current,
      reopen: async () => {
        await current.close();
        current = new SqliteEventStore(file);
        return current;
      },
      dispose: async () => {
        await current.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
  { contiguousPositions: true, durable: true },
);

describe('sqlite event store, group commit', () => {
  it('commits 64 concurrent appends to distinct streams, each with its own answer', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-es-'));
    const store = new SqliteEventStore(join(dir, 'events.sqlite'));
    try {
      const results = await Promise.all(
        Array.from({ length: 64 }, (_, i) =>
          store.append(`walker-${i}`, [{ type: 'Walked', data: { i } }], 'no_stream'),
        ),
      );
      expect(new Set(results.map((r) => r.position)).size).toBe(64);
      expect(results.every((r) => r.nextExpectedRevision === 0)).toBe(true);
      const conflicting = await Promise.allSettled([
        store.append('walker-1', [{ type: 'Walked', data: {} }], 0),
        store.append('walker-1', [{ type: 'Walked', data: {} }], 0),
        store.append('walker-2', [{ type: 'Walked', data: {} }], 'no_stream'),
        store.append('walker-3', [{ type: 'Walked', data: {} }], 0),
      ]);
      expect(conflicting.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
      expect(await store.headPosition()).toBe(66n);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('sqlite event store, shutdown', () => {
  it('commits appends still queued when it is closed, and refuses appends after that', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-es-'));
    const file = join(dir, 'events.sqlite');
    const store = new SqliteEventStore(file);
    try {
      const inFlight = Array.from({ length: 10 }, (_, i) =>
        store.append(`donation-${i}`, [{ type: 'Given', data: { i } }], 'no_stream'),
      );
      await store.close();
      await expect(Promise.all(inFlight)).resolves.toHaveLength(10);
      await expect(store.append('late', [{ type: 'Given', data: {} }], 'any')).rejects.toThrow(/closed/);
      const reopened = new SqliteEventStore(file);
      expect(await reopened.headPosition()).toBe(10n);
      await reopened.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

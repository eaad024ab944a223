import { spawn } from 'node:child_process';
import { EventStoreUnavailable, WrongExpectedRevision } from '@rw/event-store';
import { EsdbEventStore } from '@rw/event-store/adapters/esdb';
import { describeEventStore } from '@rw/event-store/testing/conformance';
import { EsdbStandIn } from '../esdb-stand-in/server';
import { built } from '../support/built';

// The esdb adapter through the real @eventstore/db-client, against the in-memory gRPC stand-in (a test double;
// see test/esdb-stand-in/server.ts). The truth remains the same suite against a real server: esdb-real.spec.ts.

/** One stand-in per configuration for the whole file: the suite uses unique stream names, as on a shared server. */
function standIn(options: Parameters<typeof EsdbStandIn.start>[0]) {
  let started: Promise<EsdbStandIn> | undefined;
  afterAll(async () => {
    if (started) await (await started).stop();
  });
  return () => {
    started ??= EsdbStandIn.start(options);
    return started;
  };
}

const batchAppendServer = standIn({ batchAppend: true, systemEventEvery: 3 });
describeEventStore(
  'esdb via the gRPC stand-in (BatchAppend, as EventStoreDB 21.10+)',
  async () => ({ store: new EsdbEventStore((await batchAppendServer()).connectionString) }),
  { contiguousPositions: false, durable: false, tombstones: true },
);

const appendServer = standIn({ batchAppend: false, systemEventEvery: 3 });
describeEventStore(
  'esdb via the gRPC stand-in (Append, as servers without ServerFeatures)',
  async () => ({ store: new EsdbEventStore((await appendServer()).connectionString) }),
  { contiguousPositions: false, durable: false, tombstones: true },
);

describe('esdb adapter against the stand-in, beyond the conformance suite', () => {
  const strictServer = standIn({});

  it('leaves the server’s own events out of $all reads and the head position', async () => {
    const server = await EsdbStandIn.start();
    const store = new EsdbEventStore(server.connectionString);
    try {
      expect(await store.headPosition()).toBeNull(); // only $settings, $users, $user-admin so far
      const all = [];
      for await (const e of store.readAll()) all.push(e);
      expect(all).toEqual([]);
      const { position } = await store.append('own-1', [{ type: 'Walked', data: { km: 3 } }], 'no_stream');
      expect(await store.headPosition()).toBe(position);
      expect(server.eventCount).toBe(4);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('finds the head behind more of the server’s own events than one read returns, a page at a time', async () => {
    const server = await EsdbStandIn.start();
    const store = new EsdbEventStore(server.connectionString);
    try {
      const { position } = await store.append('own-head', [{ type: 'Walked', data: { km: 5 } }], 'no_stream');
      // 70 server events after it (statistics, as EventStoreDB writes them): more than two pages of 32
      const stats = Array.from({ length: 70 }, () => ({ type: '$statsCollected', data: {} }));
      await store.append('$stats-127.0.0.1:2113', stats, 'any');
      const reads = server.calls.read;
      expect(await store.headPosition()).toBe(position);
      expect(server.calls.read - reads).toBe(3);
    } finally {
      await store.close();
      await server.stop();
    }
  });

  it('is refused, as by EventStoreDB, a read of $all from an offset at which no event starts', async () => {
    const server = await strictServer();
    const store = new EsdbEventStore(server.connectionString);
    try {
      const { position } = await store.append('strict-1', [{ type: 'Walked', data: {} }], 'any');
      const fromEvent = [];
      for await (const e of store.readAll({ fromPosition: position })) fromEvent.push(e.position);
      expect(fromEvent).toEqual([position]);
      const between = async () => {
        for await (const _ of store.readAll({ fromPosition: position + 1n })) {
          // nothing expected
        }
      };
      await expect(between()).rejects.toThrow('Trying to read from an invalid position.');
    } finally {
      await store.close();
    }
  });

  it('answers an append retried with the same ids after a conflict the original result, with any', async () => {
    const server = await strictServer();
    const store = new EsdbEventStore(server.connectionString);
    try {
      const id = '0b9c3f3e-8f0a-4a53-9d0e-1f6f1f2f3f4f';
      const first = await store.append('retry-1', [{ id, type: 'Pledged', data: {} }], 'no_stream');
      await expect(store.append('retry-1', [{ type: 'Pledged', data: {} }], 'no_stream')).rejects.toBeInstanceOf(
        WrongExpectedRevision,
      );
      expect(await store.append('retry-1', [{ id, type: 'Pledged', data: {} }], 'any')).toEqual(first);
    } finally {
      await store.close();
    }
  });

  it('appends through BatchAppend when ServerFeatures offers it, through Append otherwise', async () => {
    for (const batchAppend of [true, false]) {
      const server = await EsdbStandIn.start({ batchAppend });
      const store = new EsdbEventStore(server.connectionString);
      try {
        await store.append('path-1', [{ type: 'Walked', data: {} }], 'no_stream');
        await store.append('path-1', [{ type: 'Walked', data: {} }], 0);
        expect(server.calls).toMatchObject(
          batchAppend ? { getSupportedMethods: 1, batchAppend: 2, append: 0 } : { batchAppend: 0, append: 2 },
        );
      } finally {
        await store.close();
        await server.stop();
      }
    }
  });

  it('reports a server that is gone as EventStoreUnavailable', async () => {
    const server = await EsdbStandIn.start();
    const store = new EsdbEventStore(server.connectionString);
    try {
      await store.append('gone-1', [{ type: 'Walked', data: {} }], 'no_stream');
      await server.stop();
      await expect(store.append('gone-1', [{ type: 'Walked', data: {} }], 0)).rejects.toBeInstanceOf(
        EventStoreUnavailable,
      );
      await expect(store.readStream('gone-1')).rejects.toBeInstanceOf(EventStoreUnavailable);
    } finally {
      await store.close();
    }
  });
});

describe('the stand-in alone (`npm run esdb-stand-in -- --port N`)', () => {
  // compiled, as the npm script runs it
  const run = (args: string[]) => {
    const child = spawn(process.execPath, [built('test/esdb-stand-in/main.js'), ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
    return { child, output: () => output, exited };
  };

  it('prints its connection string, serves clients on it, and stops on SIGTERM', async () => {
    const standIn = run(['--port', '0']);
    const deadline = Date.now() + 10_000;
    while (!standIn.output().includes('\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const connectionString = standIn.output().trim();
    expect(connectionString).toMatch(/^esdb:\/\/127\.0\.0\.1:\d+\?tls=false$/);
    const store = new EsdbEventStore(connectionString);
    try {
      await store.append('alone-1', [{ type: 'Walked', data: { km: 5 } }], 'no_stream');
      expect((await store.readStream('alone-1')).map((e) => e.data)).toEqual([{ km: 5 }]);
    } finally {
      await store.close();
      standIn.child.kill('SIGTERM');
    }
    expect(await standIn.exited).toBe(0);
  });

  it('refuses a port that is no number, with a message and exit code 2', async () => {
    const standIn = run(['--port', 'eighty']);
    expect(await standIn.exited).toBe(2);
    expect(standIn.output()).toContain('--port must be a port number, got eighty');
  });
});

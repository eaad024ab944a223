import { randomUUID } from 'node:crypto';
import { EffectClaims } from '../effect-claims';
import { EventStore, NewEvent, RecordedEvent, StreamDeleted, WrongExpectedRevision } from '../event-store';

export interface EventStoreUnderTest {
  store: EventStore;
  /** Closes the store and opens it again on the same storage (only for adapters that keep data). */
  reopen?: () => Promise<EventStore>;
  /** Releases what the factory made (files, servers). */
  dispose?: () => Promise<void>;
}

export interface ConformanceOptions {
  /** The adapter numbers positions 1, 2, 3, … (the embedded adapters do; EventStoreDB's are log offsets). */
  contiguousPositions: boolean;
  /** The adapter keeps its data when closed: the suite then closes and reopens it (the factory gives reopen). */
  durable: boolean;
  /** The adapter deletes streams for good (`tombstone`, EventStoreDB); the others must not offer it. */
  tombstones?: boolean;
}

/**
 * One suite, every adapter: the behaviour the rest of the platform relies on. Stream names are unique per
 * test so the suite also runs against a shared, non-empty server.
 */
export function describeEventStore(
  adapterName: string,
  create: () => Promise<EventStoreUnderTest>,
  options: ConformanceOptions,
): void {
  describe(`event store conformance: ${adapterName}`, () => {
    let subject: EventStoreUnderTest;
    let store: EventStore;

    beforeEach(async () => {
      subject = await create();
      store = subject.store;
    });
    afterEach(async () => {
      await store.close();
      await subject.dispose?.();
    });

    const stream = (name: string) => `${name}-${randomUUID()}`;
    const event = (n: number, extra: Partial<NewEvent> = {}): NewEvent => ({
      id: randomUUID(),
      type: 'TestEventHappened',
      data: { n, text: `event ${n}`, cents: 12345 },
      ...extra,
    });
    const ids = (events: RecordedEvent[]) => events.map((e) => e.id);
    const collect = async (iterable: AsyncIterable<RecordedEvent>, filter?: (e: RecordedEvent) => boolean) => {
      const out: RecordedEvent[] = [];
      for await (const e of iterable) if (!filter || filter(e)) out.push(e);
      return out;
    };
    const ofStreams = (names: string[]) => (e: RecordedEvent) => names.includes(e.streamId);

    it('creates a new stream whose events carry the full envelope', async () => {
      const s = stream('team');
      const written = event(1, { metadata: { correlationId: 'corr-1', causationId: 'cause-1' } });
      const before = Date.now();
      const result = await store.append(s, [written, event(2)], 'no_stream');
      expect(result.nextExpectedRevision).toBe(1);

      const events = await store.readStream(s);
      expect(events).toHaveLength(2);
      const [first, second] = events;
      expect(first).toMatchObject({
        id: written.id,
        type: 'TestEventHappened',
        data: { n: 1, text: 'event 1', cents: 12345 },
        streamId: s,
        revision: 0,
      });
      expect(first.metadata).toMatchObject({ correlationId: 'corr-1', causationId: 'cause-1' });
      expect(second.revision).toBe(1);
      expect(typeof first.position).toBe('bigint');
      expect(second.position).toBeGreaterThan(first.position);
      expect(result.position).toBe(second.position);
      expect(Date.parse(first.recordedAt)).toBeGreaterThanOrEqual(before - 5_000);
      expect(Date.parse(first.recordedAt)).toBeLessThanOrEqual(Date.now() + 5_000);
    });

    it('gives every event a uuid when the writer gives none', async () => {
      const s = stream('walker');
      await store.append(s, [{ type: 'NoIdGiven', data: {} }], 'no_stream');
      const [stored] = await store.readStream(s);
      expect(stored.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    });

    it('reads a stream that does not exist as an empty list', async () => {
      expect(await store.readStream(stream('nobody'))).toEqual([]);
    });

    it('reads a stream from a given revision', async () => {
      const s = stream('team');
      await store.append(s, [event(0), event(1), event(2)], 'no_stream');
      const tail = await store.readStream(s, { fromRevision: 1 });
      expect(tail.map((e) => e.revision)).toEqual([1, 2]);
    });

    it('appends with "any" to a new and to an existing stream', async () => {
      const s = stream('pledge');
      expect((await store.append(s, [event(1)], 'any')).nextExpectedRevision).toBe(0);
      expect((await store.append(s, [event(2)], 'any')).nextExpectedRevision).toBe(1);
      expect((await store.readStream(s)).map((e) => e.revision)).toEqual([0, 1]);
    });

    it('appends at the exact expected revision', async () => {
      const s = stream('donation');
      const first = await store.append(s, [event(1)], 'no_stream');
      const second = await store.append(s, [event(2), event(3)], first.nextExpectedRevision);
      expect(second.nextExpectedRevision).toBe(2);
      expect((await store.readStream(s)).map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3]);
    });

    it('refuses a wrong expected revision with WrongExpectedRevision and writes nothing', async () => {
      const s = stream('edition');
      await store.append(s, [event(1), event(2)], 'no_stream');
      const head = await store.headPosition();

      const stale = store.append(s, [event(3)], 0);
      await expect(stale).rejects.toBeInstanceOf(WrongExpectedRevision);
      await expect(store.append(s, [event(3)], 0)).rejects.toMatchObject({ streamId: s, expected: 0, actual: 1 });
      await expect(store.append(s, [event(3)], 5)).rejects.toBeInstanceOf(WrongExpectedRevision);
      await expect(store.append(s, [event(3)], 'no_stream')).rejects.toMatchObject({
        expected: 'no_stream',
        actual: 1,
      });
      await expect(store.append(stream('absent'), [event(1)], 0)).rejects.toMatchObject({ actual: 'no_stream' });

      expect(await store.readStream(s)).toHaveLength(2);
      expect(await store.headPosition()).toBe(head);
    });

    it('treats the same event ids appended again with the same expected revision as one write', async () => {
      const s = stream('donation');
      const batch = [event(1), event(2)];
      const first = await store.append(s, batch, 'no_stream');
      const retry = await store.append(s, batch, 'no_stream');
      expect(retry).toEqual(first);
      await store.append(s, [event(3)], 1);
      const lateRetry = await store.append(s, batch, 'no_stream');
      expect(lateRetry).toEqual(first);
      const again = event(4);
      const exact = await store.append(s, [again], 2);
      expect(await store.append(s, [again], 2)).toEqual(exact);
      expect(await store.append(s, [again], 'any')).toEqual(exact);
      expect((await store.readStream(s)).map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);
    });

    it('lets exactly one of many concurrent writers win each revision of a stream', async () => {
      const s = stream('team');
      await store.append(s, [event(0)], 'no_stream');
      for (let round = 0; round < 5; round++) {
        const writers = Array.from({ length: 16 }, (_, w) => store.append(s, [event(round * 100 + w)], round));
        const results = await Promise.allSettled(writers);
        const won = results.filter((r) => r.status === 'fulfilled');
        const lost = results.filter((r) => r.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(15);
        for (const r of lost) expect((r as PromiseRejectedResult).reason).toBeInstanceOf(WrongExpectedRevision);
      }
      const events = await store.readStream(s);
      expect(events.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('keeps a strictly increasing global order in which every acknowledged event appears exactly once', async () => {
      const names = Array.from({ length: 20 }, (_, i) => stream(`walker${i}`));
      const start = (await store.headPosition()) ?? undefined;
      const acked = new Map<string, bigint>();
      await Promise.all(
        names.map(async (name) => {
          let revision: number | 'no_stream' = 'no_stream';
          for (let i = 0; i < 5; i++) {
            const e = event(i);
            const result = await store.append(name, [e], revision);
            revision = result.nextExpectedRevision;
            acked.set(e.id as string, result.position);
          }
        }),
      );
      // positions given to a store must be ones it handed out (EventStoreDB's are log offsets): read from the
      // head seen before, which belongs to another test's stream and is filtered out
      const all = await collect(store.readAll(start === undefined ? {} : { fromPosition: start }), ofStreams(names));
      expect(all).toHaveLength(100);
      expect(new Set(ids(all))).toEqual(new Set(acked.keys()));
      for (let i = 1; i < all.length; i++) expect(all[i].position).toBeGreaterThan(all[i - 1].position);
      for (const e of all) expect(e.position).toBe(acked.get(e.id));
      if (options.contiguousPositions) {
        const everything = await collect(store.readAll());
        expect(everything.map((e) => e.position)).toEqual(everything.map((_, i) => BigInt(i + 1)));
      }
    });

    it('reads the global order from a position, inclusive, with a maximum count', async () => {
      const s = stream('edition');
      await store.append(s, [event(1), event(2), event(3), event(4)], 'no_stream');
      const mine = await store.readStream(s);
      const from = await collect(store.readAll({ fromPosition: mine[1].position, maxCount: 2 }));
      expect(ids(from)).toEqual(ids(mine.slice(1, 3)));
      expect(await store.headPosition()).toBeGreaterThanOrEqual(mine[3].position);
    });

    it('catches a subscription up from a checkpoint, then goes live without losing or repeating an event', async () => {
      const names = [stream('a'), stream('b')];
      await store.append(names[0], [event(1), event(2)], 'no_stream');
      const [checkpointEvent] = await store.readStream(names[0]);
      await store.append(names[1], [event(3)], 'no_stream');

      const subscription = store.subscribeToAll({ afterPosition: checkpointEvent.position });
      const seen: RecordedEvent[] = [];
      const done = (async () => {
        for await (const e of subscription) {
          if (!names.includes(e.streamId)) continue;
          seen.push(e);
          if (seen.length === 1) {
            // written while the subscription is still catching up
            await store.append(names[1], [event(4)], 0);
          }
          if (seen.length === 4) break;
        }
      })();
      await waitFor(() => seen.length >= 3);
      await store.append(names[0], [event(5)], 1);
      await done;
      await subscription.close();
      expect(seen.map((e) => (e.data as { n: number }).n)).toEqual([2, 3, 4, 5]);
    });

    it('delivers to a live subscriber, during concurrent writes, the same gap-free sequence readers see afterwards', async () => {
      const names = Array.from({ length: 8 }, (_, i) => stream(`live${i}`));
      const start = (await store.headPosition()) ?? undefined;
      const subscription = store.subscribeToAll(start === undefined ? {} : { afterPosition: start });
      const seen: RecordedEvent[] = [];
      const total = names.length * 10;
      const reading = (async () => {
        for await (const e of subscription) {
          if (names.includes(e.streamId)) seen.push(e);
          if (seen.length === total) break;
        }
      })();
      await Promise.all(
        names.map(async (name) => {
          let revision: number | 'no_stream' = 'no_stream';
          for (let i = 0; i < 10; i++) revision = (await store.append(name, [event(i)], revision)).nextExpectedRevision;
        }),
      );
      await reading;
      await subscription.close();
      const stored = await collect(store.readAll(start === undefined ? {} : { fromPosition: start }), ofStreams(names));
      expect(ids(seen)).toEqual(ids(stored));
      for (let i = 1; i < seen.length; i++) expect(seen[i].position).toBeGreaterThan(seen[i - 1].position);
    });

    it('lets exactly one of several instances claim an effect (no_stream, ids derived per instance)', async () => {
      const key = `conformance-${randomUUID()}`;
      const instances = ['a', 'b', 'c'].map((name) => new EffectClaims(store, { instance: name }));
      let performed = 0;
      const outcomes = await Promise.all(
        Array.from({ length: 9 }, (_, i) => instances[i % 3].once(key, async () => void performed++)),
      );
      expect(performed).toBe(1);
      expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(1);
      expect(await instances[2].once(key, async () => void performed++)).toEqual({ status: 'done-before' });
      expect(performed).toBe(1);
    });

    it('stops a subscription when it is closed', async () => {
      const subscription = store.subscribeToAll({});
      const iterating = (async () => {
        for await (const _ of subscription) {
          // drain
        }
        return 'ended';
      })();
      await new Promise((resolve) => setTimeout(resolve, 20));
      await subscription.close();
      await expect(iterating).resolves.toBe('ended');
    });

    if (!options.tombstones) {
      it('offers no tombstone: it keeps every stream', () => {
        expect(store.tombstone).toBeUndefined();
      });
    } else {
      describe('tombstones (hard delete)', () => {
        const tombstone = (streamId: string) => {
          if (!store.tombstone) throw new Error(`${adapterName} is said to offer tombstones but has no tombstone()`);
          return store.tombstone(streamId);
        };

        it('deletes a stream for good: reads, appends (whatever the expected revision) and a second tombstone fail', async () => {
          const s = stream('tombstoned');
          const first = event(1);
          await store.append(s, [first, event(2)], 'no_stream');
          await tombstone(s);
          await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamDeleted);
          await expect(store.readStream(s)).rejects.toMatchObject({ streamId: s });
          for (const expected of ['any', 'no_stream', 1, 2] as const) {
            await expect(store.append(s, [event(3)], expected)).rejects.toBeInstanceOf(StreamDeleted);
          }
          // not even a retry of a write made before the delete is answered as a success
          await expect(store.append(s, [first], 'no_stream')).rejects.toBeInstanceOf(StreamDeleted);
          await expect(tombstone(s)).rejects.toBeInstanceOf(StreamDeleted);
        });

        it('tombstones a stream that never existed, which can then never be created', async () => {
          const s = stream('never');
          await tombstone(s);
          await expect(store.append(s, [event(1)], 'no_stream')).rejects.toBeInstanceOf(StreamDeleted);
          await expect(store.readStream(s)).rejects.toBeInstanceOf(StreamDeleted);
        });

        it('leaves other streams alone and keeps the deletion record out of $all reads and the head', async () => {
          const [gone, kept] = [stream('gone'), stream('kept')];
          const start = (await store.headPosition()) ?? undefined;
          await store.append(gone, [event(1)], 'no_stream');
          const { position } = await store.append(kept, [event(2)], 'no_stream');
          await tombstone(gone);
          expect((await store.readStream(kept)).map((e) => (e.data as { n: number }).n)).toEqual([2]);
          expect(await store.headPosition()).toBe(position);
          const all = await collect(
            store.readAll(start === undefined ? {} : { fromPosition: start }),
            ofStreams([gone, kept]),
          );
          // the deleted stream's own events may remain until a scavenge; the server's deletion record never shows
          expect(all.every((e) => e.type === 'TestEventHappened')).toBe(true);
          expect(all.filter((e) => e.streamId === kept)).toHaveLength(1);
        });
      });
    }

    if (options.durable) {
      it('keeps every acknowledged event when the store is closed and opened again', async () => {
        if (!subject.reopen) throw new Error(`${adapterName} is durable but its factory gives no reopen()`);
        const s = stream('durable');
        await store.append(s, [event(1), event(2)], 'no_stream');
        const head = await store.headPosition();
        store = await subject.reopen();
        expect((await store.readStream(s)).map((e) => (e.data as { n: number }).n)).toEqual([1, 2]);
        expect(await store.headPosition()).toBe(head);
        expect((await store.append(s, [event(3)], 1)).nextExpectedRevision).toBe(2);
      });
    }
  });
}

async function waitFor(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

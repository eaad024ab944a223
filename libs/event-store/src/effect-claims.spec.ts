import { MemoryEventStore } from './adapters/memory';
import { EffectClaims, effectStream } from './effect-claims';

describe('effect claims (each effect once across instances)', () => {
  let store: MemoryEventStore;
  let now: Date;
  const clock = () => now;
  const instance = (name: string) =>
    new EffectClaims(store, { instance: name, clock, leaseMs: 30_000, firstBackoffMs: 1_000, maxBackoffMs: 8_000 });

  beforeEach(() => {
    store = new MemoryEventStore();
    now = new Date('2026-05-01T10:00:00.000Z');
  });

  it('lets exactly one of two instances racing for the same effect perform it', async () => {
    const performed: string[] = [];
    const [a, b] = [instance('a'), instance('b')];
    const outcomes = await Promise.all([
      a.once('mail:1', async () => void performed.push('a')),
      b.once('mail:1', async () => void performed.push('b')),
    ]);
    expect(performed).toHaveLength(1);
    expect(outcomes.map((o) => o.status).sort()).toEqual(['done', 'held-elsewhere']);
    // afterwards both see it done, and nobody performs it again
    expect(await b.once('mail:1', async () => void performed.push('b'))).toEqual({ status: 'done-before' });
    expect(await a.once('mail:1', async () => void performed.push('a'))).toEqual({ status: 'done-before' });
    expect(performed).toHaveLength(1);
    expect((await store.readStream(effectStream('mail:1'))).map((e) => e.type)).toEqual([
      'EffectClaimed',
      'EffectDone',
    ]);
  });

  it('retries a failed effect after a backoff that doubles, on whichever instance comes first', async () => {
    const a = instance('a');
    const b = instance('b');
    const failing = async () => {
      throw new Error('421 try again later');
    };
    const first = await a.once('mail:2', failing);
    expect(first).toMatchObject({ status: 'failed', error: '421 try again later' });
    expect(first.status === 'failed' && first.retryAt.toISOString()).toBe('2026-05-01T10:00:01.000Z');
    // before the backoff has passed nobody tries, on any instance
    let tried = 0;
    expect(await b.once('mail:2', async () => void tried++)).toMatchObject({ status: 'failed' });
    expect(tried).toBe(0);
    now = new Date('2026-05-01T10:00:01.000Z');
    const second = await b.once('mail:2', failing);
    expect(second.status === 'failed' && second.retryAt.toISOString()).toBe('2026-05-01T10:00:03.000Z');
    now = new Date('2026-05-01T10:00:03.000Z');
    expect(await a.once('mail:2', async () => void tried++)).toEqual({ status: 'done' });
    expect(tried).toBe(1);
    expect(a.backoff(10)).toBe(8_000);
  });

  it('takes over the claim of an instance that died holding it, once its lease has ended', async () => {
    const a = instance('a');
    const b = instance('b');
    // a claims and dies before recording anything: its perform never settles
    void a.once('round:1', () => new Promise<void>(() => {}));
    await new Promise((resolve) => setImmediate(resolve));
    let performed = 0;
    expect(await b.once('round:1', async () => void performed++)).toMatchObject({ status: 'held-elsewhere' });
    now = new Date('2026-05-01T10:00:30.000Z');
    expect(await b.once('round:1', async () => void performed++)).toEqual({ status: 'done' });
    expect(performed).toBe(1);
  });

  it('answers a retried claim append of the same instance as its own write (deterministic ids)', async () => {
    const a = instance('a');
    await a.once('fee:1', async () => {});
    const events = await store.readStream(effectStream('fee:1'));
    // the same key and instance make the same ids: re-appending them is an idempotent retry, not a new claim
    await store.append(
      effectStream('fee:1'),
      [{ id: events[0].id, type: events[0].type, data: events[0].data }],
      'no_stream',
    );
    expect(await store.readStream(effectStream('fee:1'))).toHaveLength(2);
  });

  it('records an effect done even when the store fails for a moment right after it was performed', async () => {
    const a = instance('a');
    const append = store.append.bind(store);
    let refusals = 1;
    jest.spyOn(store, 'append').mockImplementation(async (streamId, events, expected) => {
      if (events[0]?.type === 'EffectDone' && refusals-- > 0) throw new Error('store unavailable');
      return append(streamId, events, expected);
    });
    let performed = 0;
    expect(await a.once('mail:3', async () => void performed++)).toEqual({ status: 'done' });
    expect(performed).toBe(1);
    expect((await store.readStream(effectStream('mail:3'))).map((e) => e.type)).toEqual([
      'EffectClaimed',
      'EffectDone',
    ]);
  });
});

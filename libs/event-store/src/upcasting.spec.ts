import { MemoryEventStore } from './adapters/memory';
import type { RecordedEvent } from './event-store';
import { type Upcasters, UpcastingEventStore, upcastStream } from './upcasting';

/** A made-up history: an order opened in a currency, then payments that, at first, did not repeat it. */
const upcasters: Upcasters = {
  Paid: {
    isOld: (data) => !('currency' in (data as object)),
    upcast(data, earlier) {
      const opened = earlier.findLast((event) => event.type === 'Opened');
      return opened ? { ...(data as object), currency: (opened.data as { currency: string }).currency } : data;
    },
  },
};
const opened = { type: 'Opened', data: { currency: 'EUR' } };
const oldPaid = (cents: number) => ({ type: 'Paid', data: { cents } });
const paidIn = (cents: number, currency: string) => ({ type: 'Paid', data: { cents, currency } });
const shapes = (events: readonly Pick<RecordedEvent, 'type' | 'data'>[]) =>
  events.map(({ type, data }) => ({ type, data }));

describe('upcasting event store', () => {
  let inner: MemoryEventStore;
  let store: UpcastingEventStore;
  let streamReads: number;

  beforeEach(async () => {
    inner = new MemoryEventStore();
    const readStream = inner.readStream.bind(inner);
    streamReads = 0;
    inner.readStream = (...args) => {
      streamReads += 1;
      return readStream(...args);
    };
    store = new UpcastingEventStore(inner, upcasters);
    await store.append('order-1', [opened, oldPaid(100), oldPaid(200), paidIn(300, 'USD')], 'no_stream');
    await store.append('order-2', [{ type: 'Opened', data: { currency: 'GBP' } }, oldPaid(5)], 'no_stream');
    streamReads = 0;
  });

  it('reads a stream in its current shape, from the events before each old one; current events as stored', async () => {
    expect(shapes(await store.readStream('order-1'))).toEqual([
      opened,
      paidIn(100, 'EUR'),
      paidIn(200, 'EUR'),
      paidIn(300, 'USD'),
    ]);
    // the stored facts are never rewritten
    expect(shapes(await inner.readStream('order-1'))).toEqual([opened, oldPaid(100), oldPaid(200), paidIn(300, 'USD')]);
  });

  it('reads the rest of a stream from a revision with what came before it', async () => {
    expect(shapes(await store.readStream('order-1', { fromRevision: 2 }))).toEqual([
      paidIn(200, 'EUR'),
      paidIn(300, 'USD'),
    ]);
  });

  it('upcasts events read alone (all streams), reading each stream once for its old events', async () => {
    const all: RecordedEvent[] = [];
    for await (const event of store.readAll()) all.push(event);
    expect(shapes(all)).toEqual([
      opened,
      paidIn(100, 'EUR'),
      paidIn(200, 'EUR'),
      paidIn(300, 'USD'),
      { type: 'Opened', data: { currency: 'GBP' } },
      paidIn(5, 'GBP'),
    ]);
    expect(all.map((event) => event.revision)).toEqual([0, 1, 2, 3, 0, 1]);
    expect(streamReads).toBe(2);
  });

  it('upcasts what a subscription delivers, also events appended after it started', async () => {
    const subscription = store.subscribeToAll({ afterPosition: (await store.headPosition()) ?? undefined });
    await store.append('order-1', [oldPaid(7)], 3);
    for await (const event of subscription) {
      expect(shapes([event])).toEqual([paidIn(7, 'EUR')]);
      break;
    }
    await subscription.close();
  });

  it('leaves an old event as stored when its stream holds nothing to learn from', async () => {
    await store.append('order-3', [oldPaid(9)], 'no_stream');
    expect(shapes(await store.readStream('order-3'))).toEqual([oldPaid(9)]);
  });

  it('upcasts a story of events without a store', () => {
    expect(upcastStream([opened, oldPaid(1)], upcasters)).toEqual([opened, paidIn(1, 'EUR')]);
  });
});

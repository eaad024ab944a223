import { MemoryEventStore } from './adapters/memory';
import { ConcurrencyConflict, type DomainEvent, executeCommand } from './command-handling';
import type { Decider } from './decider';
import { WrongExpectedRevision } from './event-store';

type Counted = DomainEvent<'Counted', { by: number }>;
const counter: Decider<{ add: number }, Counted, number> = {
  initialState: 0,
  decide: (command) => (command.add === 0 ? [] : [{ type: 'Counted', data: { by: command.add } }]),
  evolve: (total, event) => total + event.data.by,
};

describe('executing a command', () => {
  it('folds the stream, decides and appends at the revision it read', async () => {
    const store = new MemoryEventStore();
    await executeCommand(store, 'counter-1', counter, { add: 2 });
    const outcome = await executeCommand(store, 'counter-1', counter, { add: 3 });
    expect(outcome.state).toBe(5);
    expect(outcome.revision).toBe(1);
    expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 2 }, { by: 3 }]);
  });

  it('writes nothing for a command that changes nothing', async () => {
    const store = new MemoryEventStore();
    const outcome = await executeCommand(store, 'counter-1', counter, { add: 0 });
    expect(outcome).toMatchObject({ events: [], position: null, revision: 'no_stream' });
    expect(await store.headPosition()).toBeNull();
  });

  it('runs the cycle again on the new state when another writer got there first', async () => {
    const store = new MemoryEventStore();
    const append = store.append.bind(store);
    let interfered = false;
    store.append = async (stream, events, expected) => {
      if (!interfered) {
        interfered = true;
        await append(stream, [{ type: 'Counted', data: { by: 10 } }], 'any');
      }
      return append(stream, events, expected);
    };
    const outcome = await executeCommand(store, 'counter-1', counter, { add: 1 });
    expect(outcome.state).toBe(11);
  });

  it('gives up with ConcurrencyConflict (409) after a few lost races, having written nothing of its own', async () => {
    const store = new MemoryEventStore();
    let attempts = 0;
    store.append = async (stream, _events, expected) => {
      attempts++;
      throw new WrongExpectedRevision(stream, expected, 7);
    };
    await expect(executeCommand(store, 'counter-1', counter, { add: 1 })).rejects.toBeInstanceOf(ConcurrencyConflict);
    expect(attempts).toBe(4);
  });

  it('decides on a state the caller already holds without reading the stream', async () => {
    const store = new MemoryEventStore();
    const first = await executeCommand(store, 'counter-1', counter, { add: 2 });
    let reads = 0;
    const readStream = store.readStream.bind(store);
    store.readStream = async (...args) => {
      reads++;
      return readStream(...args);
    };
    const outcome = await executeCommand(
      store,
      'counter-1',
      counter,
      { add: 3 },
      {
        knownState: { state: first.state, revision: first.revision },
      },
    );
    expect(reads).toBe(0);
    expect(outcome.state).toBe(5);
    expect((await readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 2 }, { by: 3 }]);
  });

  it('reads the stream after all when the state it was given is stale, and decides on what is stored', async () => {
    const store = new MemoryEventStore();
    await executeCommand(store, 'counter-1', counter, { add: 2 });
    // told the stream is new: the append expecting no stream is refused, the stream is read and the cycle runs again
    const outcome = await executeCommand(
      store,
      'counter-1',
      counter,
      { add: 3 },
      {
        knownState: { state: counter.initialState, revision: 'no_stream' },
      },
    );
    expect(outcome.state).toBe(5);
    expect((await store.readStream('counter-1')).map((e) => e.data)).toEqual([{ by: 2 }, { by: 3 }]);
  });
});

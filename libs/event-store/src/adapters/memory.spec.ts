import { describeEventStore } from '../testing/conformance';
import { MemoryEventStore } from './memory';

describeEventStore('memory', async () => ({ store: new MemoryEventStore() }), {
  contiguousPositions: true,
  durable: false,
});

/**
 * Child process of the crash test: appends as fast as it can from 16 concurrent writers and prints the id of
 * every event whose append was acknowledged. The parent kills it with SIGKILL part-way through.
 */
import { randomUUID } from 'node:crypto';
import { SqliteEventStore } from '@rw/event-store';

const file = process.argv[2];
const store = new SqliteEventStore(file);

async function writer(w: number): Promise<void> {
  for (let i = 0; ; i++) {
    const stream = `walker-${w}-${i % 50}`;
    const id = randomUUID();
    const revision = Math.floor(i / 50) - 1;
    await store.append(
      stream,
      [{ id, type: 'TestEventHappened', data: { cents: 1 } }],
      revision < 0 ? 'no_stream' : revision,
    );
    process.stdout.write(`${stream} ${id}\n`);
  }
}

for (let w = 0; w < 16; w++) void writer(w);

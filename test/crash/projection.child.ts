/**
 * Child process of the crash test: rebuilds a totals read model and, in the middle of its third batch (inside
 * the open transaction), announces MID_BATCH and hangs, so the parent's SIGKILL lands mid-transaction.
 */
import { SqliteEventStore } from '@rw/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import { countingProjection } from '@rw/read-models/testing/counting-projection';

const [eventFile, readModelFile, hangAtArg] = process.argv.slice(2);
const hangAt = Number(hangAtArg);
const store = new SqliteEventStore(eventFile);
const database = new ReadModelDatabase(readModelFile);
const totals = countingProjection();
let applied = 0;
const hanging = {
  ...totals,
  open(db: typeof database.db) {
    const inner = totals.open(db);
    return {
      reset: inner.reset,
      apply(event: Parameters<typeof inner.apply>[0]) {
        inner.apply(event);
        if (++applied === hangAt) {
          process.stdout.write('MID_BATCH\n');
          // hold the transaction open until the parent kills us
          const until = Date.now() + 60_000;
          while (Date.now() < until) {
            /* busy */
          }
        }
      },
    };
  },
};
const runner = new ProjectionRunner(store, database, [hanging], { batchSize: 1000 });
runner.start();

import type { Projection } from '../runner/projection';

/**
 * A small read model for tests and benchmarks: per stream, how many events and the sum of their `cents`.
 * Double-applying an event would show as a wrong count.
 */
export function countingProjection(
  name = 'stream_totals',
  eventTypes: readonly string[] = ['TestEventHappened'],
): Projection {
  return {
    name,
    version: 1,
    eventTypes,
    open(db) {
      db.exec(
        `CREATE TABLE IF NOT EXISTS ${name} (stream_id TEXT PRIMARY KEY, events INTEGER NOT NULL, cents INTEGER NOT NULL)`,
      );
      const upsert = db.prepare(
        `INSERT INTO ${name} (stream_id, events, cents) VALUES (?, 1, ?)
         ON CONFLICT (stream_id) DO UPDATE SET events = events + 1, cents = cents + excluded.cents`,
      );
      return {
        reset: () => db.exec(`DELETE FROM ${name}`),
        apply: (event) => {
          upsert.run(event.streamId, Number((event.data as { cents?: number }).cents ?? 0));
        },
      };
    },
  };
}

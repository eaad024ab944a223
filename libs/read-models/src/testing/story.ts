import { type EventStore, MemoryEventStore, type NewEvent, UpcastingEventStore, upcastStream } from '@rw/event-store';
import { donationUpcasters } from '@rw/fundraising';
import type { Projection } from '../runner/projection';
import { ProjectionRunner } from '../runner/projection-runner';
import { ReadModelDatabase } from '../runner/read-model-database';

/** What a projection test tells: streams with their events, in order. */
export type Story = readonly (readonly [streamId: string, events: readonly NewEvent[]])[];

/** A memory store holding the story, each stream appended as new. */
export async function storeWithStory(story: Story): Promise<MemoryEventStore> {
  const store = new MemoryEventStore();
  for (const [stream, events] of story) await store.append(stream, [...events], 'no_stream');
  return store;
}

/**
 * Runs the projections over everything in the store, `batchSize` events at a time, into a fresh read-model database.
 * The projections read the store as the platform does: events stored in an older shape are upcast.
 */
export async function projectStore(
  store: EventStore,
  projections: readonly Projection[],
  batchSize: number,
): Promise<ReadModelDatabase> {
  const db = new ReadModelDatabase(':memory:');
  const runner = new ProjectionRunner(new UpcastingEventStore(store, donationUpcasters), db, projections, {
    batchSize,
  });
  runner.start();
  await runner.catchUp();
  await runner.stop();
  return db;
}

/** Applies every event of the story to the projection once more, in one transaction: a replay after a crash. */
export function applyStoryAgain(db: ReadModelDatabase, projection: Projection, story: Story): void {
  const handler = projection.open(db.db);
  db.transaction(() => {
    for (const [streamId, events] of story) {
      for (const [revision, event] of upcastStream(events, donationUpcasters).entries()) {
        handler.apply({
          ...event,
          id: `x${revision}`,
          metadata: {},
          streamId,
          revision,
          position: 0n,
          recordedAt: '',
        });
      }
    }
  });
}

import { join } from 'node:path';
import { allProjections, ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import type { PlatformConfig } from '@rw/platform/config/config';
import { DataDirLock } from '@rw/platform/infrastructure/data-dir-lock';
import { openEventStore, READ_MODEL_FILE } from '@rw/platform/infrastructure/event-store.factory';

export interface RebuildReport {
  projections: string[];
  headPosition: string | null;
  milliseconds: number;
}

/**
 * Deletes every read model of DATA_DIR and rebuilds it from the first event. Refuses while the platform runs on
 * the same DATA_DIR. If it is interrupted, the platform's next start simply carries on from the last batch.
 */
export async function rebuildProjections(config: PlatformConfig): Promise<RebuildReport> {
  const started = Date.now();
  const lock = DataDirLock.acquire(config.DATA_DIR, 'rebuild-projections');
  const store = await openEventStore(config);
  const database = new ReadModelDatabase(join(config.DATA_DIR, READ_MODEL_FILE));
  try {
    ProjectionRunner.resetAll(database, allProjections);
    const runner = new ProjectionRunner(store, database, allProjections, { batchSize: 5000 });
    runner.start();
    await runner.catchUp(60 * 60_000);
    await runner.stop();
    const head = await store.headPosition();
    return {
      projections: allProjections.map((p) => p.name),
      headPosition: head?.toString() ?? null,
      milliseconds: Date.now() - started,
    };
  } finally {
    database.close();
    await store.close();
    lock.release();
  }
}

import { join } from 'node:path';
import { allProjections, ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import type { PlatformConfig } from '@rw/runtime/config/config';
import { DataDirLock } from '@rw/runtime/infrastructure/data-dir-lock';
import { openEventStore, READ_MODEL_FILE } from '@rw/runtime/infrastructure/event-store.factory';
import { type Progress, silentProgress } from './progress';

export interface RebuildReport {
  projections: string[];
  headPosition: string | null;
  milliseconds: number;
}

/**
 * Deletes every read model of DATA_DIR and rebuilds it from the first event. Refuses while the platform runs on
 * the same DATA_DIR. If it is interrupted, the platform's next start simply carries on from the last batch.
 * `progress` shows the position the read models reached against the store's head when the rebuild began.
 */
export async function rebuildProjections(
  config: PlatformConfig,
  progress: Progress = silentProgress,
): Promise<RebuildReport> {
  const started = Date.now();
  const lock = DataDirLock.acquire(config.DATA_DIR, 'rebuild-projections');
  const store = await openEventStore(config);
  const database = new ReadModelDatabase(join(config.DATA_DIR, READ_MODEL_FILE));
  try {
    ProjectionRunner.resetAll(database, allProjections);
    const runner = new ProjectionRunner(store, database, allProjections, { batchSize: 5000 });
    const target = await store.headPosition();
    const bar = progress.bar('read models', Number(target ?? 0n));
    runner.start();
    const timer = setInterval(() => bar.update(Number(runner.position() ?? 0n)), 200);
    try {
      await runner.catchUp(60 * 60_000);
    } finally {
      clearInterval(timer);
    }
    bar.stop();
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

import { join } from 'node:path';
import type { Provider } from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { allProjections, ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import type { Logger } from '../logging/logger';
import { DataDirLock } from './data-dir-lock';
import { READ_MODEL_FILE } from './event-store.factory';

/**
 * The read models' database in DATA_DIR (opened after the lock, as the event store is) and the runner that keeps
 * every projection up to date, logging through the process's logger: the same in the platform and in the CLI.
 */
export function readSideProviders(dataDir: string, logger: Logger): Provider[] {
  return [
    {
      provide: ReadModelDatabase,
      inject: [DataDirLock],
      useFactory: () => new ReadModelDatabase(join(dataDir, READ_MODEL_FILE)),
    },
    {
      provide: ProjectionRunner,
      inject: [EVENT_STORE, ReadModelDatabase],
      useFactory: (store: EventStore, database: ReadModelDatabase) =>
        new ProjectionRunner(store, database, allProjections, {
          logger: {
            info: (message, fields) => logger.info(fields ?? {}, message),
            error: (message, fields) => logger.error(fields ?? {}, message),
          },
        }),
    },
  ];
}

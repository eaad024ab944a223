import { join } from 'node:path';
import { EsdbEventStore, type EventStore, SqliteEventStore } from '@rw/event-store';
import type { PlatformConfig } from '../config/config';

export const EVENT_STORE_FILE = 'events.sqlite';
export const READ_MODEL_FILE = 'read-models.sqlite';

/** The event store the configuration names: the embedded SQLite file by default, EventStoreDB in production. */
export function openEventStore(config: PlatformConfig): EventStore {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      return new SqliteEventStore(join(config.DATA_DIR, EVENT_STORE_FILE));
    case 'esdb':
      return new EsdbEventStore(config.EVENTSTORE_CONNECTION_STRING as string);
    default: {
      const _exhaustive: never = config.EVENT_STORE;
      return _exhaustive;
    }
  }
}

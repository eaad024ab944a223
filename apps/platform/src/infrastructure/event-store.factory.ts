import { join } from 'node:path';
import { DonorKeyStore, EsdbEventStore, type EventStore, PersonalDataVault, SqliteEventStore } from '@rw/event-store';
import type { PlatformConfig } from '../config/config';

export const EVENT_STORE_FILE = 'events.sqlite';
export const READ_MODEL_FILE = 'read-models.sqlite';
/** The donors' keys: always a local file in DATA_DIR, also when the events are in EventStoreDB. */
export const DONOR_KEY_FILE = 'donor-keys.sqlite';

/**
 * The event store the configuration names, behind the personal-data vault: every read and write of the platform
 * and the CLI sees donors in clear while the store only ever holds them encrypted per donor.
 */
export function openEventStore(config: PlatformConfig): PersonalDataVault {
  const keys = new DonorKeyStore(join(config.DATA_DIR, DONOR_KEY_FILE), config.PERSONAL_DATA_SECRET);
  return new PersonalDataVault(openAdapter(config), keys);
}

/** The adapter the configuration names: the embedded SQLite file by default, EventStoreDB in production. */
function openAdapter(config: PlatformConfig): EventStore {
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

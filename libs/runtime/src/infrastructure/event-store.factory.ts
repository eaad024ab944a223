import { join } from 'node:path';
import {
  adoptLocalKeys,
  DonorKeyStore,
  type EventStore,
  PersonalDataVault,
  SharedPersonKeys,
  SqliteEventStore,
  UpcastingEventStore,
} from '@rw/event-store';
import { donationUpcasters } from '@rw/fundraising';
// the EventStoreDB adapter loads gRPC: only this factory (the platform's write side) names it
import { EsdbEventStore } from '@rw/event-store/adapters/esdb';
import type { PlatformConfig } from '../config/config';

export const EVENT_STORE_FILE = 'events.sqlite';
export const READ_MODEL_FILE = 'read-models.sqlite';
/**
 * The persons' keys on the embedded store: a local file in DATA_DIR. On EventStoreDB they are in the store; a file
 * left from before (when each instance kept its own) is moved into the store at the next open, then deleted.
 */
export const DONOR_KEY_FILE = 'donor-keys.sqlite';

/** How events stored in an older shape are read today (see `UpcastingEventStore`). */
export const eventUpcasters = { ...donationUpcasters };

/**
 * The event store the configuration names, behind the personal-data vault: every read and write of the platform
 * and the CLI sees donors in clear while the store only ever holds them encrypted per person; and every event in
 * its current shape, events stored in an older one being upcast on read. The keys live next
 * to the events: in DATA_DIR for the embedded store, in EventStoreDB (wrapped with PERSONAL_DATA_SECRET) for it,
 * so that every instance on one EventStoreDB reads every person and one erasure holds everywhere.
 */
export async function openEventStore(
  config: PlatformConfig,
  log: (fields: object, message: string) => void = () => {},
): Promise<PersonalDataVault> {
  switch (config.EVENT_STORE) {
    case 'sqlite':
      return new PersonalDataVault(
        new UpcastingEventStore(new SqliteEventStore(join(config.DATA_DIR, EVENT_STORE_FILE)), eventUpcasters),
        new DonorKeyStore(join(config.DATA_DIR, DONOR_KEY_FILE), config.PERSONAL_DATA_SECRET),
      );
    case 'esdb': {
      const store: EventStore = new EsdbEventStore(config.EVENTSTORE_CONNECTION_STRING as string);
      const keys = new SharedPersonKeys(store, config.PERSONAL_DATA_SECRET as string);
      const file = join(config.DATA_DIR, DONOR_KEY_FILE);
      const moved = await adoptLocalKeys(store, keys, file);
      if (moved)
        log({ file, ...moved }, 'the persons’ keys of the local key file are now in EventStoreDB; the file is deleted');
      return new PersonalDataVault(new UpcastingEventStore(store, eventUpcasters), keys);
    }
    default: {
      const _exhaustive: never = config.EVENT_STORE;
      return _exhaustive;
    }
  }
}

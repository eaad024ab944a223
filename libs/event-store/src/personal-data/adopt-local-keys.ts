import { existsSync, rmSync } from 'node:fs';
import type { EventStore } from '../event-store';
import { DonorKeyStore } from './donor-key-store';
import { PersonalDataVault } from './personal-data-vault';
import type { SharedPersonKeys } from './shared-person-keys';

/**
 * Moves the persons' keys of a key file (`donor-keys.sqlite`, where an instance on EventStoreDB kept them before
 * keys were shared) into EventStoreDB, then deletes the file: from then on every instance reads those persons,
 * and an erasure deletes their only key. Each key goes under its person's address, found by opening their own
 * events with it (the file holds the addresses only as keyed hashes, perhaps under a secret of its own). Keys no
 * event names are dropped with the file: they seal nothing. Run before anything reads the store; a second run
 * finds no file. Answers what it did, for the log.
 */
export async function adoptLocalKeys(
  store: EventStore,
  shared: SharedPersonKeys,
  file: string,
): Promise<{ adopted: number; addressTaken: number; unused: number } | undefined> {
  if (!existsSync(file)) return undefined;
  const local = new DonorKeyStore(file);
  const keys = local.all();
  const wanted = new Map(keys.map((k) => [k.donorId, k]));
  const emails = new Map<string, string>();
  // a vault over the store with the file's keys, closed without closing the store
  const reader = new PersonalDataVault(store, local);
  for await (const event of reader.readAll()) {
    collectPersons(event.data, (donorId, email) => {
      if (wanted.has(donorId) && !emails.has(donorId)) emails.set(donorId, email);
    });
  }
  const entries = [...emails].map(([donorId, email]) => ({
    donorId,
    email,
    key: (wanted.get(donorId) as { key: Buffer }).key,
  }));
  const outcome = await shared.adopt(entries);
  local.close();
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
  return { ...outcome, unused: keys.length - entries.length };
}

/** Every opened person in event data: `{ donorId, email }` objects at any depth, and a walker's `personId` + `email`. */
function collectPersons(value: unknown, found: (donorId: string, email: string) => void): void {
  if (Array.isArray(value)) {
    for (const inner of value) collectPersons(inner, found);
    return;
  }
  if (typeof value !== 'object' || value === null) return;
  const object = value as Record<string, unknown>;
  const id = typeof object.donorId === 'string' ? object.donorId : object.personId;
  if (typeof id === 'string' && typeof object.email === 'string' && object.email !== '') found(id, object.email);
  for (const inner of Object.values(object)) if (typeof inner === 'object') collectPersons(inner, found);
}

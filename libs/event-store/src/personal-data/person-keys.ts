import type { DonorKey } from './donor-key-store';

/**
 * Where the personal-data vault keeps one key per person. Two kinds: the embedded file (`DonorKeyStore`, one
 * instance, answers at once) and the event store itself (`SharedPersonKeys`, every instance on one EventStoreDB,
 * answers after a network call). The vault asks `prepare` first, whose answer is `undefined` when nothing must be
 * loaded, and then reads synchronously while it seals or opens an event.
 */
export interface PersonKeyStore {
  /**
   * Makes the keys of these e-mail addresses and donor ids readable by `keyFor` and `keyOf` (finding or making
   * the key of an address). `undefined` when they already are: the embedded store always.
   */
  prepare(emails: readonly string[], donorIds: readonly string[]): Promise<void> | undefined;
  /** false: `prepare` never needs to be asked (the vault then does not even gather what an event names). */
  readonly loadsKeys: boolean;
  /** The key of that address, made on the first gift; the same while it exists, a new donor id after an erasure. */
  keyFor(email: string): DonorKey;
  /** The key of that donor while it exists. */
  keyOf(donorId: string): DonorKey | undefined;
  /** Resolves once every key handed out so far is stored: events sealed with them may then be appended. */
  persisted(): Promise<void>;
  /** The key of that address, as stored now, without making one. */
  find(email: string): DonorKey | undefined | Promise<DonorKey | undefined>;
  /** Deletes the key for good; true when there was one. */
  erase(donorId: string): boolean | Promise<boolean>;
  /**
   * The person's erasure was read in the events (`DonorErased`, written before the key is deleted): from now on
   * this process opens nothing more of theirs, even while its copy of the key is still fresh or the key not yet
   * deleted. Only a store that keeps copies of keys needs it.
   */
  forget?(donorId: string): void;
  close(): void | Promise<void>;
}

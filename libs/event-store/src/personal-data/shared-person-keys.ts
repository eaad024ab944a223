import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createSecretKey,
  hkdfSync,
  type KeyObject,
  randomBytes,
  randomUUID,
} from 'node:crypto';
import { type EventStore, StreamDeleted, WrongExpectedRevision } from '../event-store';
import type { DonorKey } from './donor-key-store';
import type { PersonKeyStore } from './person-keys';

/** Event types of the key streams: `$`-typed, so every reader of the global order skips them as system events. */
export const PERSON_KEY_EVENT = '$rw-person-key';
export const PERSON_LOOKUP_EVENT = '$rw-person-lookup';
const KEY_STREAM = 'rw-person-key-';
const LOOKUP_STREAM = 'rw-person-lookup-';

interface KeyEventData {
  donorId: string;
  /** The person's key, AES-256-GCM under the key-encryption key, bound to the donor id: iv | tag | ciphertext. */
  wrappedKey: string;
  /** The lookup stream that names this donor, deleted with the key. */
  lookupStream: string;
}

interface Cached {
  key: DonorKey | null;
  /** When it was read; a key is read again once older than the freshness window, an erasure never is. */
  at: number;
}

export interface SharedPersonKeysOptions {
  /** How long a key read from the store is used before it is read again: the most an erasure elsewhere takes. */
  freshForMs?: number;
  now?: () => number;
}

/**
 * The persons' keys kept in the event store itself, so that every instance on one EventStoreDB reads every
 * person, and one erasure holds everywhere:
 * - one key stream per person (`rw-person-key-<donorId>`), holding the key wrapped (AES-256-GCM) with a
 *   key-encryption key derived from PERSONAL_DATA_SECRET: the event store alone cannot open anything;
 * - one lookup stream per e-mail address (`rw-person-lookup-<HMAC of the address>-<n>`), naming the donor id, so
 *   that the same address finds the same person on every instance. Two instances making the first key of one
 *   address at once both append to it expecting no stream: one wins, the other deletes its own key and uses the
 *   winner's;
 * - erasure tombstones (hard-deletes) the key stream, then the lookup stream: neither can be written again, and the
 *   server's scavenge removes their events from disk. The next gift of that address takes the next lookup stream
 *   (n + 1) and a new donor id;
 * - a key read is used for `freshForMs` (2 s by default) before it is read again, so an erasure made on another
 *   instance holds here within that time; a deleted key is remembered as deleted and never comes back.
 */
export class SharedPersonKeys implements PersonKeyStore {
  readonly loadsKeys = true;
  // KeyObjects, made once: a cipher given raw key bytes imports them again each time, which cost five times the
  // cipher itself (a wrap or unwrap per person met)
  private readonly lookupSecret: KeyObject;
  private readonly wrappingKey: KeyObject;
  private readonly freshForMs: number;
  private readonly now: () => number;
  private readonly byDonorId = new Map<string, Cached>();
  private readonly byEmail = new Map<string, { key: DonorKey; at: number }>();
  /** Reads and key making under way, so that concurrent requests of one instance share them. */
  private readonly loading = new Map<string, Promise<unknown>>();

  constructor(
    /** The store without the vault (key streams hold no personal data), able to tombstone. */
    private readonly store: EventStore,
    secret: string,
    options: SharedPersonKeysOptions = {},
  ) {
    if (!store.tombstone) throw new TypeError('shared personal-data keys need an event store that can delete');
    if (secret.length < 32) throw new TypeError('the personal-data secret must be at least 32 characters long');
    this.lookupSecret = createSecretKey(Buffer.from(secret));
    this.wrappingKey = createSecretKey(
      Buffer.from(hkdfSync('sha256', secret, 'refugee-walk', 'personal-data key wrapping', 32)),
    );
    this.freshForMs = options.freshForMs ?? 2_000;
    this.now = options.now ?? Date.now;
  }

  prepare(emails: readonly string[], donorIds: readonly string[]): Promise<void> | undefined {
    const now = this.now();
    const waits: Promise<unknown>[] = [];
    for (const email of emails) {
      const normalised = normalise(email);
      const cached = this.byEmail.get(normalised);
      if (cached && now - cached.at < this.freshForMs) continue;
      waits.push(this.once(`email:${normalised}`, () => this.loadEmail(normalised)));
    }
    for (const donorId of donorIds) {
      const cached = this.byDonorId.get(donorId);
      if (cached && (cached.key === null || now - cached.at < this.freshForMs)) continue;
      waits.push(this.once(`donor:${donorId}`, () => this.loadDonor(donorId)));
    }
    return waits.length === 0 ? undefined : Promise.all(waits).then(() => undefined);
  }

  keyFor(email: string): DonorKey {
    const found = this.byEmail.get(normalise(email));
    if (!found) throw new Error('the key of this address was not prepared');
    return found.key;
  }

  keyOf(donorId: string): DonorKey | undefined {
    return this.byDonorId.get(donorId)?.key ?? undefined;
  }

  /** Keys are in the store before `prepare` resolves. */
  persisted(): Promise<void> {
    return Promise.resolve();
  }

  async find(email: string): Promise<DonorKey | undefined> {
    const { key, halfErased } = await this.current(normalise(email));
    return key ?? halfErased;
  }

  async erase(donorId: string): Promise<boolean> {
    let data: KeyEventData | undefined;
    try {
      data = (await this.store.readStream(keyStream(donorId)))[0]?.data as KeyEventData | undefined;
    } catch (error) {
      if (!(error instanceof StreamDeleted)) throw error;
    }
    this.forget(donorId);
    if (!data) return false;
    // the key first: from then on nothing of this person can be read, whatever happens next
    await this.tombstone(keyStream(donorId));
    // then their address, unless it names another person (a key taken over from a file, see adopt)
    let named: string | undefined;
    try {
      named = ((await this.store.readStream(data.lookupStream))[0]?.data as { donorId?: string } | undefined)?.donorId;
    } catch (error) {
      if (!(error instanceof StreamDeleted)) throw error;
    }
    if (named === undefined || named === donorId) await this.tombstone(data.lookupStream);
    return true;
  }

  /**
   * Takes over keys made elsewhere (the key file of an instance from before keys were shared), each under the
   * address it belongs to. A key already here is left as it is; a key deleted here (erased since) is never
   * written again. When the address has another person's key already (one who gave through two instances, each
   * with its own file), the key is kept under its own id, readable, but the address keeps finding the first.
   * Answers how many keys were written and how many addresses were taken already.
   */
  async adopt(entries: readonly { donorId: string; key: Buffer; email: string }[]): Promise<{
    adopted: number;
    addressTaken: number;
  }> {
    let adopted = 0;
    let addressTaken = 0;
    for (const { donorId, key, email } of entries) {
      const { key: found, lookupStream, halfErased } = await this.current(normalise(email));
      const current = found ?? halfErased;
      const data: KeyEventData = { donorId, wrappedKey: this.wrap({ donorId, key }), lookupStream };
      try {
        await this.store.append(keyStream(donorId), [{ type: PERSON_KEY_EVENT, data }], 'no_stream');
      } catch (error) {
        if (error instanceof WrongExpectedRevision || error instanceof StreamDeleted) continue;
        throw error;
      }
      adopted++;
      if (current) {
        addressTaken++;
        continue;
      }
      try {
        await this.store.append(lookupStream, [{ type: PERSON_LOOKUP_EVENT, data: { donorId } }], 'no_stream');
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision || error instanceof StreamDeleted)) throw error;
        addressTaken++;
      }
    }
    return { adopted, addressTaken };
  }

  close(): void {
    this.byDonorId.clear();
    this.byEmail.clear();
  }

  forget(donorId: string): void {
    this.byDonorId.set(donorId, { key: null, at: this.now() });
    for (const [email, cached] of this.byEmail) if (cached.key.donorId === donorId) this.byEmail.delete(email);
  }

  private once<T>(name: string, load: () => Promise<T>): Promise<T> {
    const running = this.loading.get(name) as Promise<T> | undefined;
    if (running) return running;
    const started = load().finally(() => this.loading.delete(name));
    this.loading.set(name, started);
    return started;
  }

  private remember(key: DonorKey, email?: string): void {
    // once known erased, a person stays erased here: a read that started before the erasure cannot bring them back
    if (this.byDonorId.get(key.donorId)?.key === null) return;
    const at = this.now();
    if (this.byDonorId.size >= 100_000) this.byDonorId.clear();
    this.byDonorId.set(key.donorId, { key, at });
    if (email) {
      if (this.byEmail.size >= 100_000) this.byEmail.clear();
      this.byEmail.set(email, { key, at });
    }
  }

  private async loadDonor(donorId: string): Promise<void> {
    const key = await this.readKey(donorId);
    if (key) this.remember(key);
    else this.forget(donorId);
  }

  /** The key of the address, made when it has none. */
  private async loadEmail(email: string): Promise<void> {
    for (let attempt = 0; attempt < 10; attempt++) {
      const { key, lookupStream, halfErased } = await this.current(email);
      if (key) {
        this.remember(key, email);
        return;
      }
      if (halfErased) {
        // a new gift from a person whose erasure stopped half-way: finish it, then a new person
        await this.erase(halfErased.donorId);
        continue;
      }
      const made: DonorKey = { donorId: randomUUID(), key: randomBytes(32) };
      const data: KeyEventData = { donorId: made.donorId, wrappedKey: this.wrap(made), lookupStream };
      await this.store.append(keyStream(made.donorId), [{ type: PERSON_KEY_EVENT, data }], 'no_stream');
      try {
        await this.store.append(
          lookupStream,
          [{ type: PERSON_LOOKUP_EVENT, data: { donorId: made.donorId } }],
          'no_stream',
        );
      } catch (error) {
        if (!(error instanceof WrongExpectedRevision || error instanceof StreamDeleted)) throw error;
        // another instance gave this address its key first: ours never sealed anything
        await this.tombstone(keyStream(made.donorId));
        continue;
      }
      this.remember(made, email);
      return;
    }
    throw new Error('could not settle the key of an address after 10 attempts');
  }

  /**
   * Where the address stands: its live lookup stream (the first of `-0`, `-1`, … not deleted) and the key it
   * names. A lookup whose key was deleted (an erasure that stopped half-way) is deleted now.
   */
  private async current(
    email: string,
  ): Promise<{ key: DonorKey | undefined; lookupStream: string; halfErased?: DonorKey }> {
    const hash = createHmac('sha256', this.lookupSecret).update(email).digest('hex');
    for (let generation = 0; ; generation++) {
      const lookupStream = `${LOOKUP_STREAM}${hash}-${generation}`;
      let events: Awaited<ReturnType<EventStore['readStream']>>;
      try {
        events = await this.store.readStream(lookupStream);
      } catch (error) {
        if (error instanceof StreamDeleted) continue;
        throw error;
      }
      if (events.length === 0) return { key: undefined, lookupStream };
      const { donorId } = events[0].data as { donorId: string };
      const key = await this.readKey(donorId);
      // the erasure's record was read here but the key is not deleted yet (the eraser stopped half-way): the key
      // seals nothing more, yet the person is still found, so that the erasure asked again finishes
      if (key && this.byDonorId.get(donorId)?.key === null) return { key: undefined, lookupStream, halfErased: key };
      if (key) return { key, lookupStream };
      // the key is deleted: so is the address, which the next gift takes anew
      await this.tombstone(lookupStream);
    }
  }

  private async readKey(donorId: string): Promise<DonorKey | undefined> {
    try {
      const [event] = await this.store.readStream(keyStream(donorId));
      return event ? this.unwrap(event.data as KeyEventData) : undefined;
    } catch (error) {
      if (error instanceof StreamDeleted) return undefined;
      throw error;
    }
  }

  /** Deletes the stream for good; one deleted already, or never written (nothing to delete), is left as it is. */
  private async tombstone(streamId: string): Promise<void> {
    try {
      await (this.store.tombstone as (s: string) => Promise<void>).call(this.store, streamId);
    } catch (error) {
      if (!(error instanceof StreamDeleted || error instanceof WrongExpectedRevision)) throw error;
    }
  }

  private wrap({ donorId, key }: DonorKey): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.wrappingKey, iv);
    cipher.setAAD(Buffer.from(donorId));
    const body = Buffer.concat([cipher.update(key), cipher.final()]);
    return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
  }

  private unwrap({ donorId, wrappedKey }: KeyEventData): DonorKey {
    const raw = Buffer.from(wrappedKey, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.wrappingKey, raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(donorId));
    decipher.setAuthTag(raw.subarray(12, 28));
    return { donorId, key: Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]) };
  }
}

const keyStream = (donorId: string) => `${KEY_STREAM}${donorId}`;
const normalise = (email: string) => email.trim().toLowerCase();

import { createCipheriv, createDecipheriv, createSecretKey, type KeyObject, randomFillSync } from 'node:crypto';
import type {
  AllSubscription,
  AppendResult,
  EventStore,
  ExpectedRevision,
  GlobalPosition,
  NewEvent,
  ReadAllOptions,
  RecordedEvent,
  StreamRevision,
  SubscribeToAllOptions,
} from '../event-store';
import type { PersonKeyStore } from './person-keys';

/** Event data keys whose object is a person's personal data (a donor, a pledge's sponsor), at any depth. */
const PERSONAL_KEYS = new Set(['donor', 'sponsor']);

/**
 * Events that carry a person's data at the top level of their data rather than in an object of its own: the
 * fields listed are moved into one sealed object under `into` when written, and put back where they were on
 * read, with the person's id under `idField`. The key is found by the event's `email`, or else by the person's
 * id the event names under `idField`. A walker's registration: name, e-mail, the page address made from the name
 * and their story; a later story: the story. Events written before this (the fields in clear, no `into` object)
 * are read as they are.
 */
const FLAT_PERSONAL_FIELDS: Record<string, { fields: readonly string[]; into: string; idField: string }> = {
  WalkerRegistered: { fields: ['name', 'email', 'slug', 'story'], into: 'person', idField: 'personId' },
  WalkerStoryChanged: { fields: ['story'], into: 'person', idField: 'personId' },
};

/** The record of a person's erasure (written before their key is deleted), with their id as `donorId`. */
const ERASURE_EVENT = 'DonorErased';

/** How personal data is stored in an event: only the donor id is readable. */
export interface SealedPerson {
  donorId: string;
  sealed: string;
}

/** What a reader gets once the donor's key was deleted: the same fields, blank, so no consumer breaks. */
export type ErasedPerson = {
  donorId: string;
  erased: true;
  name: '';
  email: '';
};

export function erasedPerson(donorId: string): ErasedPerson {
  return { donorId, erased: true, name: '', email: '' };
}

type Json = Record<string, unknown>;

/**
 * Person objects kept opened, by their sealed text: the event a request has just written is read again at once
 * (by the read models, by the next command on its stream), and a walker's registration on every gift to them.
 */
const OPENED_KEPT = 20_000;
/** Random bytes drawn at once for this many IVs: one draw per seal cost as much as the cipher itself. */
const IVS_PER_DRAW = 1024;
const IV_BYTES = 12;
/** Events whose keys are loaded at once when reading from a store whose keys live elsewhere (see `opening`). */
const READ_AHEAD = 256;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Crypto-shredding at the event-store boundary: every `donor` / `sponsor` object, and a walker's name, e-mail and
 * page address (`FLAT_PERSONAL_FIELDS`), is encrypted with its person's key (AES-256-GCM) before it reaches any
 * adapter, and opened again on every read. A person has one key whatever their roles: it is found by their e-mail
 * address, so the walker who also gives is one person, and one erasure covers both. Deleting the key
 * (`eraseDonor`) leaves events untouched, as facts must be, yet unreadable: readers get `ErasedPerson`.
 * Event ids are not changed, so an idempotent retry is still recognised (append-rules compare ids only).
 */
export class PersonalDataVault implements EventStore {
  /** Each donor's key as a KeyObject, made once: turning raw bytes into a key on every cipher was most of its cost. */
  private readonly keyObjects = new Map<string, KeyObject>();
  /**
   * The plain JSON of person objects sealed or opened lately, by their sealed text (oldest dropped first). Only
   * used once the person's key was found: an erased person reads as erased whatever is kept here, and an erasure
   * drops the person's entries.
   */
  private readonly opened = new Map<string, { donorId: string; plain: string }>();
  private ivs = Buffer.alloc(0);
  private ivsUsed = 0;

  constructor(
    private readonly inner: EventStore,
    readonly keys: PersonKeyStore,
  ) {}

  private keyObject(donorId: string, key: Buffer): KeyObject {
    let made = this.keyObjects.get(donorId);
    if (!made) {
      if (this.keyObjects.size >= 100_000) this.keyObjects.clear();
      made = createSecretKey(key);
      this.keyObjects.set(donorId, made);
    }
    return made;
  }

  async append(
    streamId: string,
    events: readonly NewEvent[],
    expectedRevision: ExpectedRevision,
  ): Promise<AppendResult> {
    if (this.keys.loadsKeys) {
      const emails: string[] = [];
      const donorIds: string[] = [];
      for (const e of events) this.namedIn(e.type, e.data, 'write', emails, donorIds);
      const loading = this.keys.prepare(emails, donorIds);
      if (loading) await loading;
    }
    const sealed = events.map((e) => ({ ...e, data: this.sealAll(this.gatherFlat(e.type, e.data)) }));
    // the keys of new donors are stored first (one flush for all appends waiting now)
    await this.keys.persisted();
    return this.inner.append(streamId, sealed, expectedRevision);
  }

  async readStream(streamId: string, options?: { fromRevision?: StreamRevision }): Promise<RecordedEvent[]> {
    const events = await this.inner.readStream(streamId, options);
    const loading = this.prepareToOpen(events);
    if (loading) await loading;
    return events.map((e) => this.openEvent(e));
  }

  readAll(options?: ReadAllOptions): AsyncIterable<RecordedEvent> {
    return this.opening(this.inner.readAll(options));
  }

  subscribeToAll(options?: SubscribeToAllOptions): AllSubscription {
    const subscription = this.inner.subscribeToAll(options);
    return { close: () => subscription.close(), ...this.opening(subscription, () => subscription.close()) };
  }

  /**
   * The events of `source` opened, in their order. When keys must be loaded from elsewhere (shared keys: a read of
   * the event store per person not known here yet), the keys of up to READ_AHEAD events are loaded at once while
   * the earlier ones wait for theirs: one read after the other, each event waiting for the round trip of its key,
   * an instance could not follow another one creating gifts at the event day's rate (its read models fell behind
   * while it sat idle). `stop` ends the source when the reader stops while a read of it is still under way.
   */
  private opening(source: AsyncIterable<RecordedEvent>, stop?: () => Promise<void>): AsyncIterable<RecordedEvent> {
    const vault = this;
    return {
      async *[Symbol.asyncIterator]() {
        if (!vault.keys.loadsKeys) {
          for await (const event of source) yield vault.openEvent(event);
          return;
        }
        const iterator = source[Symbol.asyncIterator]();
        const queue: { event: RecordedEvent; ready: Promise<void> | undefined }[] = [];
        const pull = () => {
          const next = iterator.next();
          // awaited below; a failure while an earlier event is awaited must not count as unhandled
          next.catch(() => undefined);
          return next;
        };
        const take = (result: IteratorResult<RecordedEvent>) => {
          if (result.done) return false;
          const ready = vault.prepareToOpen([result.value]);
          ready?.catch(() => undefined);
          queue.push({ event: result.value, ready });
          return true;
        };
        let pending: Promise<IteratorResult<RecordedEvent>> | undefined = pull();
        try {
          for (;;) {
            if (queue.length === 0) {
              if (!pending) return;
              const taken = take(await pending);
              pending = taken ? pull() : undefined;
              continue;
            }
            const head = queue[0];
            if (head.ready && pending && queue.length < READ_AHEAD) {
              const source = pending;
              const first = await Promise.race([head.ready.then(() => 'head'), source.then(() => 'source')]);
              if (first === 'source') {
                pending = take(await source) ? pull() : undefined;
                continue;
              }
            }
            if (head.ready) await head.ready;
            queue.shift();
            yield vault.openEvent(head.event);
          }
        } finally {
          if (pending) {
            if (stop) await stop();
            else void iterator.return?.()?.catch(() => undefined);
          }
        }
      },
    };
  }

  /** Loads the keys these stored events are sealed with, when the key store must (`undefined` otherwise). */
  private prepareToOpen(events: readonly RecordedEvent[]): Promise<void> | undefined {
    if (!this.keys.loadsKeys) return undefined;
    const donorIds: string[] = [];
    for (const e of events) this.namedIn(e.type, e.data, 'read', [], donorIds);
    return donorIds.length === 0 ? undefined : this.keys.prepare([], donorIds);
  }

  /**
   * The e-mail addresses and person ids whose keys sealing (`write`) or opening (`read`) this event takes: the
   * same walk as sealing and opening, collecting instead of changing.
   */
  private namedIn(type: string, data: unknown, use: 'write' | 'read', emails: string[], donorIds: string[]): void {
    const collect = (person: Json): Json => {
      if (typeof person.donorId === 'string' && (typeof person.sealed === 'string' || person.erased === true)) {
        if (use === 'read' && typeof person.sealed === 'string') donorIds.push(person.donorId);
      } else if (use === 'write' && typeof person.email === 'string') emails.push(person.email);
      return person;
    };
    const rule = FLAT_PERSONAL_FIELDS[type];
    if (rule && isObject(data)) {
      const flat = data[rule.into];
      if (use === 'read' && isObject(flat)) collect(flat);
      if (use === 'write' && !isObject(flat)) {
        if (typeof data.email === 'string') emails.push(data.email);
        else if (typeof data[rule.idField] === 'string') donorIds.push(data[rule.idField] as string);
      }
    }
    transform(data, collect);
  }

  headPosition(): Promise<GlobalPosition | null> {
    return this.inner.headPosition();
  }

  async close(): Promise<void> {
    try {
      await this.inner.close();
    } finally {
      await this.keys.close();
    }
  }

  /** The donor id of that e-mail address while their key exists. */
  async donorIdOf(email: string): Promise<string | undefined> {
    return (await this.keys.find(email))?.donorId;
  }

  /** Deletes the donor's key: from now on every read of their events yields `ErasedPerson`. */
  async eraseDonor(donorId: string): Promise<boolean> {
    this.forgetOpened(donorId);
    return this.keys.erase(donorId);
  }

  /** Seals one person object (exposed for tests and tools). */
  seal(person: Json): SealedPerson | Json {
    if (typeof person.sealed === 'string' && typeof person.donorId === 'string') return person;
    if (person.erased === true && typeof person.donorId === 'string') return { donorId: person.donorId, erased: true };
    if (typeof person.email !== 'string') {
      throw new TypeError('personal data without an e-mail address cannot be sealed to a donor');
    }
    const { key, donorId } = this.keys.keyFor(person.email);
    const { donorId: _ignored, ...plain } = person;
    return this.sealWith(donorId, key, plain);
  }

  /** Opens one stored person object; plain (older) objects pass through. */
  open(stored: Json): Json {
    if (typeof stored.donorId !== 'string') return stored;
    if (stored.erased === true) return erasedPerson(stored.donorId);
    if (typeof stored.sealed !== 'string') return stored;
    const found = this.keys.keyOf(stored.donorId);
    if (!found) return erasedPerson(stored.donorId);
    const kept = this.opened.get(stored.sealed);
    // the same text under another donor id fails to open (the id is bound as associated data): never served
    if (kept && kept.donorId === stored.donorId) return { ...(JSON.parse(kept.plain) as Json), donorId: kept.donorId };
    const raw = Buffer.from(stored.sealed, 'base64');
    const decipher = createDecipheriv('aes-256-gcm', this.keyObject(stored.donorId, found.key), raw.subarray(0, 12));
    decipher.setAAD(Buffer.from(stored.donorId));
    decipher.setAuthTag(raw.subarray(12, 28));
    const plain = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
    const opened = { ...(JSON.parse(plain) as Json), donorId: stored.donorId };
    this.keep(stored.sealed, stored.donorId, plain);
    return opened;
  }

  /** Drops what this process holds of an erased person: their key object and their opened data. */
  private forgetOpened(donorId: string): void {
    this.keyObjects.delete(donorId);
    for (const [sealed, kept] of this.opened) if (kept.donorId === donorId) this.opened.delete(sealed);
  }

  private keep(sealed: string, donorId: string, plain: string): void {
    if (this.opened.size >= OPENED_KEPT) this.opened.delete(this.opened.keys().next().value as string);
    this.opened.set(sealed, { donorId, plain });
  }

  /** A fresh random IV (GCM: never twice under one key; 96 random bits make a repeat negligible). */
  private nextIv(): Buffer {
    if (this.ivsUsed >= this.ivs.length) {
      this.ivs = randomFillSync(Buffer.allocUnsafe(IV_BYTES * IVS_PER_DRAW));
      this.ivsUsed = 0;
    }
    const iv = this.ivs.subarray(this.ivsUsed, this.ivsUsed + IV_BYTES);
    this.ivsUsed += IV_BYTES;
    return iv;
  }

  /** The listed top-level fields of a flat-personal event moved into one sealed object. */
  private gatherFlat(type: string, data: unknown): unknown {
    const rule = FLAT_PERSONAL_FIELDS[type];
    if (!rule || !isObject(data)) return data;
    const personId = data[rule.idField];
    if (typeof data.email !== 'string' && typeof personId !== 'string') return data;
    const person: Json = {};
    const rest: Json = { ...data };
    for (const field of rule.fields) {
      if (field in rest) person[field] = rest[field];
      delete rest[field];
    }
    delete rest[rule.idField];
    const sealed = typeof person.email === 'string' ? this.seal(person) : this.sealFor(personId as string, person);
    return { ...rest, [rule.into]: sealed };
  }

  /**
   * Seals `plain` with the key of an existing person, found by their id. Once they are erased there is no key and
   * nothing of `plain` is kept: the event reads as erased, as all of theirs do.
   */
  private sealFor(donorId: string, plain: Json): SealedPerson | Json {
    const found = this.keys.keyOf(donorId);
    if (!found) return { donorId, erased: true };
    return this.sealWith(donorId, found.key, plain);
  }

  private sealWith(donorId: string, key: Buffer, plain: Json): SealedPerson {
    const iv = this.nextIv();
    const cipher = createCipheriv('aes-256-gcm', this.keyObject(donorId, key), iv);
    // the donor id is bound as associated data: a sealed blob cannot be moved to another donor
    cipher.setAAD(Buffer.from(donorId));
    const text = JSON.stringify(plain);
    const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
    const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
    this.keep(sealed, donorId, text);
    return { donorId, sealed };
  }

  /**
   * The sealed object of a flat-personal event opened and spread back into place. An erased person reads with
   * blank fields and `erased: true`; readers decide what to show instead (a walker page: a neutral name).
   */
  private spreadFlat(type: string, data: unknown): unknown {
    const rule = FLAT_PERSONAL_FIELDS[type];
    if (!rule || !isObject(data)) return data;
    const stored = data[rule.into];
    if (!isObject(stored) || typeof stored.donorId !== 'string') return data;
    const { [rule.into]: _sealed, ...rest } = data;
    const { donorId, erased, ...opened } = this.open(stored);
    const fields: Json = {};
    for (const field of rule.fields) fields[field] = erased === true ? '' : (opened[field] ?? '');
    return { ...rest, ...fields, [rule.idField]: donorId, ...(erased === true ? { erased: true } : {}) };
  }

  private sealAll(value: unknown): unknown {
    return transform(value, (person) => this.seal(person));
  }

  private openEvent(event: RecordedEvent): RecordedEvent {
    if (event.type === ERASURE_EVENT && typeof (event.data as { donorId?: unknown })?.donorId === 'string') {
      // every event after the erasure's record, in every process that reads it, opens the person as erased
      const { donorId } = event.data as { donorId: string };
      this.forgetOpened(donorId);
      this.keys.forget?.(donorId);
    }
    return { ...event, data: transform(this.spreadFlat(event.type, event.data), (person) => this.open(person)) };
  }
}

/**
 * `value` with every object under a personal key replaced by `change(it)`. Parts without a personal key are
 * returned as they are, not copied: most events carry none, and reads go through here for every event.
 */
function transform(value: unknown, change: (person: Json) => unknown): unknown {
  if (Array.isArray(value)) {
    let out: unknown[] | undefined;
    value.forEach((v, i) => {
      const changed = transform(v, change);
      if (changed !== v) {
        out ??= [...value];
        out[i] = changed;
      }
    });
    return out ?? value;
  }
  if (!isObject(value)) return value;
  let out: Json | undefined;
  for (const key in value) {
    const inner = value[key];
    if (typeof inner !== 'object' || inner === null) continue;
    const changed = PERSONAL_KEYS.has(key) && isObject(inner) ? change(inner) : transform(inner, change);
    if (changed !== inner) {
      out ??= { ...value };
      out[key] = changed;
    }
  }
  return out ?? value;
}

import { createHmac, randomBytes, randomUUID } from 'node:crypto';
import type { DatabaseSync } from 'node:sqlite';
import { type Migration, openSqliteFile } from '../sqlite-migrations';
import type { PersonKeyStore } from './person-keys';

export interface DonorKey {
  donorId: string;
  key: Buffer;
}

/**
 * The vault's schema, step by step (see `migrate`). Files made before migrations are at 0 and hold `donor_keys`, and
 * `vault_settings` when no secret was configured.
 */
export const DONOR_KEY_MIGRATIONS: readonly Migration[] = [
  {
    description: 'donor keys and vault settings',
    up: `
      CREATE TABLE IF NOT EXISTS donor_keys (
        lookup   TEXT PRIMARY KEY,
        donor_id TEXT NOT NULL UNIQUE,
        key      BLOB NOT NULL
      );
      CREATE TABLE IF NOT EXISTS vault_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    `,
  },
];

/**
 * One AES-256 key per donor, the only way to read their personal data in the events. Deleting the key erases
 * the data everywhere at once (crypto-shredding). Rows are found by a keyed hash of the e-mail, so the file
 * itself holds no address; secure_delete and a truncating checkpoint make a deleted key leave the file.
 */
export class DonorKeyStore implements PersonKeyStore {
  /** Every answer comes from the file at once: nothing to load first. */
  readonly loadsKeys = false;
  private readonly db: DatabaseSync;
  private readonly byLookup;
  private readonly byDonorId;
  private readonly insert;
  private readonly remove;
  private readonly secret: string;
  /** Keys by donor id, so a rebuild does not query the file per event. Only this process writes the file. */
  private readonly cache = new Map<string, DonorKey>();
  /**
   * Keys made but not yet written, by lookup. They are written together, in one transaction and one disk flush,
   * before any event sealed with them is appended (`persisted`): a group commit, so that a burst of new donors
   * costs one flush rather than one each, and no stored event ever names a key the file does not hold.
   */
  private readonly pending = new Map<string, DonorKey>();
  /** Keys by normalised e-mail, so that a donor's next gift neither hashes nor queries; emptied by an erasure. */
  private readonly byEmail = new Map<string, DonorKey>();
  private flushing: Promise<void> | undefined;

  constructor(
    readonly file: string,
    /** Keys the e-mail lookups; when none is configured a random one is made once and kept in the file. */
    secret?: string,
  ) {
    this.db = openSqliteFile(
      file,
      `
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = FULL;
      PRAGMA secure_delete = ON;
      PRAGMA busy_timeout = 5000;
      `,
      DONOR_KEY_MIGRATIONS,
    );
    this.secret = secret ?? this.storedSecret();
    this.byLookup = this.db.prepare('SELECT donor_id AS donorId, key FROM donor_keys WHERE lookup = ?');
    this.byDonorId = this.db.prepare('SELECT donor_id AS donorId, key FROM donor_keys WHERE donor_id = ?');
    this.insert = this.db.prepare(
      'INSERT INTO donor_keys (lookup, donor_id, key) VALUES (?, ?, ?) ON CONFLICT (lookup) DO NOTHING',
    );
    this.remove = this.db.prepare('DELETE FROM donor_keys WHERE donor_id = ?');
  }

  private storedSecret(): string {
    this.db
      .prepare("INSERT INTO vault_settings (name, value) VALUES ('lookup_secret', ?) ON CONFLICT DO NOTHING")
      .run(randomBytes(32).toString('base64'));
    return (this.db.prepare("SELECT value FROM vault_settings WHERE name = 'lookup_secret'").get() as { value: string })
      .value;
  }

  private lookup(email: string): string {
    return createHmac('sha256', this.secret).update(email.trim().toLowerCase()).digest('hex');
  }

  private static row(row: unknown): DonorKey | undefined {
    if (!row) return undefined;
    const r = row as { donorId: string; key: Uint8Array };
    return { donorId: r.donorId, key: Buffer.from(r.key) };
  }

  prepare(): undefined {
    return undefined;
  }

  /** The donor's key, made on their first gift; the same while it exists, a new donor id after an erasure. */
  keyFor(email: string): DonorKey {
    const normalised = email.trim().toLowerCase();
    const known = this.byEmail.get(normalised);
    if (known) return known;
    const lookup = this.lookup(normalised);
    let found = this.pending.get(lookup) ?? DonorKeyStore.row(this.byLookup.get(lookup));
    if (!found) {
      found = { donorId: randomUUID(), key: randomBytes(32) };
      this.pending.set(lookup, found);
      this.cache.set(found.donorId, found);
    }
    if (this.byEmail.size >= 100_000) this.byEmail.clear();
    this.byEmail.set(normalised, found);
    return found;
  }

  /** Resolves once every key handed out so far is on disk; events sealed with them may then be appended. */
  persisted(): Promise<void> {
    if (this.pending.size === 0) return this.flushing ?? Promise.resolve();
    this.flushing ??= new Promise<void>((resolve, reject) => {
      setImmediate(() => {
        const batch = [...this.pending];
        try {
          this.db.exec('BEGIN IMMEDIATE');
          try {
            for (const [lookup, { donorId, key }] of batch) this.insert.run(lookup, donorId, key);
            this.db.exec('COMMIT');
          } catch (error) {
            this.db.exec('ROLLBACK');
            throw error;
          }
          for (const [lookup] of batch) this.pending.delete(lookup);
          resolve();
        } catch (error) {
          // nothing sealed with these keys is appended: the waiting appends fail, and a retry makes new keys
          for (const [lookup, { donorId }] of batch) {
            this.pending.delete(lookup);
            this.cache.delete(donorId);
          }
          this.byEmail.clear();
          reject(error);
        } finally {
          this.flushing = undefined;
        }
      });
    });
    return this.flushing;
  }

  find(email: string): DonorKey | undefined {
    const lookup = this.lookup(email);
    return this.pending.get(lookup) ?? DonorKeyStore.row(this.byLookup.get(lookup));
  }

  keyOf(donorId: string): DonorKey | undefined {
    const cached = this.cache.get(donorId);
    if (cached) return cached;
    const found = DonorKeyStore.row(this.byDonorId.get(donorId));
    if (found) {
      if (this.cache.size >= 100_000) this.cache.clear();
      this.cache.set(donorId, found);
    }
    return found;
  }

  /** Deletes the key for good; true when there was one. */
  erase(donorId: string): boolean {
    this.cache.delete(donorId);
    this.byEmail.clear();
    for (const [lookup, pending] of this.pending) if (pending.donorId === donorId) this.pending.delete(lookup);
    const deleted = Number(this.remove.run(donorId).changes) > 0;
    // the deleted row's old page can still sit in the WAL: fold it in and empty the WAL file
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    return deleted;
  }

  /** Every key in the file (to move them elsewhere). */
  all(): DonorKey[] {
    return (this.db.prepare('SELECT donor_id AS donorId, key FROM donor_keys').all() as unknown[]).map(
      (row) => DonorKeyStore.row(row) as DonorKey,
    );
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

import type { DatabaseSync } from 'node:sqlite';
// the module itself, not the package's barrel: the read side must not load the event-store adapters
import { type Migration, openSqliteFile } from '@rw/event-store/sqlite-migrations';

/**
 * The read-model file's own schema, step by step (see `migrate`): the tables that are not projections'. Each
 * projection's tables follow its `version` instead (a new version rebuilds it from the events). Files made before
 * migrations are at 0 and hold step 1's tables (`webhook_deliveries` once a webhook was applied).
 */
export const READ_MODEL_MIGRATIONS: readonly Migration[] = [
  {
    description: 'projection checkpoints and webhook deliveries',
    up: `
      CREATE TABLE IF NOT EXISTS projection_checkpoints (
        name     TEXT PRIMARY KEY,
        version  INTEGER NOT NULL,
        position INTEGER
      );
      CREATE TABLE IF NOT EXISTS webhook_deliveries (
        provider    TEXT NOT NULL,
        delivery_id TEXT NOT NULL,
        received_at TEXT NOT NULL,
        PRIMARY KEY (provider, delivery_id)
      );
      CREATE INDEX IF NOT EXISTS webhook_deliveries_by_age ON webhook_deliveries (received_at);
    `,
  },
];

/**
 * The local SQLite file that holds every read model and the projections' checkpoints. A separate file from the
 * event store: it can be deleted and rebuilt from the events at any time.
 */
export class ReadModelDatabase {
  readonly db: DatabaseSync;

  constructor(readonly file: string) {
    // NORMAL is enough here: rows and checkpoint commit together, so a lost tail is replayed from the events.
    this.db = openSqliteFile(
      file,
      `
      PRAGMA journal_mode = WAL;
      PRAGMA synchronous = NORMAL;
      PRAGMA busy_timeout = 5000;
      PRAGMA secure_delete = ON; -- erased personal data is overwritten, not left in free pages (GDPR)
      `,
      READ_MODEL_MIGRATIONS,
    );
  }

  /** Runs `work` in one transaction: all of it or nothing. */
  transaction<T>(work: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = work();
      this.db.exec('COMMIT');
      return result;
    } catch (error) {
      if (this.db.isTransaction) this.db.exec('ROLLBACK');
      throw error;
    }
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/**
 * One step of a SQLite file's schema. A file's steps form an ordered list: step n takes the file from schema
 * version n - 1 to n (`PRAGMA user_version`). Steps already released are never edited: a change is a new step at
 * the end.
 */
export interface Migration {
  /** What the step does, for the messages of a failure. */
  readonly description: string;
  /** SQL run as one script, or a function for a step that needs to look first; inside the migration transaction. */
  readonly up: string | ((db: DatabaseSync) => void);
}

/** The file says it was written by a newer release than this code (its schema version is beyond our list). */
export class SchemaTooNew extends Error {
  override name = 'SchemaTooNew';
}

/** A step threw: the transaction was rolled back, the file is as it was before `migrate` was called. */
export class MigrationFailed extends Error {
  override name = 'MigrationFailed';
}

/** The schema version written in the file's header (0 for a new file, and for files made before migrations). */
export function schemaVersion(db: DatabaseSync): number {
  return Number((db.prepare('PRAGMA user_version').get() as { user_version: number | bigint }).user_version);
}

/**
 * Brings the open file `db` to the last version of `migrations`, running each missing step once, in order. All the
 * missing steps run in ONE transaction together with the new `user_version`, so the file is either as it was or at
 * this code's version, never in between: a failing step leaves it untouched (and the error says so). The version is
 * read again inside the transaction, so two processes opening the same file at once migrate it once. A file whose
 * version is beyond the list was written by a newer release and is refused before anything is written: this code
 * could not know what its tables mean. `label` names the file in the messages (e.g. `events.sqlite`).
 *
 * Connection settings (journal_mode, synchronous, busy_timeout, secure_delete) are not migrations: set them first,
 * so that waiting for another writer uses the busy timeout.
 */
export function migrate(db: DatabaseSync, migrations: readonly Migration[], label: string): void {
  const latest = migrations.length;
  // looked at before taking the write lock: a file already at this version is not written to, and a newer file
  // gets the clear refusal even while another process writes to it
  const seen = schemaVersion(db);
  refuseNewer(seen, latest, label);
  if (seen === latest) return;
  db.exec('BEGIN IMMEDIATE');
  let from = seen;
  let step = seen;
  try {
    from = schemaVersion(db);
    refuseNewer(from, latest, label);
    for (step = from; step < latest; step++) {
      const { up } = migrations[step];
      if (typeof up === 'string') db.exec(up);
      else up(db);
    }
    if (latest !== from) db.exec(`PRAGMA user_version = ${latest}`);
    db.exec('COMMIT');
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    if (error instanceof SchemaTooNew) throw error;
    const cause = error as Error;
    const what =
      step < latest ? `schema migration ${step + 1} (${migrations[step].description})` : `committing version ${latest}`;
    throw new MigrationFailed(
      `${label}: ${what} failed: ${cause.message}; the file was left unchanged at schema version ${from}`,
      { cause },
    );
  }
}

function refuseNewer(version: number, latest: number, label: string): void {
  if (version > latest) {
    throw new SchemaTooNew(
      `${label} has schema version ${version}, but this release knows versions up to ${latest}: ` +
        'it was written by a newer release of the platform. Run that release (or restore a backup made for this one); ' +
        'the file was not changed',
    );
  }
}

/**
 * Opens a durable SQLite file of the platform: makes its folder, applies the connection `settings` (PRAGMAs), then
 * `migrate`s it. A file that cannot be brought to this code's schema is closed again and the error thrown, naming
 * the file.
 */
export function openSqliteFile(file: string, settings: string, migrations: readonly Migration[]): DatabaseSync {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new DatabaseSync(file);
  try {
    db.exec(settings);
    migrate(db, migrations, file);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

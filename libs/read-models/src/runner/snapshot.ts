import { DatabaseSync } from 'node:sqlite';
import type { ReadModelDatabase } from './read-model-database';

export interface ReadSnapshot {
  db: DatabaseSync;
  close(): void;
}

/**
 * A read transaction on a connection of its own, so that every row and the totals of a long answer (an export)
 * come from one moment while projections keep writing (WAL). An in-memory database (tests) has only the one
 * connection.
 */
export function openReadSnapshot(database: ReadModelDatabase): ReadSnapshot {
  if (database.file === ':memory:') return { db: database.db, close: () => {} };
  const db = new DatabaseSync(database.file, { readOnly: true });
  db.exec('PRAGMA busy_timeout = 5000; BEGIN');
  return {
    db,
    close: () => {
      if (db.isTransaction) db.exec('ROLLBACK');
      db.close();
    },
  };
}

/** Folds the write-ahead log into the file and empties it: rows just blanked (an erasure) leave no old copy there. */
export function truncateWriteAheadLog(db: DatabaseSync): void {
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
}

import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';

/** DATA_DIR is being used by a live process: the platform and a projection rebuild must not share it. */
export class DataDirInUse extends Error {
  override name = 'DataDirInUse';
}

/** The file whose operating-system lock is the DATA_DIR lock. */
export const LOCK_FILE = 'platform-lock.sqlite';
/** A note naming the holder, for people and for the message a second process gets; it decides nothing. */
export const LOCK_NOTE = 'platform.lock';

/**
 * One process at a time works on a DATA_DIR's read models: a rebuild while the platform runs would have two
 * writers on the same checkpoints. The lock is the operating system's: an exclusive SQLite transaction held open
 * on `platform-lock.sqlite` (a POSIX record lock) for as long as the holder runs. The kernel drops it when the
 * process ends, however it ends, so nothing stale is ever left behind: a pid in a file could not tell, in a
 * container where the platform is always process 1, the dead holder from the restarted one. It also holds between
 * containers sharing the volume (a CLI run beside the platform), which share the kernel.
 */
export class DataDirLock {
  private constructor(
    private readonly db: DatabaseSync,
    private readonly note: string,
  ) {}

  static acquire(dataDir: string, holder: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const note = join(dataDir, LOCK_NOTE);
    const db = new DatabaseSync(join(dataDir, LOCK_FILE));
    try {
      db.exec('PRAGMA busy_timeout = 0');
      db.exec('BEGIN EXCLUSIVE');
    } catch (error) {
      db.close();
      if (!/locked|busy/i.test((error as Error).message)) throw error;
      const current = readNote(note);
      throw new DataDirInUse(
        current
          ? `${dataDir} is in use by ${current.holder} (process ${current.pid}, since ${current.since}); stop it first`
          : `${dataDir} is in use by another process; stop it first`,
      );
    }
    // whatever an earlier holder left here is stale: the lock was free
    writeFileSync(note, JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() }));
    return new DataDirLock(db, note);
  }

  release(): void {
    if (!this.db.isOpen) return;
    // the note goes while the lock is still held, so that it never names the next holder's lock as ours
    rmSync(this.note, { force: true });
    this.db.close();
  }
}

function readNote(file: string): { pid: number; holder: string; since: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

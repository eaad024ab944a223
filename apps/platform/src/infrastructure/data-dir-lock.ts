import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** DATA_DIR is being used by a live process: the platform and a projection rebuild must not share it. */
export class DataDirInUse extends Error {
  override name = 'DataDirInUse';
}

/**
 * One process at a time works on a DATA_DIR's read models: a rebuild while the platform runs would have two
 * writers on the same checkpoints. The lock file names the holder; a holder that died leaves a stale lock, taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string, holder: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'platform.lock');
    const content = JSON.stringify({ pid: process.pid, holder, since: new Date().toISOString() });
    try {
      writeFileSync(file, content, { flag: 'wx' });
    } catch {
      const current = readLock(file);
      if (current && isAlive(current.pid)) {
        throw new DataDirInUse(
          `${dataDir} is in use by ${current.holder} (process ${current.pid}, since ${current.since}); stop it first`,
        );
      }
      writeFileSync(file, content);
    }
    return new DataDirLock(file);
  }

  release(): void {
    const current = readLock(this.file);
    if (current?.pid === process.pid) rmSync(this.file, { force: true });
  }
}

function readLock(file: string): { pid: number; holder: string; since: string } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

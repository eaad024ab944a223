import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** DATA_DIR is being used by a live process: the platform and a projection rebuild must not share it. */
export class DataDirInUse extends Error {
  override name = 'DataDirInUse';
}

interface LockContent {
  pid: number;
  /**
   * Which process that pid was: the machine's boot id and the process's start time (Linux). A pid alone is not
   * enough: in a container the platform is always process 1, so after an unclean exit the restarted container
   * finds a lock naming a live process 1 (itself). The same pid with another start time, or another boot, is
   * another process: the lock is stale.
   */
  process?: string;
  holder: string;
  since: string;
}

/**
 * One process at a time works on a DATA_DIR's read models: a rebuild while the platform runs would have two
 * writers on the same checkpoints. The lock file names the holder; a holder that died (whatever it left behind)
 * leaves a stale lock, taken over.
 */
export class DataDirLock {
  private constructor(private readonly file: string) {}

  static acquire(dataDir: string, holder: string): DataDirLock {
    mkdirSync(dataDir, { recursive: true });
    const file = join(dataDir, 'platform.lock');
    const mine: LockContent = {
      pid: process.pid,
      process: processIdentity(process.pid),
      holder,
      since: new Date().toISOString(),
    };
    const content = JSON.stringify(mine);
    try {
      writeFileSync(file, content, { flag: 'wx' });
    } catch {
      const current = readLock(file);
      if (current && isRunning(current)) {
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
    if (current?.pid === process.pid && current.process === processIdentity(process.pid)) {
      rmSync(this.file, { force: true });
    }
  }
}

function readLock(file: string): LockContent | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
}

/** The process the lock names still runs: its pid is alive and, where that can be told, it is the same process. */
function isRunning(lock: LockContent): boolean {
  if (!isAlive(lock.pid)) return false;
  const now = processIdentity(lock.pid);
  // no identity recorded or none readable (not Linux): the pid is all there is to go on
  if (lock.process === undefined || now === undefined) return true;
  return lock.process === now;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** `<boot id>/<start time in clock ticks since boot>` of a process, from /proc; undefined where there is none. */
export function processIdentity(pid: number): string | undefined {
  try {
    const boot = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // the command name (2nd field) is in parentheses and may hold spaces: count fields after its closing one
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const startTime = fields[19]; // field 22 of the whole line
    return startTime ? `${boot}/${startTime}` : undefined;
  } catch {
    return undefined;
  }
}

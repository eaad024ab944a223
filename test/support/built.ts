/**
 * The compiled code, for the tests that start it as a process of its own (the server's entry point, the EventStoreDB
 * stand-in, the crash children). Every other test runs the TypeScript sources in jest and needs no build, so jest
 * compiles nothing up front: the first such test of a run compiles apps, libs and the child scripts to dist/ with swc
 * (`npm run build`, a second or two), so that what is started is the code under test, never a stale build.
 *
 * Once per jest run: jest's global setup (`test/support/test-run.js`) gives the run an id, which its workers inherit;
 * the build leaves that id in dist/. Workers (and two jest runs side by side) take a lock file first, so that one
 * compiles while the others wait for it instead of writing the same files at once.
 */
import { execSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
/** In dist/: the id of the jest run that compiled it. */
const STAMP = join(DIST, '.test-run');
/** Outside the repository, one per checkout: holds the pid of the process compiling. */
const LOCK = join(tmpdir(), `rw-build-${createHash('sha256').update(ROOT).digest('hex').slice(0, 16)}.lock`);
const LOCK_WAIT_MS = 120_000;

let builtInThisProcess = false;

/** The absolute path of `relativePath` under dist/ (e.g. `apps/platform/src/main.js`), compiled for this run. */
export function built(relativePath: string): string {
  ensureBuilt();
  return join(DIST, relativePath);
}

function ensureBuilt(): void {
  if (builtInThisProcess) return;
  // outside jest (no run id) every process compiles once for itself
  const run = process.env.RW_TEST_RUN ?? `process-${process.pid}`;
  withLock(() => {
    if (readStamp() === run) return;
    execSync('npm run --silent build', { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
    mkdirSync(DIST, { recursive: true });
    writeFileSync(STAMP, run);
  });
  builtInThisProcess = true;
}

function readStamp(): string | undefined {
  try {
    return readFileSync(STAMP, 'utf8');
  } catch {
    return undefined;
  }
}

function withLock(work: () => void): void {
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fd = openSync(LOCK, 'wx');
      writeFileSync(fd, String(process.pid));
      closeSync(fd);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      // a holder that died (killed in the middle of a build) leaves its lock behind: it is taken over
      if (!holderAlive()) {
        rmSync(LOCK, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`waited ${LOCK_WAIT_MS / 1000} s for the build lock ${LOCK}`);
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100);
    }
  }
  try {
    work();
  } finally {
    rmSync(LOCK, { force: true });
  }
}

function holderAlive(): boolean {
  let pid: number;
  try {
    const text = readFileSync(LOCK, 'utf8');
    // empty: its holder is writing its pid, or died before it could (then the file is old)
    if (text === '') return Date.now() - statSync(LOCK).mtimeMs < 5_000;
    pid = Number(text);
  } catch {
    return true; // gone meanwhile: look again
  }
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

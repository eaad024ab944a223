import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUse, DataDirLock, LOCK_FILE } from './data-dir-lock';

const folder = () => mkdtempSync(join(tmpdir(), 'rw-lock-'));
const note = (dir: string) => join(dir, 'platform.lock');

/** Another process holding the lock, as the platform would, until it is killed. */
async function holderProcess(dir: string): Promise<ChildProcess> {
  const script = `const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(${JSON.stringify(join(dir, LOCK_FILE))});
    db.exec('BEGIN EXCLUSIVE');
    process.stdout.write('holding');
    setTimeout(() => {}, 30000);`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout?.once('data', resolve));
  return child;
}

describe('the DATA_DIR lock', () => {
  it('names its holder, refuses a second holder while it is held, and is free again once released', () => {
    const dir = folder();
    const lock = DataDirLock.acquire(dir, 'the platform');
    expect(JSON.parse(readFileSync(note(dir), 'utf8'))).toMatchObject({ pid: process.pid, holder: 'the platform' });
    expect(() => DataDirLock.acquire(dir, 'a projection rebuild')).toThrow(DataDirInUse);
    expect(() => DataDirLock.acquire(dir, 'a projection rebuild')).toThrow(
      /is in use by the platform \(process \d+, since .+\); stop it first/,
    );
    lock.release();
    expect(existsSync(note(dir))).toBe(false);
    DataDirLock.acquire(dir, 'a projection rebuild').release();
  });

  it('is taken after an unclean exit in a container, though the note names a live process 1', () => {
    const dir = folder();
    // what a killed container leaves: a note naming "process 1", alive again after the restart (it is us)
    writeFileSync(note(dir), JSON.stringify({ pid: 1, holder: 'the platform', since: 'before the crash' }));
    const lock = DataDirLock.acquire(dir, 'the platform');
    expect(JSON.parse(readFileSync(note(dir), 'utf8')).pid).toBe(process.pid);
    lock.release();
  });

  it('is refused while another process holds it, and free the moment that process is killed (kill -9)', async () => {
    const dir = folder();
    writeFileSync(note(dir), JSON.stringify({ pid: 4242, holder: 'the platform', since: 'then' }));
    const holder = await holderProcess(dir);
    try {
      expect(() => DataDirLock.acquire(dir, 'a projection rebuild')).toThrow(/in use by the platform \(process 4242/);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((resolve) => holder.once('exit', resolve));
    }
    DataDirLock.acquire(dir, 'the platform').release();
  });

  it('releases once only', () => {
    const dir = folder();
    const lock = DataDirLock.acquire(dir, 'the platform');
    lock.release();
    const next = DataDirLock.acquire(dir, 'the platform');
    lock.release(); // a second release of the old holder leaves the new one alone
    expect(existsSync(note(dir))).toBe(true);
    expect(() => DataDirLock.acquire(dir, 'a projection rebuild')).toThrow(DataDirInUse);
    next.release();
  });
});

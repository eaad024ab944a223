import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirInUse, DataDirLock, processIdentity } from './data-dir-lock';

const folder = () => mkdtempSync(join(tmpdir(), 'rw-lock-'));
const lockOf = (dir: string) => JSON.parse(readFileSync(join(dir, 'platform.lock'), 'utf8'));
const writeLock = (dir: string, content: object) =>
  writeFileSync(join(dir, 'platform.lock'), JSON.stringify({ holder: 'the platform', since: 'then', ...content }));

describe('the DATA_DIR lock', () => {
  it('records which process holds it, refuses a second holder while it runs, and is gone once released', () => {
    const dir = folder();
    const lock = DataDirLock.acquire(dir, 'the platform');
    expect(lockOf(dir)).toMatchObject({ pid: process.pid, process: processIdentity(process.pid) });
    expect(processIdentity(process.pid)).toMatch(/^[\w-]+\/\d+$/);
    expect(() => DataDirLock.acquire(dir, 'a projection rebuild')).toThrow(DataDirInUse);
    lock.release();
    expect(existsSync(join(dir, 'platform.lock'))).toBe(false);
  });

  it('is taken over after an unclean exit in a container: the same pid, now another process', () => {
    const dir = folder();
    // what a killed container leaves: "process 1", which after the restart is alive again, but is not that process
    writeLock(dir, { pid: process.pid, process: `${processIdentity(process.pid)?.split('/')[0]}/1` });
    const lock = DataDirLock.acquire(dir, 'the platform');
    expect(lockOf(dir).process).toBe(processIdentity(process.pid));
    lock.release();
  });

  it('is taken over from a process that is gone', () => {
    const dir = folder();
    writeLock(dir, { pid: 2 ** 22 + 17, process: 'another-boot/123' });
    DataDirLock.acquire(dir, 'the platform').release();
  });

  it('is refused while another live process holds it', async () => {
    const dir = folder();
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 10000)']);
    try {
      await new Promise((resolve) => child.once('spawn', resolve));
      writeLock(dir, { pid: child.pid, process: processIdentity(child.pid as number) });
      expect(() => DataDirLock.acquire(dir, 'the platform')).toThrow(/in use by the platform \(process \d+/);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('does not remove a lock another process took over', () => {
    const dir = folder();
    const lock = DataDirLock.acquire(dir, 'the platform');
    writeLock(dir, { pid: process.pid, process: 'another-boot/5' });
    lock.release();
    expect(existsSync(join(dir, 'platform.lock'))).toBe(true);
  });
});

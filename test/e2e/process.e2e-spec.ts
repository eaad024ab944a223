import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { built } from '../support/built';

// The compiled server, as `./run start` runs it (compiled for this run).
const main = built('apps/platform/src/main.js');

function start(env: Record<string, string>): {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
} {
  let output = '';
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => output, exited };
}

async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('the platform process', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'rw-proc-'));
  });
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('stops at start-up with a message naming a badly set variable', async () => {
    const { exited, output } = start({ DATA_DIR: dataDir, PORT: 'eighty', EVENT_STORE: 'postgres' });
    expect(await exited).toBe(78);
    expect(output()).toMatch(/PORT must be a whole number/);
    expect(output()).toMatch(/EVENT_STORE must be sqlite or esdb/);
  });

  it('serves /health, then on SIGTERM finishes its work, releases DATA_DIR and exits 0', async () => {
    const { child, exited, output } = start({
      DATA_DIR: dataDir,
      PORT: '0',
      HOST: '127.0.0.1',
      ADMIN_EMAIL: 'admin@refugeewalk.test',
      ADMIN_PASSWORD: 'a long admin password',
    });
    await until(() => output().includes('the platform is listening'), 'the platform to listen');
    const port = Number(/"port":(\d+)/.exec(output())?.[1]);
    // the server's timeouts are set on purpose (slow clients cut off; idle connections outlive a proxy's)
    expect(output()).toContain('"timeouts":{"headers":10000,"request":60000,"keepAlive":65000}');
    const health = await fetch(`http://127.0.0.1:${port}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      status: 'ok',
      eventStore: { kind: 'sqlite', reachable: true, headPosition: '1' },
    });
    expect(existsSync(join(dataDir, 'platform.lock'))).toBe(true);

    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(output()).toMatch(/stopped cleanly/);
    expect(existsSync(join(dataDir, 'platform.lock'))).toBe(false);
    expect(output()).not.toMatch(/Bearer/);
  });
});

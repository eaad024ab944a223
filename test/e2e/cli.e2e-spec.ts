import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeMollie } from '@rw/payments/testing/fake-mollie';
import { runCli } from '../../apps/cli/src/program';
import { built } from '../support/built';
import { startPlatform } from '../support/platform';
import {
  donationOf,
  giveOnline,
  molliePaymentIn,
  mollieProviderOn,
  registerWalkingTeam,
} from '../support/provider-platforms';
import { outputStream, screenLines } from '../support/terminal';

// The compiled CLI, as `./run cli` runs it (compiled once for this jest run).
const main = built('apps/cli/src/main.js');

/** Runs the CLI in a process of its own, its output into pipes (not a terminal), as a script or a cron job would. */
function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [main, ...args], {
      env: { PATH: process.env.PATH ?? '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cli ${args.join(' ')} did not end within 60 s; so far: ${stdout}${stderr}`));
    }, 60_000);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

const SUMMARY = [
  /^seeded the small demo in \d+\.\d s \(175 commands\)$/,
  /^ {2}edition {5}[0-9a-f-]{36}$/,
  /^ {2}teams {7}5$/,
  /^ {2}walkers {5}20$/,
  /^ {2}supporters {2}55$/,
  /^ {2}raised {6}€1,610\.29$/,
  /^ {2}one-off {5}44 donors, 47 gifts, average €31\.07$/,
  /^ {2}monthly {5}11 donors, 15 payments, average €10\.00$/,
  /^ {2}unpaid {6}2 gifts failed or expired at checkout$/,
  /^ {2}fees {8}18 paid, 2 waived, 0 still owed$/,
  /^ {2}the read models agree with the plan$/,
];

describe('the CLI process', () => {
  const dirs: string[] = [];
  const freshDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-cli-e2e-'));
    dirs.push(dir);
    return dir;
  };
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('answers --help with exit 0, and an unknown command or option with exit 2 and a plain message', async () => {
    const env = { DATA_DIR: join(freshDir(), 'data') };
    const help = await cli(['seed-demo', '--help'], env);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    expect(help.stdout).toContain('--scale <scale>');
    const unknown = await cli(['seed'], env);
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toContain("error: unknown command 'seed'");
    const badOption = await cli(['reconcile', '--dry-run'], env);
    expect(badOption).toMatchObject({ code: 2, stdout: '' });
    expect(badOption.stderr).toContain("error: unknown option '--dry-run'");
  });

  it('writes only its results when its output is not a terminal: no bar, no escape sequence', async () => {
    const dir = freshDir();
    const env = { DATA_DIR: dir };
    const seeded = await cli(['seed-demo'], env);
    expect(seeded).toMatchObject({ code: 0, stderr: '' });
    const lines = seeded.stdout.split('\n');
    expect(lines[0]).toBe(`seeding the small demo into ${dir}`);
    expect(lines.slice(1, -1)).toHaveLength(SUMMARY.length);
    for (const [i, line] of SUMMARY.entries()) expect(lines[i + 1]).toMatch(line);
    expect(lines.at(-1)).toBe('');

    const rebuilt = await cli(['rebuild-projections'], env);
    expect(rebuilt).toMatchObject({ code: 0, stderr: '' });
    expect(rebuilt.stdout).toMatch(/^rebuilt accounts, editions, .+ up to position \d+ in \d+ ms\n$/);

    const reconciled = await cli(['reconcile'], env);
    expect(reconciled).toMatchObject({ code: 0, stderr: '' });
    expect(reconciled.stdout).toBe('reconciled: 0 gifts looked up, 0 changed, 0 failed\n');

    for (const output of [seeded, rebuilt, reconciled]) {
      expect(output.stdout).not.toContain(String.fromCharCode(27));
      expect(output.stdout).not.toContain('░');
    }
  });

  it('keeps its outcomes: seed-demo refuses a store with events (exit 3) unless --if-empty; an unknown account is exit 1', async () => {
    const dir = freshDir();
    const env = { DATA_DIR: dir };
    expect((await cli(['seed-demo'], env)).code).toBe(0);
    const again = await cli(['seed-demo'], env);
    expect(again.code).toBe(3);
    expect(again.stderr).toMatch(/already holds events \(up to position \d+\): seed-demo writes only into an empty/);
    expect(await cli(['seed-demo', '--if-empty'], env)).toEqual({
      code: 0,
      stdout: `seeding the small demo into ${dir}\nnot seeding: the event store already holds events\n`,
      stderr: '',
    });
    expect(await cli(['grant-administrator', 'nobody@refugeewalk.test'], env)).toEqual({
      code: 1,
      stdout: '',
      stderr: 'no staff account has the e-mail address nobody@refugeewalk.test\n',
    });
  });

  it('draws a bar per phase on a terminal, each left full with its count, then the same summary', async () => {
    const dir = freshDir();
    const terminal = outputStream(true);
    const code = await runCli(['seed-demo'], { stdout: terminal, stderr: terminal, env: { DATA_DIR: dir } });
    expect(code).toBe(0);
    // what stays on screen: the last drawing of each line
    const screen = screenLines(terminal.text());
    const full = (label: string, count: string) =>
      new RegExp(`^ {2}${label} +█{40} 100% \\| ${count}/${count} \\| \\d+s$`);
    for (const [label, count] of [
      ['edition', '1'],
      ['teams', '5'],
      ['walkers joining', '15'],
      ['registration fees', '20'],
      ['gifts', '60'],
    ]) {
      expect(screen).toContainEqual(expect.stringMatching(full(label, count)));
    }
    expect(screen).toContainEqual(expect.stringMatching(/^ {2}read models +█{40} 100% \| (\d+)\/\1 \| \d+s$/));
    for (const line of SUMMARY) expect(screen).toContainEqual(expect.stringMatching(line));
  });

  it('reconcile applies a monthly first payment whose webhook was lost, and starts its subscription before it exits', async () => {
    const dir = freshDir();
    const fake = FakeMollie.start();
    try {
      // the gift was made two hours ago: past RECONCILE_PENDING_AFTER_MINUTES when the CLI looks
      const platform = await startPlatform({}, dir, {
        paymentProvider: mollieProviderOn(fake),
        clock: () => new Date(Date.now() - 2 * 60 * 60_000),
      });
      const ids = await registerWalkingTeam(platform, 'Reconciled walkers');
      const gift = await giveOnline(platform, ids.walkerId, 12_50, { frequency: 'monthly', method: 'bancontact' });
      const firstPaymentId = molliePaymentIn(gift.checkoutUrl);
      fake.markPaid(firstPaymentId); // and its webhook never arrives
      await platform.effectsDone();
      await platform.stop();

      const stdout = outputStream(false);
      const stderr = outputStream(false);
      const env = {
        DATA_DIR: dir,
        PAYMENT_PROVIDER: 'mollie',
        MOLLIE_API_KEY: fake.apiKey,
        PUBLIC_BASE_URL: 'https://walk.example.org',
      };
      expect(await runCli(['reconcile'], { stdout, stderr, env })).toBe(0);
      expect(stderr.text()).toBe('');
      expect(stdout.text()).toBe('reconciled: 1 gifts looked up, 1 changed, 0 failed\n');
      // the reaction to the payment, done by the CLI before it ended: one subscription, asked for once
      const customerId = String(fake.payment(firstPaymentId).customerId);
      const subscriptions = () =>
        fake.requests.filter((r) => r.method === 'POST' && r.path === `/v2/customers/${customerId}/subscriptions`);
      expect(subscriptions()).toHaveLength(1);
      expect(subscriptions()[0]?.idempotencyKey).toBe(`rw-subscription-${gift.id}`);

      // a second run finds nothing new to apply and asks for no second subscription
      const second = outputStream(false);
      expect(await runCli(['reconcile'], { stdout: second, stderr, env })).toBe(0);
      expect(second.text()).toBe('reconciled: 1 gifts looked up, 0 changed, 0 failed\n');
      expect(subscriptions()).toHaveLength(1);

      const restarted = await startPlatform({}, dir, { paymentProvider: mollieProviderOn(fake) });
      try {
        expect((await donationOf(restarted, gift.id)).status).toBe('paid');
      } finally {
        await restarted.stop();
      }
    } finally {
      await fake.stop();
    }
  });
});

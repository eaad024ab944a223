import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { EsdbEventStore } from '@rw/event-store/adapters/esdb';
import { EsdbStandIn } from '../esdb-stand-in/server';
import { built } from '../support/built';
import { WALK_DAY } from '../support/fixtures';

// The compiled server, as `./run start` runs it (jest's global setup builds it).
const main = built('apps/platform/src/main.js');
const ADMIN = { email: 'admin@refugeewalk.test', password: 'correct horse battery staple' };

// Every wait below is bounded and says what it waited for: on a busy machine a test that fails must fail, never
// hang. Generous, because a full run shares two cores with other test files.
const START_MS = 60_000;
const REQUEST_MS = 30_000;
const SETTLE_MS = 60_000;
const EXIT_MS = 10_000;

interface Instance {
  name: string;
  child: ChildProcess;
  base: string;
  exited: Promise<void>;
  output: () => string;
}

/**
 * Every platform process this file started, from the moment it is spawned (not only once it listens): afterAll
 * kills each one still running, even when the test failed half-way through a restart. A child left running keeps
 * its pipes open, and jest waits for them forever.
 */
const spawned: { child: ChildProcess; exited: Promise<void> }[] = [];

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves when the promise does, or rejects after `ms` with a message saying what did not happen. */
async function within<T>(promise: Promise<T>, ms: number, what: () => string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what()} (after ${ms} ms)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A platform process on the stand-in; resolves once it listens (on a port of its own choosing). */
async function startInstance(name: string, env: Record<string, string>): Promise<Instance> {
  let output = '';
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // registered at once, before anything can throw
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  spawned.push({ child, exited });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + START_MS;
  for (;;) {
    const listening = output
      .split('\n')
      .filter((line) => line.includes('the platform is listening'))
      .map((line) => JSON.parse(line) as { port: number })[0];
    if (listening) return { name, child, base: `http://127.0.0.1:${listening.port}`, exited, output: () => output };
    if (hasExited(child)) throw new Error(`instance ${name} exited while starting:\n${output}`);
    if (Date.now() > deadline) throw new Error(`instance ${name} did not listen within ${START_MS} ms:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** One HTTP request, answered within REQUEST_MS or failed with the request named. */
async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    signal: AbortSignal.timeout(REQUEST_MS),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  }).catch((error: Error) => {
    throw new Error(
      `${method} ${base}${path}: ${error.name === 'TimeoutError' ? 'no answer in time' : error.message}`,
      {
        cause: error,
      },
    );
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : undefined };
}

/** The mails in an instance's outbox file (read beside the running process). */
function outboxOf(dataDir: string): { messageId: string; to: string; subject: string }[] {
  const file = join(dataDir, 'mail-outbox.sqlite');
  if (!existsSync(file)) return [];
  const db = new DatabaseSync(file, { readOnly: true });
  try {
    return db.prepare('SELECT message_id AS messageId, recipient AS "to", subject FROM outbox_mail').all() as {
      messageId: string;
      to: string;
      subject: string;
    }[];
  } finally {
    db.close();
  }
}

/**
 * Two platform processes on one EventStoreDB (the stand-in), and a burst of gifts spread over both during which
 * one of them is killed with SIGKILL. As a load balancer would, whatever the dead instance did not answer is asked
 * again of the other one with the same Idempotency-Key (the persons' keys are shared, so B recognises a gift A
 * began as the same gift); the claims the dead instance held run out and are taken over. The dead instance is then
 * started again on its data folder and catches up. In the end every gift counts once, on both, and every donor has
 * one thank-you.
 */
describe('two instances, one killed with SIGKILL in a burst of gifts', () => {
  let standIn: EsdbStandIn;
  let dirA: string;
  let dirB: string;

  beforeAll(async () => {
    standIn = await EsdbStandIn.start();
    dirA = mkdtempSync(join(tmpdir(), 'rw-pair-a-'));
    dirB = mkdtempSync(join(tmpdir(), 'rw-pair-b-'));
  });
  afterAll(async () => {
    // nothing here is worth a graceful stop: every process still running is killed, and each exit is awaited
    // (bounded) so that no pipe is left open behind the test
    for (const { child } of spawned) if (!hasExited(child)) child.kill('SIGKILL');
    await within(
      Promise.all(spawned.map((s) => s.exited)),
      EXIT_MS,
      () => `platform processes still running: ${spawned.filter((s) => !hasExited(s.child)).map((s) => s.child.pid)}`,
    );
    await standIn?.stop();
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  }, EXIT_MS + 5_000);

  it('loses no gift, counts none twice, and thanks each donor once', async () => {
    const env = {
      EVENT_STORE: 'esdb',
      EVENTSTORE_CONNECTION_STRING: standIn.connectionString,
      PUBLIC_BASE_URL: 'https://give.example.org',
      // a claim of the killed instance is taken over after two seconds
      EFFECT_LEASE_SECONDS: '2',
      // the persons' keys are shared through the store: the same secret on every instance
      PERSONAL_DATA_SECRET: 'the-same-secret-on-every-instance-0123456789',
    };
    const a = await startInstance('A', {
      ...env,
      DATA_DIR: dirA,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
    });
    const b = await startInstance('B', { ...env, DATA_DIR: dirB });

    const token = (await call(a.base, 'POST', '/api/auth/login', ADMIN)).body.token as string;
    const edition = await call(
      a.base,
      'POST',
      '/api/editions',
      { name: 'Refugee Walk 2026', date: WALK_DAY, routes: [{ name: 'Own route', distanceKm: 20, kind: 'own' }] },
      { Authorization: `Bearer ${token}` },
    );
    expect(edition.status).toBe(201);
    const team = await call(a.base, 'POST', `/api/editions/${edition.body.id}/teams`, {
      name: 'Burst walkers',
      routeId: edition.body.routes[0].id,
      targetCents: 0,
      captain: { name: 'Anna', email: 'anna.burst@example.be' },
    });
    expect(team.status).toBe(201);
    const walkerId = team.body.captainWalkerId as string;
    // B has read the walker before the burst starts
    const seenBy = Date.now() + SETTLE_MS;
    while ((await call(b.base, 'GET', `/api/walkers/${walkerId}`)).status !== 200) {
      if (Date.now() > seenBy) throw new Error(`B never showed the walker A registered:\n${b.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    // the burst: each gift created and settled on A or B in turn. A is killed in the middle of it; from that
    // moment what was asked of A is asked of B, with the same Idempotency-Key. Once A is known dead nothing is
    // sent to its old port any more (another process may have been given it since).
    const gifts = Array.from({ length: 40 }, (_, i) => ({ key: `burst-gift-${i}`, cents: 10_00 + i, i }));
    let answered = 0;
    let failedOver = 0;
    let aKilled = false;
    // one gift is asked of A once it is dead, so at least one request surely fails over
    const late = { key: 'burst-gift-late', cents: 10_00 + 40, i: 40 };
    let lateGift: Promise<string> | undefined;
    const ask = async (onA: boolean, method: string, path: string, body: unknown, key?: string) => {
      const headers: Record<string, string> = key ? { 'Idempotency-Key': key } : {};
      if (onA && !aKilled) {
        try {
          const response = await call(a.base, method, path, body, headers);
          if (response.status < 500) return response;
          if (!aKilled)
            throw new Error(`A answered ${response.status} before it was killed: ${JSON.stringify(response)}`);
        } catch (error) {
          // connection refused or reset: the instance is gone; anything else before the kill is a failure
          if (!aKilled) throw new Error(`A failed before it was killed: ${(error as Error).message}\n${a.output()}`);
        }
      }
      if (onA) failedOver++;
      return call(b.base, method, path, body, headers);
    };
    const giveAndSettle = async ({ key, cents, i }: (typeof gifts)[number]): Promise<string> => {
      const onA = i % 2 === 0;
      const created = await ask(
        onA,
        'POST',
        '/api/donations',
        {
          beneficiary: { type: 'walker', id: walkerId },
          amountCents: cents,
          frequency: 'one_off',
          donor: { name: `Donor ${i}`, email: `donor${i}@example.be` },
        },
        key,
      );
      if (created.status !== 201) throw new Error(`gift ${key}: ${JSON.stringify(created)}`);
      const settled = await ask(onA, 'POST', `/api/sandbox/donations/${created.body.id}/settle`, { outcome: 'paid' });
      if (settled.status !== 200) throw new Error(`settling ${key}: ${JSON.stringify(settled)}`);
      answered++;
      // A dies mid-burst, in the middle of whatever it is doing
      if (answered === 12 && !aKilled) {
        aKilled = true;
        a.child.kill('SIGKILL');
        lateGift = a.exited.then(() => giveAndSettle(late));
        // kept from being an unhandled rejection if the burst fails first; awaited below
        lateGift.catch(() => undefined);
      }
      return created.body.id as string;
    };
    const ids = await Promise.all(gifts.map(giveAndSettle));
    expect(aKilled).toBe(true);
    ids.push(await within(lateGift as Promise<string>, REQUEST_MS * 2, () => 'the late gift was not given'));
    gifts.push(late);
    expect(a.child.signalCode).toBe('SIGKILL');
    // the kill cut requests short: they were asked again of B
    expect(failedOver).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(gifts.length);

    // A comes back on its data folder and catches up with what B did meanwhile
    const aAgain = await startInstance('A (restarted)', { ...env, DATA_DIR: dirA });

    const total = gifts.reduce((sum, gift) => sum + gift.cents, 0);
    const raisedOn = async (instance: Instance) =>
      (await call(instance.base, 'GET', `/api/editions/${edition.body.id}/stats`)).body.raisedCents as number;
    const thanked = () => {
      const byDonor = new Map<string, Set<string>>();
      for (const mail of [...outboxOf(dirA), ...outboxOf(dirB)]) {
        if (!mail.to.startsWith('donor')) continue;
        byDonor.set(mail.to, (byDonor.get(mail.to) ?? new Set()).add(mail.messageId));
      }
      return byDonor;
    };
    const deadline = Date.now() + SETTLE_MS;
    while (Date.now() < deadline) {
      if ((await raisedOn(aAgain)) === total && (await raisedOn(b)) === total && thanked().size === gifts.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await raisedOn(aAgain)).toBe(total);
    expect(await raisedOn(b)).toBe(total);
    // one thank-you per donor: a mail resent after the kill carries the same Message-ID (the same mail)
    const mails = thanked();
    expect([...mails.keys()].sort()).toEqual(gifts.map((g) => `donor${g.i}@example.be`).sort());
    expect([...mails.values()].every((messageIds) => messageIds.size === 1)).toBe(true);

    // the store: each gift created once and paid once
    const store = new EsdbEventStore(standIn.connectionString);
    try {
      for (const id of ids) {
        const types = (await store.readStream(`donation-${id}`)).map((e) => e.type);
        expect(types.filter((t) => t === 'DonationCreated')).toHaveLength(1);
        expect(types.filter((t) => t === 'DonationPaid')).toHaveLength(1);
      }
    } finally {
      await store.close();
    }
  }, 240_000);
});

import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { EsdbEventStore } from '@rw/event-store';
import { EsdbStandIn } from '../esdb-stand-in/server';

// The compiled server, as `./run start` runs it (jest's global setup builds it).
const main = join(__dirname, '../../dist/apps/platform/src/main.js');
const ADMIN = { email: 'admin@refugeewalk.test', password: 'correct horse battery staple' };

interface Instance {
  child: ChildProcess;
  base: string;
  exited: Promise<number | null>;
  output: () => string;
}

/** A platform process on the stand-in; resolves once it listens (on a port of its own choosing). */
async function startInstance(env: Record<string, string>): Promise<Instance> {
  let output = '';
  const child = spawn(process.execPath, [main], {
    env: { PATH: process.env.PATH ?? '', PORT: '0', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk) => (output += chunk));
  child.stderr?.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // generous: the machine may be busy with other test files
  const deadline = Date.now() + 60_000;
  for (;;) {
    const listening = output
      .split('\n')
      .filter((line) => line.includes('the platform is listening'))
      .map((line) => JSON.parse(line) as { port: number })[0];
    if (listening) return { child, base: `http://127.0.0.1:${listening.port}`, exited, output: () => output };
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`the platform did not start:\n${output}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

async function call(base: string, method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
 * one of them is killed with SIGKILL: it restarts on its data folder, what it had not answered is asked again
 * with the same Idempotency-Key, the claims it held run out and are taken over, and in the end every gift counts
 * once, on both, and every donor has one thank-you.
 */
describe('two instances, one killed with SIGKILL in a burst of gifts', () => {
  let standIn: EsdbStandIn;
  let dirA: string;
  let dirB: string;
  const running: Instance[] = [];

  beforeAll(async () => {
    standIn = await EsdbStandIn.start();
    dirA = mkdtempSync(join(tmpdir(), 'rw-pair-a-'));
    dirB = mkdtempSync(join(tmpdir(), 'rw-pair-b-'));
  });
  afterAll(async () => {
    for (const instance of running) {
      if (instance.child.exitCode === null && instance.child.signalCode === null) {
        instance.child.kill('SIGTERM');
        await instance.exited;
      }
    }
    await standIn?.stop();
    rmSync(dirA, { recursive: true, force: true });
    rmSync(dirB, { recursive: true, force: true });
  });

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
    let a = await startInstance({ ...env, DATA_DIR: dirA, ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password });
    running.push(a);
    const b = await startInstance({ ...env, DATA_DIR: dirB });
    running.push(b);

    const token = (await call(a.base, 'POST', '/api/auth/login', ADMIN)).body.token as string;
    const edition = await call(
      a.base,
      'POST',
      '/api/editions',
      { name: 'Refugee Walk 2026', date: '2026-09-27', routes: [{ name: 'Own route', distanceKm: 20, kind: 'own' }] },
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
    for (let i = 0; (await call(b.base, 'GET', `/api/walkers/${walkerId}`)).status !== 200; i++) {
      if (i > 200) throw new Error('B never saw the walker');
      await new Promise((resolve) => setTimeout(resolve, 25));
    }

    // the burst: each gift created and settled on A or B in turn. A is killed in the middle of it and started
    // again on its data folder; what it had not answered is asked again of it once it is back, with the same
    // Idempotency-Key (a donor's personal data is still keyed per instance: B could not recognise a gift that
    // A began as the same gift, see the README)
    const gifts = Array.from({ length: 40 }, (_, i) => ({ key: `burst-gift-${i}`, cents: 10_00 + i, i }));
    let answered = 0;
    let failedOver = 0;
    let aBack: Promise<Instance> | undefined;
    // one gift is asked of A once it is dead and not yet back, so at least one request surely fails over
    const late = { key: 'burst-gift-late', cents: 10_00 + 40, i: 40 };
    let lateGift: Promise<string> | undefined;
    const ask = async (onA: boolean, method: string, path: string, body: unknown, key?: string) => {
      const headers: Record<string, string> = key ? { 'Idempotency-Key': key } : {};
      if (!onA) return call(b.base, method, path, body, headers);
      try {
        const response = await call(a.base, method, path, body, headers);
        if (response.status < 500) return response;
      } catch {
        // connection refused or reset: the instance is gone
      }
      if (!aBack) throw new Error(`A failed before it was killed:\n${a.output()}`);
      failedOver++;
      return call((await aBack).base, method, path, body, headers);
    };
    const giveAndSettle = async ({ key, cents, i }: (typeof gifts)[number]) => {
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
      // A dies mid-burst, in the middle of whatever it is doing, and is started again at once
      if (answered === 12 && !aBack) {
        const killed = a;
        killed.child.kill('SIGKILL');
        aBack = killed.exited.then(async (code) => {
          expect(code).toBeNull();
          const restarted = await startInstance({ ...env, DATA_DIR: dirA });
          running.push(restarted);
          a = restarted;
          return restarted;
        });
        lateGift = killed.exited.then(() => giveAndSettle(late));
      }
      return created.body.id as string;
    };
    const ids = await Promise.all(gifts.map(giveAndSettle));
    expect(aBack).toBeDefined();
    await aBack;
    ids.push(await (lateGift as Promise<string>));
    gifts.push(late);
    // the kill cut requests short: they were asked again once A was back
    expect(failedOver).toBeGreaterThan(0);
    expect(new Set(ids).size).toBe(gifts.length);

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
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      if ((await raisedOn(a)) === total && (await raisedOn(b)) === total && thanked().size === gifts.length) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(await raisedOn(a)).toBe(total);
    expect(await raisedOn(b)).toBe(total);
    // one thank-you per donor: a mail resent after the kill carries the same Message-ID (the same mail)
    const mails = thanked();
    expect([...mails.keys()].sort()).toEqual(gifts.map((g) => `donor${g.i}@example.be`).sort());
    expect([...mails.values()].every((messageIds) => messageIds.size === 1)).toBe(true);

    // the store: each gift created once and paid once, each thank-you claimed and done once
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

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EffectClaims, MemoryEventStore, type NewEvent } from '@rw/event-store';
import type { DonationEvent } from '@rw/fundraising';
import { mailProjection, ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import { PrivateLinks } from '../accounts/private-links';
import { loadConfig } from '../config/config';
import type { ProjectionService } from '../infrastructure/projection.service';
import { createLogger } from '../logging/logger';
import { MailDispatcher } from './mail-dispatcher';
import type { MailMessage, MailSender } from './mail-sender';

const at = '2026-05-01T10:00:00.000Z';
const paidGift = (donationId: string, email: string): DonationEvent[] => [
  {
    type: 'DonationCreated',
    data: {
      donationId,
      editionId: 'e1',
      beneficiary: { type: 'edition', id: 'e1' },
      amountCents: 25_00,
      frequency: 'one_off',
      donor: { name: 'Donor', email },
      anonymous: false,
      provider: 'sandbox',
      createdAt: at,
    },
  },
  { type: 'DonationPaid', data: { donationId, amountCents: 25_00, providerReference: 'p', paidAt: at } },
];

/** Refuses the mails to the addresses it is told to, as an SMTP server that is down for them. */
class FlakySender implements MailSender {
  readonly sent: MailMessage[] = [];
  readonly refusing = new Set<string>();
  async send(message: MailMessage): Promise<void> {
    if (this.refusing.has(message.to)) throw new Error('421 try again later');
    this.sent.push(message);
  }
}

describe('mail dispatcher', () => {
  let dir: string;
  let store: MemoryEventStore;
  let database: ReadModelDatabase;
  let runner: ProjectionRunner;
  let sender: FlakySender;
  let now: Date;
  const dispatchers: MailDispatcher[] = [];

  const dispatcher = () => {
    const config = loadConfig({ DATA_DIR: dir, PUBLIC_BASE_URL: 'https://give.example.org' });
    const projections = { db: database.db, runner } as unknown as ProjectionService;
    const made = new MailDispatcher(
      config,
      projections,
      new PrivateLinks(config),
      new EffectClaims(store, { instance: `instance-${dispatchers.length}`, clock: () => now, firstBackoffMs: 1_000 }),
      sender,
      createLogger('silent'),
      () => new Date(at),
    );
    dispatchers.push(made);
    return made;
  };

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'rw-mail-dispatch-'));
    store = new MemoryEventStore();
    await store.append('donation-d1', paidGift('d1', 'a@x.be') as NewEvent[], 'no_stream');
    await store.append('donation-d2', paidGift('d2', 'b@x.be') as NewEvent[], 'no_stream');
    database = new ReadModelDatabase(':memory:');
    runner = new ProjectionRunner(store, database, [mailProjection]);
    runner.start();
    sender = new FlakySender();
    now = new Date(at);
  });
  afterEach(async () => {
    for (const d of dispatchers.splice(0)) await d.onModuleDestroy();
    await runner.stop();
    database.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends each decided mail once, however often it runs', async () => {
    const mails = dispatcher();
    expect(await mails.drain()).toBe(2);
    expect(await mails.drain()).toBe(0);
    expect(sender.sent.map((m) => m.to)).toEqual(['a@x.be', 'b@x.be']);
  });

  it('keeps a mail the server refused for a round after its backoff and still sends the others', async () => {
    const mails = dispatcher();
    sender.refusing.add('a@x.be');
    expect(await mails.drain()).toBe(1);
    expect(sender.sent.map((m) => m.to)).toEqual(['b@x.be']);
    sender.refusing.clear();
    // not before its backoff has passed
    expect(await mails.drain()).toBe(0);
    now = new Date(Date.parse(at) + 1_000);
    expect(await mails.drain()).toBe(1);
    expect(sender.sent.map((m) => m.to)).toEqual(['b@x.be', 'a@x.be']);
  });

  it('sends each mail once when two instances dispatch the same decisions at the same time', async () => {
    // a second instance: its own read models over the same events, its own data folder
    const otherDir = mkdtempSync(join(tmpdir(), 'rw-mail-dispatch-'));
    const otherDatabase = new ReadModelDatabase(':memory:');
    const otherRunner = new ProjectionRunner(store, otherDatabase, [mailProjection]);
    otherRunner.start();
    try {
      const a = dispatcher();
      const config = loadConfig({ DATA_DIR: otherDir, PUBLIC_BASE_URL: 'https://give.example.org' });
      const b = new MailDispatcher(
        config,
        { db: otherDatabase.db, runner: otherRunner } as unknown as ProjectionService,
        new PrivateLinks(config),
        new EffectClaims(store, { instance: 'b', clock: () => now }),
        sender,
        createLogger('silent'),
        () => new Date(at),
      );
      dispatchers.push(b);
      const [sentByA, sentByB] = await Promise.all([a.drain(), b.drain()]);
      expect(sentByA + sentByB).toBe(2);
      expect(sender.sent.map((m) => m.to).sort()).toEqual(['a@x.be', 'b@x.be']);
      // both now see every mail as done
      expect(await a.drain()).toBe(0);
      expect(await b.drain()).toBe(0);
      expect(sender.sent).toHaveLength(2);
    } finally {
      await otherRunner.stop();
      otherDatabase.close();
      rmSync(otherDir, { recursive: true, force: true });
    }
  });

  it('remembers what it sent outside the read models: a rebuild from zero sends nothing again', async () => {
    expect(await dispatcher().drain()).toBe(2);
    await runner.stop();
    ProjectionRunner.resetAll(database, [mailProjection]);
    runner = new ProjectionRunner(store, database, [mailProjection]);
    runner.start();
    // a new dispatcher, as after a restart: it reads the file the first one wrote (and the claims)
    expect(await dispatcher().drain()).toBe(0);
    expect(sender.sent).toHaveLength(2);
  });
});

describe('mail dispatcher: a walker’s daily gift digest', () => {
  const day = '2026-05-01';
  let recordedAt = `${day}T08:00:00.000Z`;
  let clock = new Date(recordedAt);
  let store: MemoryEventStore;
  let sender: FlakySender;
  const instances: { dir: string; database: ReadModelDatabase; runner: ProjectionRunner; mails: MailDispatcher }[] = [];

  /** An instance: its own read models over the shared store, its own data folder, one dispatcher. */
  const instance = (name: string, dir = mkdtempSync(join(tmpdir(), 'rw-mail-digest-'))) => {
    const database = new ReadModelDatabase(':memory:');
    const runner = new ProjectionRunner(store, database, [mailProjection]);
    runner.start();
    const config = loadConfig({ DATA_DIR: dir, PUBLIC_BASE_URL: 'https://give.example.org' });
    const mails = new MailDispatcher(
      config,
      { db: database.db, runner } as unknown as ProjectionService,
      new PrivateLinks(config),
      new EffectClaims(store, { instance: name, clock: () => clock }),
      sender,
      createLogger('silent'),
      () => clock,
    );
    instances.push({ dir, database, runner, mails });
    return mails;
  };
  const append = (stream: string, events: NewEvent[], at: string) => {
    recordedAt = at;
    return store.append(stream, events, 'any');
  };
  const giftToWalker = async (donationId: string, name: string, at: string, anonymous = false) => {
    await append(
      `donation-${donationId}`,
      [
        {
          type: 'DonationCreated',
          data: {
            donationId,
            editionId: 'e1',
            beneficiary: { type: 'walker', id: 'w1' },
            teamId: 't1',
            walkerId: 'w1',
            amountCents: 25_00,
            frequency: 'one_off',
            donor: { name, email: `${donationId}@x.be` },
            anonymous,
            provider: 'sandbox',
            createdAt: at,
          },
        },
        { type: 'DonationPaid', data: { donationId, amountCents: 25_00, providerReference: 'p', paidAt: at } },
      ],
      at,
    );
  };
  const digests = () => sender.sent.filter((m) => m.to === 'anna@x.be' && !m.subject.startsWith('Welkom'));

  beforeEach(async () => {
    recordedAt = `${day}T08:00:00.000Z`;
    clock = new Date(recordedAt);
    store = new MemoryEventStore(() => new Date(recordedAt));
    sender = new FlakySender();
    await append(
      'walker-w1',
      [
        {
          type: 'WalkerRegistered',
          data: {
            walkerId: 'w1',
            teamId: 't1',
            editionId: 'e1',
            routeId: 'r1',
            name: 'Anna',
            email: 'anna@x.be',
            slug: 'anna',
            role: 'member',
            targetCents: 0,
            story: '',
            registrationFeeCents: 0,
            registeredAt: recordedAt,
          },
        },
      ],
      recordedAt,
    );
  });
  afterEach(async () => {
    for (const { dir, database, runner, mails } of instances.splice(0)) {
      await mails.onModuleDestroy();
      await runner.stop();
      database.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('sends one digest with both gifts of a day, once, from one of two instances, after the day is over', async () => {
    const a = instance('a');
    const b = instance('b');
    await giftToWalker('d1', 'Marie', `${day}T08:00:00.000Z`);
    await Promise.all([a.drain(), b.drain()]);
    // the day is not over: no digest yet (the donors' thank-yous went)
    expect(digests()).toEqual([]);
    await giftToWalker('d2', 'Piet', `${day}T21:59:00.000Z`, true);
    clock = new Date(`${day}T22:00:00.000Z`); // midnight in Brussels
    await Promise.all([a.drain(), b.drain()]);
    expect(digests()).toHaveLength(1);
    expect(digests()[0].subject).toBe('Je kreeg 2 giften');
    expect(digests()[0].text).toContain('- Marie: €\u00a025,00\n- Een anonieme sponsor\n');
    expect(digests()[0].text).not.toContain('Piet');
    // a gift the next day makes a second digest, sent when that day is over
    await giftToWalker('d3', 'Lena', `${day}T22:30:00.000Z`);
    await Promise.all([a.drain(), b.drain()]);
    expect(digests()).toHaveLength(1);
    clock = new Date('2026-05-02T22:00:00.000Z');
    await Promise.all([a.drain(), b.drain()]);
    expect(digests().map((m) => m.text.match(/- .*/)?.[0])).toEqual(['- Marie: €\u00a025,00', '- Lena: €\u00a025,00']);
  });

  it('sends no digest again after a rebuild from zero', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-mail-digest-'));
    const first = instance('first', dir);
    await giftToWalker('d1', 'Marie', `${day}T08:00:00.000Z`);
    clock = new Date(`${day}T22:00:00.000Z`);
    await first.drain();
    expect(digests()).toHaveLength(1);
    const { runner, database } = instances[0];
    await runner.stop();
    ProjectionRunner.resetAll(database, [mailProjection]);
    const again = new ProjectionRunner(store, database, [mailProjection]);
    again.start();
    instances[0].runner = again;
    const config = loadConfig({ DATA_DIR: dir, PUBLIC_BASE_URL: 'https://give.example.org' });
    const restarted = new MailDispatcher(
      config,
      { db: database.db, runner: again } as unknown as ProjectionService,
      new PrivateLinks(config),
      new EffectClaims(store, { instance: 'restarted', clock: () => clock }),
      sender,
      createLogger('silent'),
      () => clock,
    );
    try {
      expect(await restarted.drain()).toBe(0);
      expect(digests()).toHaveLength(1);
    } finally {
      await restarted.onModuleDestroy();
    }
  });

  it('sends no digest for a day long past (a rebuild adding digests reads years of gifts), but still a thank-you', async () => {
    const mails = instance('late');
    await giftToWalker('d1', 'Marie', `${day}T08:00:00.000Z`);
    clock = new Date(Date.parse(`${day}T22:00:00.000Z`) + 49 * 3_600_000);
    await mails.drain();
    expect(digests()).toEqual([]);
    // the walker's welcome and the donor's thank-you still go: only news kinds go stale
    expect(sender.sent.map((m) => m.to)).toEqual(['anna@x.be', 'd1@x.be']);
    expect(mails.undispatchedCount()).toBe(0);
  });
});

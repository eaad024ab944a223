import { MemoryEventStore, type RecordedEvent } from '@rw/event-store';
import type { DonationEvent, EditionEvent, PledgeEvent, TeamEvent, WalkerEvent } from '@rw/fundraising';
import type { ReadModelDatabase } from '../runner/read-model-database';
import { projectStore, storeWithStory } from '../testing/story';
import { mailProjection } from './projection';
import { mailKeysNaming, markMailDispatched, undispatchedMail } from './queries';

const at = '2026-05-01T10:00:00.000Z';
const walker = (walkerId: string, role: 'captain' | 'member', name: string, email: string, language?: 'fr') =>
  ({
    type: 'WalkerRegistered',
    data: {
      walkerId,
      teamId: 't1',
      editionId: 'e1',
      routeId: 'r1',
      name,
      email,
      slug: walkerId,
      role,
      targetCents: 100_00,
      story: '',
      registrationFeeCents: 0,
      ...(language ? { language } : {}),
      registeredAt: at,
    },
  }) satisfies WalkerEvent;
const donation = (donationId: string, frequency: 'one_off' | 'monthly', email: string) =>
  ({
    type: 'DonationCreated',
    data: {
      donationId,
      editionId: 'e1',
      beneficiary: { type: 'team', id: 't1' },
      teamId: 't1',
      amountCents: 25_00,
      frequency,
      donor: { name: 'Donor', email },
      anonymous: false,
      provider: 'sandbox',
      createdAt: at,
    },
  }) satisfies DonationEvent;
const paid = (donationId: string) =>
  ({
    type: 'DonationPaid',
    data: { donationId, amountCents: 25_00, providerReference: 'p', paidAt: at },
  }) satisfies DonationEvent;

const story: [string, (TeamEvent | WalkerEvent | DonationEvent | PledgeEvent)[]][] = [
  [
    'team-t1',
    [
      {
        type: 'TeamRegistered',
        data: {
          teamId: 't1',
          editionId: 'e1',
          routeId: 'r1',
          name: 'Stappers',
          slug: 'stappers',
          targetCents: 0,
          captainWalkerId: 'w1',
          joinCode: 'JOIN42',
          registeredAt: at,
        },
      },
    ],
  ],
  ['walker-w1', [walker('w1', 'captain', 'Anna', 'anna@x.be')]],
  ['walker-w2', [walker('w2', 'member', 'Jan', 'jan@x.be', 'fr')]],
  ['donation-d1', [donation('d1', 'one_off', 'a@x.be'), paid('d1')]],
  ['donation-d2', [donation('d2', 'monthly', 'b@x.be'), paid('d2')]],
  // created but never paid: no mail
  ['donation-d3', [donation('d3', 'one_off', 'c@x.be')]],
  // imported from the old books: thanked back then, no mail now
  [
    'donation-d4',
    [
      {
        ...donation('d4', 'one_off', 'd@x.be'),
        data: { ...donation('d4', 'one_off', 'd@x.be').data, provider: 'import' },
      },
      paid('d4'),
    ],
  ],
  [
    'pledge-p1',
    [
      {
        type: 'PledgeMade',
        data: {
          pledgeId: 'p1',
          editionId: 'e1',
          beneficiary: { type: 'walker', id: 'w1' },
          teamId: 't1',
          sponsor: { name: 'Sophie', email: 's@x.be' },
          kind: 'per_km',
          amountCents: 150,
          language: 'fr',
          madeAt: at,
        },
      },
      { type: 'PledgeBecameDue', data: { pledgeId: 'p1', km: 20, dueCents: 30_00, at } },
      // a corrected distance: due again, for the new amount, so a second mail
      { type: 'PledgeBecameDue', data: { pledgeId: 'p1', km: 22, dueCents: 33_00, at } },
    ],
  ],
];

const project = (store: MemoryEventStore) => projectStore(store, [mailProjection], 3);

describe('mail projection', () => {
  let store: MemoryEventStore;
  beforeEach(async () => {
    store = await storeWithStory(story);
  });

  it('decides one mail per registration, paid gift, pledge made and pledge falling due, each in its language', async () => {
    const db = await project(store);
    const mails = undispatchedMail(db.db).map((m) => [m.kind, m.recipient, m.language]);
    expect(mails).toEqual([
      ['team-registered', 'anna@x.be', 'nl'],
      ['walker-joined', 'jan@x.be', 'fr'],
      ['gift-thanks', 'a@x.be', 'nl'],
      ['monthly-gift-confirmed', 'b@x.be', 'nl'],
      ['pledge-made', 's@x.be', 'fr'],
      ['pledge-due', 's@x.be', 'fr'],
      ['pledge-due', 's@x.be', 'fr'],
    ]);
    expect(undispatchedMail(db.db)[0].details).toEqual({
      teamId: 't1',
      teamName: 'Stappers',
      joinCode: 'JOIN42',
      walkerId: 'w1',
      walkerName: 'Anna',
      feeCents: 0,
    });
  });

  it('keys each mail by its event and kind, so a dispatched mail stays dispatched', async () => {
    const db = await project(store);
    const [first, ...rest] = undispatchedMail(db.db);
    expect(first.key).toMatch(/^.+:team-registered$/);
    markMailDispatched(db.db, first.key);
    expect(undispatchedMail(db.db)).toEqual(rest);
  });

  it('gives the same rows when the same events are applied twice (a replay after a crash)', async () => {
    const once = await project(store);
    const dump = (db: ReadModelDatabase) =>
      ['mail_teams', 'mail_walkers', 'mail_donations', 'mail_pledges', 'mail_to_send', 'mail_digest_gifts'].map((t) =>
        db.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
      );
    const before = dump(once);
    const recorded: RecordedEvent[] = [];
    for await (const event of store.readAll()) recorded.push(event);
    const handler = mailProjection.open(once.db);
    once.transaction(() => {
      for (const event of recorded) if (mailProjection.eventTypes.includes(event.type)) handler.apply(event);
    });
    expect(dump(once)).toEqual(before);
  });
});

describe('mail projection: receipts, pledges, fees, stopped gifts and the walker’s daily digest', () => {
  /** A store whose events are recorded at the instant the test says (the Brussels day of a gift is that instant's). */
  let now = '2026-05-01T08:00:00.000Z';
  let store: MemoryEventStore;
  const append = (
    stream: string,
    events: (EditionEvent | TeamEvent | WalkerEvent | DonationEvent | PledgeEvent)[],
    at: string,
  ) => {
    now = at;
    return store.append(stream, events, 'any');
  };
  const gift = (
    donationId: string,
    beneficiary: { type: 'walker' | 'team' | 'edition'; id: string },
    options: { anonymous?: boolean; name?: string; frequency?: 'one_off' | 'monthly' } = {},
  ) =>
    ({
      type: 'DonationCreated',
      data: {
        donationId,
        editionId: 'e1',
        beneficiary,
        ...(beneficiary.type === 'walker' ? { teamId: 't1', walkerId: beneficiary.id } : {}),
        amountCents: 25_00,
        frequency: options.frequency ?? 'one_off',
        donor: { name: options.name ?? 'Marie', email: `${donationId}@x.be` },
        anonymous: options.anonymous ?? false,
        provider: 'sandbox',
        createdAt: now,
      },
    }) satisfies DonationEvent;
  const paidAt = (donationId: string, amountCents: number, at: string) =>
    ({
      type: 'DonationPaid',
      data: { donationId, amountCents, providerReference: `p-${donationId}`, paidAt: at },
    }) satisfies DonationEvent;
  const giveTo = async (
    donationId: string,
    walkerId: string,
    at: string,
    options: { anonymous?: boolean; name?: string; amountCents?: number } = {},
  ) => {
    await append(`donation-${donationId}`, [gift(donationId, { type: 'walker', id: walkerId }, options)], at);
    await append(`donation-${donationId}`, [paidAt(donationId, options.amountCents ?? 25_00, at)], at);
  };

  beforeEach(async () => {
    store = new MemoryEventStore(() => new Date(now));
    await append(
      'edition-e1',
      [
        {
          type: 'EditionCreated',
          data: {
            editionId: 'e1',
            name: 'Refugee Walk 2026',
            walkOn: '2026-05-10',
            routes: [],
            walkerMinimumCents: 0,
            createdAt: now,
            createdBy: 'admin',
          },
        },
      ],
      now,
    );
    await append('team-t1', story[0][1], now);
    await append(
      'walker-w1',
      [
        {
          ...walker('w1', 'captain', 'Anna', 'anna@x.be'),
          data: { ...walker('w1', 'captain', 'Anna', 'anna@x.be').data, registrationFeeCents: 15_00 },
        },
      ],
      now,
    );
    await append('walker-w2', [walker('w2', 'member', 'Jan', 'jan@x.be', 'fr')], now);
  });

  const mails = async (at: string) => undispatchedMail((await project(store)).db, 100, 0, new Date(at));

  it('makes the thank-you a receipt naming the beneficiary: a walker, a team, the edition for a gift to the walk', async () => {
    await giveTo('d1', 'w2', '2026-05-01T08:00:00.000Z');
    await append('donation-d2', [gift('d2', { type: 'team', id: 't1' }), paidAt('d2', 30_00, now)], now);
    await append(
      'donation-d3',
      [gift('d3', { type: 'edition', id: 'e1' }), paidAt('d3', 40_00, '2026-05-01T22:30:00.000Z')],
      now,
    );
    const thanks = (await mails(now)).filter((m) => m.kind === 'gift-thanks').map((m) => m.details);
    expect(thanks).toEqual([
      {
        donationId: 'd1',
        donorName: 'Marie',
        amountCents: 25_00,
        beneficiaryType: 'walker',
        beneficiaryId: 'w2',
        beneficiaryName: 'Jan',
        paidOn: '2026-05-01',
        reference: 'd1',
      },
      {
        donationId: 'd2',
        donorName: 'Marie',
        amountCents: 30_00,
        beneficiaryType: 'team',
        beneficiaryId: 't1',
        beneficiaryName: 'Stappers',
        paidOn: '2026-05-01',
        reference: 'd2',
      },
      // paid at half past midnight in Brussels: the Brussels day, not the UTC one
      {
        donationId: 'd3',
        donorName: 'Marie',
        amountCents: 40_00,
        beneficiaryType: 'edition',
        beneficiaryId: 'e1',
        beneficiaryName: 'Refugee Walk 2026',
        paidOn: '2026-05-02',
        reference: 'd3',
      },
    ]);
  });

  it('tells the sponsor what they pledged and when they will hear, and gives km, rate, cap and walker when due', async () => {
    await append(
      'pledge-p1',
      [
        {
          type: 'PledgeMade',
          data: {
            pledgeId: 'p1',
            editionId: 'e1',
            beneficiary: { type: 'walker', id: 'w2' },
            teamId: 't1',
            sponsor: { name: 'Sophie', email: 's@x.be' },
            kind: 'per_km',
            amountCents: 150,
            capCents: 25_00,
            language: 'fr',
            madeAt: now,
          },
        },
      ],
      now,
    );
    await append(
      'pledge-p1',
      [{ type: 'PledgeBecameDue', data: { pledgeId: 'p1', km: 21.5, dueCents: 25_00, at: now } }],
      now,
    );
    const [made, due] = (await mails(now)).filter((m) => m.recipient === 's@x.be');
    expect([made.kind, made.language, made.details]).toEqual([
      'pledge-made',
      'fr',
      {
        pledgeId: 'p1',
        sponsorName: 'Sophie',
        kind: 'per_km',
        amountCents: 150,
        capCents: 25_00,
        beneficiaryType: 'walker',
        beneficiaryId: 'w2',
        beneficiaryName: 'Jan',
        walkOn: '2026-05-10',
      },
    ]);
    expect([due.kind, due.details]).toEqual([
      'pledge-due',
      {
        pledgeId: 'p1',
        sponsorName: 'Sophie',
        dueCents: 25_00,
        km: 21.5,
        kind: 'per_km',
        amountCents: 150,
        capCents: 25_00,
        beneficiaryType: 'walker',
        beneficiaryId: 'w2',
        beneficiaryName: 'Jan',
      },
    ]);
  });

  it('puts the fee in the registration mail while it is owed, not once waived', async () => {
    expect((await mails(now)).find((m) => m.kind === 'team-registered')?.details.feeCents).toBe(15_00);
    await append(
      'walker-w1',
      [{ type: 'RegistrationFeeWaived', data: { walkerId: 'w1', waivedBy: 'org', reason: 'refugee', waivedAt: now } }],
      now,
    );
    expect((await mails(now)).find((m) => m.kind === 'team-registered')?.details.feeCents).toBe(0);
  });

  it('mails a walker whose fee is paid, and a donor whose monthly gift stopped, whoever stopped it', async () => {
    await append(
      'walker-w1',
      [
        {
          type: 'RegistrationFeePaid',
          data: { walkerId: 'w1', feeCents: 15_00, paymentReference: 'sandbox_fee-w1', paidAt: now },
        },
      ],
      now,
    );
    await append(
      'donation-m1',
      [gift('m1', { type: 'team', id: 't1' }, { frequency: 'monthly' }), paidAt('m1', 25_00, now)],
      now,
    );
    await append(
      'donation-m1',
      [{ type: 'MonthlyDonationCancelled', data: { donationId: 'm1', cancelledBy: 'provider', cancelledAt: now } }],
      now,
    );
    const all = await mails(now);
    expect(all.find((m) => m.kind === 'registration-fee-paid')).toMatchObject({
      recipient: 'anna@x.be',
      details: {
        walkerId: 'w1',
        walkerName: 'Anna',
        teamName: 'Stappers',
        feeCents: 15_00,
        paidOn: '2026-05-01',
        reference: 'sandbox_fee-w1',
      },
    });
    expect(all.find((m) => m.kind === 'monthly-gift-stopped')).toMatchObject({
      recipient: 'm1@x.be',
      details: {
        donationId: 'm1',
        amountCents: 25_00,
        beneficiaryType: 'team',
        beneficiaryId: 't1',
        beneficiaryName: 'Stappers',
        cancelledBy: 'provider',
      },
    });
    // the captain's registration mail carries the fee while it is owed (its pay link is made from it): paid
    // before the mail goes, it is not asked for any more
    expect(all.find((m) => m.kind === 'team-registered')?.details.feeCents).toBe(0);
  });

  it('gathers two gifts of one Brussels day in one digest, due when the day is over, names as the donors allowed', async () => {
    await giveTo('d1', 'w2', '2026-05-01T08:00:00.000Z', { name: 'Marie', amountCents: 25_00 });
    // 23:30 in Brussels (summer time): still the same day
    await giveTo('d2', 'w2', '2026-05-01T21:30:00.000Z', { anonymous: true, name: 'Secret', amountCents: 50_00 });
    // before the day is over: nothing to send yet
    expect((await mails('2026-05-01T21:59:59.000Z')).filter((m) => m.kind === 'gift-digest')).toEqual([]);
    const digests = (await mails('2026-05-01T22:00:00.000Z')).filter((m) => m.kind === 'gift-digest');
    expect(digests).toHaveLength(1);
    expect(digests[0]).toMatchObject({
      key: 'gift-digest:w2:2026-05-01',
      recipient: 'jan@x.be',
      language: 'fr',
      dueAt: '2026-05-01T22:00:00.000Z',
      details: {
        walkerId: 'w2',
        walkerName: 'Jan',
        day: '2026-05-01',
        gifts: [
          { donorName: 'Marie', amountCents: 25_00 },
          // anonymous stays anonymous: neither the name nor the amount, as on the supporters wall
          { donorName: null, amountCents: null },
        ],
      },
    });
    expect(JSON.stringify(digests[0])).not.toContain('Secret');
  });

  it('sends gifts of two days as two digests, and a later monthly charge joins its own day', async () => {
    await giveTo('d1', 'w2', '2026-05-01T08:00:00.000Z');
    // half past midnight in Brussels: the next day
    await giveTo('d2', 'w2', '2026-05-01T22:30:00.000Z', { name: 'Piet' });
    await append(
      'donation-m1',
      [gift('m1', { type: 'walker', id: 'w2' }, { frequency: 'monthly', name: 'Lena' }), paidAt('m1', 10_00, now)],
      now,
    );
    await append(
      'donation-m1',
      [
        {
          type: 'MonthlyChargePaid',
          data: {
            donationId: 'm1',
            chargeId: 'c2',
            amountCents: 10_00,
            providerReference: 'p',
            paidAt: '2026-06-01T08:00:00.000Z',
          },
        },
      ],
      '2026-06-01T08:00:00.000Z',
    );
    const digests = (await mails('2026-06-02T00:00:00.000Z')).filter((m) => m.kind === 'gift-digest');
    expect(digests.map((m) => [m.key, (m.details.gifts as { donorName: string }[]).map((g) => g.donorName)])).toEqual([
      ['gift-digest:w2:2026-05-01', ['Marie']],
      ['gift-digest:w2:2026-05-02', ['Piet', 'Lena']],
      ['gift-digest:w2:2026-06-01', ['Lena']],
    ]);
  });

  it('keeps a gift in the digest without the name of a donor who was erased', async () => {
    await giveTo('d1', 'w2', '2026-05-01T08:00:00.000Z', { name: 'Marie' });
    const db = await project(store);
    const donorKey = (
      db.db.prepare("SELECT donor_key FROM mail_donations WHERE donation_id = 'd1'").get() as { donor_key: string }
    ).donor_key;
    const handler = mailProjection.open(db.db);
    db.transaction(() =>
      handler.apply({
        id: 'erase',
        type: 'DonorErased',
        data: { donorId: donorKey },
        metadata: {},
        streamId: 'donor-x',
        revision: 0,
        position: 0n,
        recordedAt: now,
      } as RecordedEvent),
    );
    const [digest] = undispatchedMail(db.db, 100, 0, new Date('2026-05-02T00:00:00.000Z')).filter(
      (m) => m.kind === 'gift-digest',
    );
    expect(digest.details.gifts).toEqual([{ donorName: null, amountCents: 25_00 }]);
  });

  it('names an erased walker in no mail to others, and says which mails named them (their kept copies go)', async () => {
    await append(
      'walker-w3',
      [
        {
          ...walker('w3', 'member', 'Wendelien', 'wen@x.be'),
          data: { ...walker('w3', 'member', 'Wendelien', 'wen@x.be').data, personId: 'person-w' },
        },
      ],
      now,
    );
    await giveTo('d1', 'w3', '2026-05-01T08:00:00.000Z', { name: 'Dirk' });
    await giveTo('d2', 'w2', '2026-05-01T08:00:00.000Z', { name: 'Dirk' });
    const db = await project(store);
    const thanks = () => undispatchedMail(db.db, 100, 0, new Date(now)).find((m) => m.kind === 'gift-thanks');
    expect(thanks()?.details.beneficiaryName).toBe('Wendelien');
    const handler = mailProjection.open(db.db);
    db.transaction(() =>
      handler.apply({
        id: 'erase',
        type: 'DonorErased',
        data: { donorId: 'person-w' },
        metadata: {},
        streamId: 'donor-person-w',
        revision: 0,
        position: 0n,
        recordedAt: now,
      } as RecordedEvent),
    );
    // the thank-you to Dirk stays (it is his), without her name; its row never held it
    expect(thanks()).toMatchObject({ recipient: 'd1@x.be', details: { beneficiaryId: 'w3', beneficiaryName: '' } });
    expect(JSON.stringify(db.db.prepare('SELECT * FROM mail_to_send').all())).not.toContain('Wendelien');
    expect(mailKeysNaming(db.db, 'person-w')).toEqual([thanks()?.key]);
    // a donor named in a walker's digest: the digest is a mail that named them
    const dirk = (
      db.db.prepare("SELECT donor_key FROM mail_donations WHERE donation_id = 'd2'").get() as { donor_key: string }
    ).donor_key;
    expect(mailKeysNaming(db.db, dirk)).toEqual(['gift-digest:w2:2026-05-01']);
  });
});

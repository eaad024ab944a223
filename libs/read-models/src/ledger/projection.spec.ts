import { type MemoryEventStore, type RecordedEvent, UpcastingEventStore, upcastStream } from '@rw/event-store';
import { type DonationEvent, donationUpcasters, type WalkerEvent } from '@rw/fundraising';
import { allProjections } from '../projections';
import { projectStore, storeWithStory } from '../testing/story';
import { ProjectionRunner } from '../runner/projection-runner';
import { ReadModelDatabase } from '../runner/read-model-database';
import { brusselsDay, ledgerProjection, structuredCommunication } from './projection';
import { donorStatistics, giftsPerMonth, ledgerRows } from './queries';

type Fact = DonationEvent | WalkerEvent;

const created = (
  donationId: string,
  email: string,
  amountCents: number,
  extra: Partial<Extract<DonationEvent, { type: 'DonationCreated' }>['data']> = {},
) =>
  ({
    type: 'DonationCreated',
    data: {
      donationId,
      editionId: 'e1',
      beneficiary: { type: 'edition', id: 'e1' },
      amountCents,
      frequency: 'one_off',
      donor: { name: `Donor ${email}`, email },
      anonymous: false,
      provider: 'sandbox',
      createdAt: '2026-05-01T10:00:00.000Z',
      ...extra,
    },
  }) satisfies DonationEvent;
const paid = (donationId: string, amountCents: number, paidAt: string) =>
  ({
    type: 'DonationPaid',
    data: { donationId, amountCents, providerReference: `p-${donationId}`, paidAt },
  }) satisfies DonationEvent;
const charge = (donationId: string, chargeId: string, amountCents: number, paidAt: string) =>
  ({
    type: 'MonthlyChargePaid',
    data: { donationId, chargeId, amountCents, providerReference: chargeId, paidAt },
  }) satisfies DonationEvent;
const fee = (donationId: string, feeCents: number, recordedAt: string) =>
  ({
    type: 'ProviderFeeRecorded',
    data: { donationId, providerPaymentId: `p-${donationId}`, feeCents, recordedAt },
  }) satisfies DonationEvent;

/** Hand-checkable: dates near midnight show the Brussels day, not the UTC one. */
const story: [string, Fact[]][] = [
  [
    'donation-d1',
    [
      created('d1', 'a@x.be', 2500),
      // 23:30 UTC on 31 May is 1 June in Brussels (summer time, UTC+2)
      paid('d1', 2500, '2026-05-31T23:30:00.000Z'),
      fee('d1', 39, '2026-06-02T08:00:00.000Z'),
      fee('d1', 44, '2026-06-03T08:00:00.000Z'),
      {
        type: 'DonationRefunded',
        data: { donationId: 'd1', refundId: 'r1', amountCents: 1000, refundedAt: '2026-06-05T09:00:00.000Z' },
      },
    ],
  ],
  [
    'donation-d2',
    [
      created('d2', 'b@x.be', 1000, { frequency: 'monthly' }),
      paid('d2', 1000, '2026-06-01T10:00:00.000Z'),
      charge('d2', 'm2', 1000, '2026-07-01T10:00:00.000Z'),
      {
        type: 'MonthlyDonationCancelled',
        data: { donationId: 'd2', cancelledBy: 'donor', cancelledAt: '2026-07-10T10:00:00.000Z' },
      },
      {
        type: 'MonthlyChargePaidAfterCancellation',
        data: {
          donationId: 'd2',
          chargeId: 'm3',
          amountCents: 1000,
          providerReference: 'm3',
          paidAt: '2026-08-01T10:00:00.000Z',
        },
      },
    ],
  ],
  [
    'donation-d3',
    [
      created('d3', 'c@x.be', 5000, {
        provider: 'offline',
        recordedOffline: {
          by: 'acc1',
          method: 'bank_transfer',
          receivedOn: '2026-06-03',
          reference: '+++090/9337/55493+++',
        },
        createdAt: '2026-06-20T10:00:00.000Z',
      }),
      {
        ...paid('d3', 5000, '2026-06-20T10:00:00.000Z'),
        data: {
          ...paid('d3', 5000, '').data,
          providerReference: '+++090/9337/55493+++',
          paidAt: '2026-06-20T10:00:00.000Z',
        },
      },
    ],
  ],
  [
    'donation-d4',
    [
      created('d4', 'a@x.be', 4000),
      paid('d4', 4000, '2026-06-10T10:00:00.000Z'),
      {
        type: 'DonationChargedBack',
        data: { donationId: 'd4', chargebackId: 'cb1', amountCents: 4000, chargedBackAt: '2026-06-12T10:00:00.000Z' },
      },
    ],
  ],
  ['donation-d5', [created('d5', 'z@x.be', 700)]],
  [
    'donation-d6',
    [
      created('d6', 'i@x.be', 1234, {
        provider: 'import',
        recordedOffline: { by: 'acc1', method: 'bank_transfer', receivedOn: '2026-06-04', reference: 'line 7' },
        createdAt: '2026-06-30T10:00:00.000Z',
      }),
      paid('d6', 1234, '2026-06-30T10:00:00.000Z'),
    ],
  ],
  [
    'walker-w1',
    [
      {
        type: 'WalkerRegistered',
        data: {
          walkerId: 'w1',
          teamId: 't1',
          editionId: 'e1',
          routeId: 'r1',
          name: 'Wanda',
          email: 'w@x.be',
          slug: 'wanda',
          role: 'captain',
          targetCents: 0,
          story: '',
          registrationFeeCents: 1500,
          registeredAt: '2026-06-01T10:00:00.000Z',
        },
      },
      {
        type: 'RegistrationFeePaid',
        data: { walkerId: 'w1', feeCents: 1500, paymentReference: 'fee-ref', paidAt: '2026-06-01T11:00:00.000Z' },
      },
    ],
  ],
];

const project = (store: MemoryEventStore) => projectStore(store, allProjections, 4);

const summary = (db: ReadModelDatabase) =>
  [...ledgerRows(db.db, '2026-01-01', '2026-12-31')].map(
    (r) =>
      `${r.effectiveOn} ${r.kind} ${r.donationId ?? '-'} ${r.grossCents}/${r.feeCents}/${r.netCents} ${r.donorEmail ?? '-'}`,
  );

describe('ledger projection', () => {
  let store: MemoryEventStore;
  beforeEach(async () => {
    store = await storeWithStory(story);
  });

  it('books one row per money movement on the Brussels day the money moved, a corrected fee as its difference', async () => {
    const db = await project(store);
    expect(summary(db)).toEqual([
      '2026-06-01 gift_paid d1 2500/0/2500 a@x.be',
      '2026-06-01 gift_paid d2 1000/0/1000 b@x.be',
      '2026-06-01 registration_fee - 1500/0/1500 -',
      '2026-06-02 provider_fee d1 0/39/-39 a@x.be',
      '2026-06-03 offline_gift d3 5000/0/5000 c@x.be',
      '2026-06-03 provider_fee d1 0/5/-5 a@x.be',
      '2026-06-04 imported_gift d6 1234/0/1234 i@x.be',
      '2026-06-05 refund d1 -1000/0/-1000 a@x.be',
      '2026-06-10 gift_paid d4 4000/0/4000 a@x.be',
      '2026-06-12 chargeback d4 -4000/0/-4000 a@x.be',
      '2026-07-01 monthly_charge d2 1000/0/1000 b@x.be',
      '2026-08-01 monthly_charge_after_cancellation d2 1000/0/1000 b@x.be',
    ]);
    const offline = [...ledgerRows(db.db, '2026-06-03', '2026-06-03')].find((r) => r.kind === 'offline_gift');
    expect(offline).toMatchObject({ communication: '+++090/9337/55493+++', effectiveAt: null, editionName: null });
    const fee = [...ledgerRows(db.db, '2026-06-01', '2026-06-01')].find((r) => r.kind === 'registration_fee');
    expect(fee).toMatchObject({ beneficiaryType: 'walker', beneficiaryName: 'Wanda', donorName: null });
  });

  it('books events stored before money events said what they count for as those written today', async () => {
    // the story is stored as it was written before; the same story as the decider writes it now gives the same rows
    const current = await storeWithStory(
      story.map(([stream, events]) => [stream, upcastStream(events, donationUpcasters)]),
    );
    expect((await current.readStream('donation-d1'))[1]?.data).toHaveProperty('gift.editionId', 'e1');
    expect(summary(await project(current))).toEqual(summary(await project(store)));
  });

  it('rebuilds a ledger from version 4: its copy of every gift is dropped', async () => {
    const old = new ReadModelDatabase(':memory:');
    old.db.exec(`
      CREATE TABLE ledger_donations (donation_id TEXT PRIMARY KEY, edition_id TEXT NOT NULL);
      INSERT INTO projection_checkpoints (name, version, position) VALUES ('ledger', 4, 5);
    `);
    new ProjectionRunner(store, old, [ledgerProjection]);
    expect(
      old.db
        .prepare("SELECT name FROM sqlite_master WHERE name LIKE 'ledger_%donor%' OR name = 'ledger_donations'")
        .all(),
    ).toEqual([{ name: 'ledger_gift_donors' }]);
    expect(old.db.prepare("SELECT version, position FROM projection_checkpoints WHERE name = 'ledger'").get()).toEqual({
      version: 6,
      position: null,
    });
  });

  it('books what a donor added to cover the fees apart, as part of the gross; a ledger of version 5 gains it', async () => {
    const covering = await storeWithStory([
      [
        'donation-c1',
        [
          created('c1', 'c@x.be', 25_39, { coverFeesCents: 39 }),
          { type: 'DonationPaid', data: { ...paid('c1', 25_39, '2026-06-20T10:00:00.000Z').data, coverFeesCents: 39 } },
        ],
      ],
      ['donation-c2', [created('c2', 'd@x.be', 10_00), paid('c2', 10_00, '2026-06-20T11:00:00.000Z')]],
    ]);
    const old = new ReadModelDatabase(':memory:');
    old.db.exec(`
      CREATE TABLE ledger_movements (movement_id TEXT PRIMARY KEY, effective_on TEXT NOT NULL, effective_at TEXT,
        kind TEXT NOT NULL, donation_id TEXT, frequency TEXT, provider TEXT, provider_reference TEXT,
        gross_cents INTEGER NOT NULL, fee_cents INTEGER NOT NULL, net_cents INTEGER NOT NULL, donor_key TEXT,
        beneficiary_type TEXT NOT NULL, beneficiary_id TEXT NOT NULL, edition_id TEXT NOT NULL, communication TEXT);
      INSERT INTO projection_checkpoints (name, version, position) VALUES ('ledger', 5, 5);
    `);
    const runner = new ProjectionRunner(new UpcastingEventStore(covering, donationUpcasters), old, allProjections);
    runner.start();
    await runner.catchUp();
    await runner.stop();
    const rows = [...ledgerRows(old.db, '2026-06-20', '2026-06-20')];
    expect(rows.map((r) => [r.donationId, r.grossCents, r.netCents, r.coveredFeesCents])).toEqual([
      ['c1', 25_39, 25_39, 39],
      ['c2', 10_00, 10_00, 0],
    ]);
  });

  it('books a bank transfer on the value date of the line that paid it: a day, no time', async () => {
    const transfer = await storeWithStory([
      [
        'donation-t1',
        [
          created('t1', 't@x.be', 3500, { provider: 'bank_transfer' }),
          {
            type: 'DonationPaid',
            data: { ...paid('t1', 3500, '2026-03-05T00:00:00.000Z').data, paidOn: '2026-03-05' },
          },
        ],
      ],
      // recorded before paidOn existed: dated at midnight UTC of the value date
      [
        'donation-t2',
        [created('t2', 'u@x.be', 1500, { provider: 'bank_transfer' }), paid('t2', 1500, '2026-03-06T00:00:00.000Z')],
      ],
      // any other payment at midnight UTC keeps its instant (01:00 in Brussels)
      ['donation-t3', [created('t3', 'v@x.be', 1000), paid('t3', 1000, '2026-03-06T00:00:00.000Z')]],
    ]);
    const db = await project(transfer);
    expect(
      [...ledgerRows(db.db, '2026-03-01', '2026-03-31')].map((r) => [r.donationId, r.effectiveOn, r.effectiveAt]),
    ).toEqual([
      ['t1', '2026-03-05', null],
      ['t2', '2026-03-06', null],
      ['t3', '2026-03-06', '2026-03-06T00:00:00.000Z'],
    ]);
  });

  it('selects movements by Brussels days, both ends included', async () => {
    const db = await project(store);
    expect([...ledgerRows(db.db, '2026-05-31', '2026-05-31')]).toEqual([]);
    expect([...ledgerRows(db.db, '2026-06-05', '2026-06-10')].map((r) => r.kind)).toEqual(['refund', 'gift_paid']);
  });

  it('gives the same rows when the same events are applied twice (a replay after a crash)', async () => {
    const db = await project(store);
    const dump = () =>
      ['ledger_gift_donors', 'ledger_walkers', 'ledger_fees', 'ledger_movements'].map((t) =>
        db.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all(),
      );
    const before = dump();
    const recorded: RecordedEvent[] = [];
    for await (const event of new UpcastingEventStore(store, donationUpcasters).readAll()) recorded.push(event);
    const handler = ledgerProjection.open(db.db);
    db.transaction(() => {
      for (const event of recorded) handler.apply(event);
    });
    expect(dump()).toEqual(before);
  });

  it('counts donors, gifts and the average per DESIGN.md, without fees or registration fees', async () => {
    const db = await project(store);
    // one-off: d1 25.00, d3 50.00, d4 40.00 (paid, then charged back), d6 12.34 from a@, c@ and i@:
    // 127.34 / 4 = 31.835 → 31.84; monthly: 3 × 10.00 from b@
    expect(donorStatistics(db.db, 2026)).toEqual({
      year: 2026,
      oneOff: { donors: 3, gifts: 4, averageGiftCents: 3184 },
      monthly: { donors: 1, gifts: 3, averageGiftCents: 1000 },
    });
    expect(donorStatistics(db.db, 2025)).toEqual({
      year: 2025,
      oneOff: { donors: 0, gifts: 0, averageGiftCents: 0 },
      monthly: { donors: 0, gifts: 0, averageGiftCents: 0 },
    });
  });

  it('counts the same gifts per Brussels month, a month without gifts included', async () => {
    const db = await project(store);
    const months = giftsPerMonth(db.db, 2026);
    expect(months).toHaveLength(12);
    // June: d1 (paid 23:30 UTC on 31 May, 1 June in Brussels), d2's first payment, d3 and d6 offline, d4
    expect(months.filter((m) => m.gifts > 0)).toEqual([
      { month: 6, gifts: 5, sumCents: 2500 + 1000 + 5000 + 4000 + 1234 },
      { month: 7, gifts: 1, sumCents: 1000 },
      { month: 8, gifts: 1, sumCents: 1000 },
    ]);
    expect(months[0]).toEqual({ month: 1, gifts: 0, sumCents: 0 });
    const stats = donorStatistics(db.db, 2026);
    expect(months.reduce((sum, m) => sum + m.gifts, 0)).toBe(stats.oneOff.gifts + stats.monthly.gifts);
  });

  it('reports the charity’s published year: 14,298 one-off donors at 54.47 EUR, 5,164 monthly donors at 13.87 EUR', () => {
    const db = new ReadModelDatabase(':memory:');
    const handlers = allProjections.map((p) => p.open(db.db));
    let position = 0;
    // each gift's events as the decider writes them today: its money events say what they count for
    const applyGift = (...events: Fact[]) => {
      for (const event of upcastStream(events, donationUpcasters)) apply(event);
    };
    const apply = (event: Fact) => {
      position += 1;
      const recorded = {
        ...event,
        id: `g${position}`,
        metadata: {},
        streamId: 's',
        revision: 0,
        position: BigInt(position),
        recordedAt: '',
      };
      for (const handler of handlers) handler.apply(recorded as unknown as RecordedEvent);
    };
    const day = (i: number) =>
      `2023-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}T12:00:00.000Z`;
    db.transaction(() => {
      // pairs of gifts 54.47 ± k keep the sum exact; every seventh donor gives three times
      let gift = 0;
      for (let donor = 0; donor < 14_298; donor++) {
        const times = donor % 7 === 0 ? 3 : 1;
        for (let t = 0; t < times; t++, gift++) {
          const amountCents = 5447 + (gift % 2 === 0 ? (gift % 500) + 1 : -((gift - 1) % 500) - 1);
          const id = `o${gift}`;
          applyGift(
            created(id, `one${donor}@x.be`, amountCents, { createdAt: day(gift) }),
            paid(id, amountCents, day(gift)),
          );
        }
      }
      if (gift % 2 === 1) throw new Error('the generator needs pairs');
      // monthly donors: first payment plus two to four charges, amounts 13.87 ± k in pairs per donor
      for (let donor = 0; donor < 5_164; donor++) {
        const id = `m${donor}`;
        const amountCents = 1387 + (donor % 2 === 0 ? (donor % 300) + 1 : -((donor - 1) % 300) - 1);
        applyGift(
          created(id, `monthly${donor}@x.be`, amountCents, { frequency: 'monthly', createdAt: day(donor) }),
          paid(id, amountCents, '2023-01-15T12:00:00.000Z'),
          ...[2, 3, 4].map((month) => charge(id, `${id}-${month}`, amountCents, `2023-0${month}-15T12:00:00.000Z`)),
        );
      }
      // a gift of 2022 changes nothing
      applyGift(
        created('old', 'one1@x.be', 99_999, { createdAt: '2022-12-31T10:00:00.000Z' }),
        paid('old', 99_999, '2022-12-31T10:00:00.000Z'),
      );
    });
    const stats = donorStatistics(db.db, 2023);
    expect(stats.oneOff.donors).toBe(14_298);
    expect(stats.oneOff.averageGiftCents).toBe(5447);
    expect(stats.monthly).toEqual({ donors: 5_164, gifts: 5_164 * 4, averageGiftCents: 1387 });
    expect(stats.oneOff.gifts).toBe(14_298 + 2 * Math.ceil(14_298 / 7));
  });
});

describe('ledger helpers', () => {
  it('takes the Brussels day of an instant, summer and winter time', () => {
    expect(brusselsDay('2026-05-31T22:00:00.000Z')).toBe('2026-06-01');
    expect(brusselsDay('2026-01-31T22:59:59.000Z')).toBe('2026-01-31');
    expect(brusselsDay('2026-01-31T23:00:00.000Z')).toBe('2026-02-01');
  });

  it('keeps a reference as structured communication only when its check digits are right', () => {
    expect(structuredCommunication('+++090/9337/55493+++')).toBe('+++090/9337/55493+++');
    expect(structuredCommunication('+++090/9337/55494+++')).toBeNull();
    expect(structuredCommunication('invoice 12')).toBeNull();
    expect(structuredCommunication(undefined)).toBeNull();
  });
});

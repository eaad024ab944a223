import {
  DonorKeyStore,
  type EventStore,
  MemoryEventStore,
  type NewEvent,
  PersonalDataVault,
  type RecordedEvent,
  UpcastingEventStore,
  upcastStream,
} from '@rw/event-store';
import { type DonationEvent, donationUpcasters } from '@rw/fundraising';
import { ProjectionRunner } from '../runner/projection-runner';
import { ReadModelDatabase } from '../runner/read-model-database';
import { applyStoryAgain, projectStore, storeWithStory } from '../testing/story';
import { giftsProjection } from './projection';
import { raised, supportersOf } from './queries';

const created = (donationId: string, email: string, walkerId: string | null, amountCents: number, anonymous = false) =>
  ({
    type: 'DonationCreated',
    data: {
      donationId,
      editionId: 'e1',
      beneficiary: walkerId ? { type: 'walker', id: walkerId } : { type: 'team', id: 't1' },
      teamId: 't1',
      ...(walkerId ? { walkerId } : {}),
      amountCents,
      frequency: 'one_off',
      donor: { name: `Donor ${email}`, email },
      message: 'Hup!',
      anonymous,
      provider: 'sandbox',
      createdAt: '2026-05-01T10:00:00.000Z',
    },
  }) satisfies DonationEvent;
const paid = (donationId: string, amountCents: number, paidAt = '2026-05-01T10:05:00.000Z') =>
  ({
    type: 'DonationPaid',
    data: { donationId, amountCents, providerReference: `p-${donationId}`, paidAt },
  }) satisfies DonationEvent;

/** The hand-checkable story: 25.00 with 10.00 refunded, 40.00 charged back, a monthly donor with three charges. */
const story: [string, DonationEvent[]][] = [
  [
    'donation-d1',
    [
      created('d1', 'a@x.be', 'w1', 2500),
      paid('d1', 2500),
      {
        type: 'DonationRefunded',
        data: { donationId: 'd1', refundId: 'r1', amountCents: 1000, refundedAt: '2026-05-02T00:00:00.000Z' },
      },
    ],
  ],
  [
    'donation-d2',
    [
      created('d2', 'b@x.be', 'w2', 4000),
      paid('d2', 4000),
      {
        type: 'DonationChargedBack',
        data: { donationId: 'd2', chargebackId: 'c1', amountCents: 4000, chargedBackAt: '2026-05-03T00:00:00.000Z' },
      },
    ],
  ],
  [
    'donation-d3',
    [
      {
        ...created('d3', 'C@X.be', 'w1', 1000, true),
        data: { ...created('d3', 'c@x.be', 'w1', 1000, true).data, frequency: 'monthly' },
      },
      paid('d3', 1000, '2026-06-01T00:00:00.000Z'),
      {
        type: 'MonthlyChargePaid',
        data: {
          donationId: 'd3',
          chargeId: 'm2',
          amountCents: 1000,
          providerReference: 'm2',
          paidAt: '2026-07-01T00:00:00.000Z',
        },
      },
      {
        type: 'MonthlyChargePaid',
        data: {
          donationId: 'd3',
          chargeId: 'm3',
          amountCents: 1000,
          providerReference: 'm3',
          paidAt: '2026-08-01T00:00:00.000Z',
        },
      },
    ],
  ],
  ['donation-d4', [created('d4', 'a@x.be', null, 700)]],
];

const project = (store: EventStore) => projectStore(store, [giftsProjection], 3);

describe('gifts projection', () => {
  let store: MemoryEventStore;
  beforeEach(async () => {
    store = await storeWithStory(story);
  });

  it('takes refunds and charge-backs off, counts each monthly charge, and counts a donor once', async () => {
    const db = await project(store);
    // w1: 25.00 − 10.00 + 3 × 10.00 = 45.00 from two donors; w2: 40.00 − 40.00
    expect(raised(db.db, 'walker', 'w1')).toEqual({ raisedCents: 4500, donorCount: 2 });
    expect(raised(db.db, 'walker', 'w2')).toEqual({ raisedCents: 0, donorCount: 1 });
    // the team: its walkers' gifts; the pending team gift does not count
    expect(raised(db.db, 'team', 't1')).toEqual({ raisedCents: 4500, donorCount: 3 });
    expect(raised(db.db, 'edition', 'e1')).toEqual({ raisedCents: 4500, donorCount: 3 });
    expect(raised(db.db, 'walker', 'nobody')).toEqual({ raisedCents: 0, donorCount: 0 });
  });

  it('lists a walker’s supporters newest first, anonymous without name or amount', async () => {
    const db = await project(store);
    expect(supportersOf(db.db, 'w1')).toEqual([
      { name: 'anonymous', message: 'Hup!', at: '2026-06-01T00:00:00.000Z' },
      { name: 'Donor a@x.be', message: 'Hup!', amountCents: 2500, at: '2026-05-01T10:05:00.000Z' },
    ]);
  });

  it('keeps one row per donor: the latest name, and an address or national number once given', async () => {
    await store.append(
      'donation-d5',
      [
        {
          ...created('d5', 'a@x.be', 'w1', 1500),
          data: {
            ...created('d5', 'a@x.be', 'w1', 1500).data,
            donor: {
              name: 'Ada Peeters',
              email: 'a@x.be',
              address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
              nationalNumber: '85073003328',
            },
            createdAt: '2026-05-05T00:00:00.000Z',
          },
        },
      ] as NewEvent[],
      'no_stream',
    );
    await store.append('donation-d6', [created('d6', 'A@x.be', 'w2', 1200)] as NewEvent[], 'no_stream');
    const db = await project(store);
    const rows = db.db.prepare('SELECT * FROM donors ORDER BY email').all();
    expect(rows).toEqual([
      expect.objectContaining({
        email: 'a@x.be',
        name: 'Donor A@x.be',
        street: 'Kerkstraat 1',
        postal_code: '9000',
        city: 'Gent',
        country: 'BE',
        national_number: '85073003328',
      }),
      expect.objectContaining({ email: 'b@x.be', name: 'Donor b@x.be', street: null, national_number: null }),
      expect.objectContaining({ email: 'c@x.be' }),
    ]);
  });

  it('counts events stored before money events said what they count for as those written today', async () => {
    const current = await storeWithStory(
      story.map(([stream, events]) => [stream, upcastStream(events, donationUpcasters)]),
    );
    const dump = (db: ReadModelDatabase) =>
      ['donations', 'gifts', 'raised_totals', 'raised_donors'].map((t) =>
        db.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all(),
      );
    const fromToday = dump(await project(current));
    expect(fromToday[1]).toHaveLength(7);
    expect(dump(await project(store))).toEqual(fromToday);
  });

  it('rebuilds a read model from version 7, whose donors table had no surname: the old table is dropped', async () => {
    const old = new ReadModelDatabase(':memory:');
    old.db.exec(`
      CREATE TABLE donors (donor_key TEXT PRIMARY KEY, name TEXT NOT NULL, email TEXT NOT NULL, street TEXT,
        postal_code TEXT, city TEXT, country TEXT, national_number TEXT, updated_at TEXT NOT NULL);
      INSERT INTO donors VALUES ('k', 'Old', 'old@x.be', NULL, NULL, NULL, NULL, NULL, '2026-01-01');
      INSERT INTO projection_checkpoints (name, version, position) VALUES ('gifts', 7, 5);
    `);
    new ProjectionRunner(store, old, [giftsProjection]);
    const columns = old.db.prepare("SELECT name FROM pragma_table_info('donors')").all() as { name: string }[];
    expect(columns.map((c) => c.name)).toEqual(expect.arrayContaining(['surname', 'first_names']));
    expect(old.db.prepare('SELECT COUNT(*) AS n FROM donors').get()).toEqual({ n: 0 });
    expect(old.db.prepare("SELECT version, position FROM projection_checkpoints WHERE name = 'gifts'").get()).toEqual({
      version: 8,
      position: null,
    });
  });

  it('gives the same rows when the same events are applied twice (a replay after a crash)', async () => {
    const once = await project(store);
    const dump = (db: ReadModelDatabase) =>
      ['donations', 'gifts', 'raised_totals', 'raised_donors'].map((t) =>
        db.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all(),
      );
    const before = dump(once);
    applyStoryAgain(once, giftsProjection, story);
    expect(dump(once)).toEqual(before);
  });

  describe('erasure of a donor', () => {
    const dump = (db: ReadModelDatabase) =>
      ['donations', 'donors', 'gifts', 'raised_totals', 'raised_donors'].map((t) =>
        db.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all(),
      );
    async function erasedStory() {
      // as the platform stacks it: the vault over a store that reads old events in their current shape
      const vault = new PersonalDataVault(
        new UpcastingEventStore(new MemoryEventStore(), donationUpcasters),
        new DonorKeyStore(':memory:', 'x'.repeat(32)),
      );
      for (const [stream, events] of story) await vault.append(stream, events as NewEvent[], 'no_stream');
      const live = new ReadModelDatabase(':memory:');
      const runner = new ProjectionRunner(vault, live, [giftsProjection]);
      runner.start();
      await runner.catchUp();
      const totalsBefore = dump(live)[3];
      const donorId = (await vault.donorIdOf('a@x.be')) as string;
      await vault.append(
        `donor-${donorId}`,
        [{ type: 'DonorErased', data: { donorId, erasedAt: '2026-09-01T00:00:00.000Z', by: 'acc-f' } }],
        'no_stream',
      );
      await vault.eraseDonor(donorId);
      await runner.catchUp();
      await runner.stop();
      return { vault, live, totalsBefore, donorId };
    }

    it('blanks the donor’s name and drops their row, and keeps every amount and donor count', async () => {
      const { live, totalsBefore, donorId } = await erasedStory();
      expect(dump(live)[3]).toEqual(totalsBefore);
      expect(raised(live.db, 'edition', 'e1')).toEqual({ raisedCents: 4500, donorCount: 3 });
      expect(live.db.prepare('SELECT email FROM donors ORDER BY email').all()).toEqual([
        { email: 'b@x.be' },
        { email: 'c@x.be' },
      ]);
      expect(live.db.prepare('SELECT donation_id, donor_name FROM donations WHERE donor_key = ?').all(donorId)).toEqual(
        [
          { donation_id: 'd1', donor_name: '' },
          { donation_id: 'd4', donor_name: '' },
        ],
      );
      expect(supportersOf(live.db, 'w1')).toEqual([
        { name: 'anonymous', message: 'Hup!', at: '2026-06-01T00:00:00.000Z' },
        { name: 'anonymous', message: 'Hup!', amountCents: 2500, at: '2026-05-01T10:05:00.000Z' },
      ]);
    });

    it('rebuilds to the same rows after the erasure, also when every event is applied twice', async () => {
      const { vault, live } = await erasedStory();
      const rebuilt = await project(vault);
      expect(dump(rebuilt)).toEqual(dump(live));
      const handler = giftsProjection.open(rebuilt.db);
      const events: RecordedEvent[] = [];
      for await (const e of vault.readAll()) events.push(e);
      rebuilt.transaction(() => {
        for (const e of events) handler.apply(e);
      });
      expect(dump(rebuilt)).toEqual(dump(live));
    });
  });
});

import type { MemoryEventStore } from '@rw/event-store';
import type { DonationEvent } from '@rw/fundraising';
import { giftsProjection } from '../gifts/projection';
import { applyStoryAgain, projectStore, storeWithStory } from '../testing/story';
import { qualifyingGiftsOf } from './queries';

const donor = (name: string) => ({
  name,
  email: `${name.toLowerCase()}@x.be`,
  address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
  nationalNumber: '85073003328',
});
const created = (donationId: string, name: string, amountCents: number, extra: Partial<DonationEvent['data']> = {}) =>
  ({
    type: 'DonationCreated',
    data: {
      donationId,
      editionId: 'e1',
      beneficiary: { type: 'edition', id: 'e1' },
      amountCents,
      frequency: 'one_off',
      donor: donor(name),
      anonymous: false,
      provider: 'sandbox',
      createdAt: '2024-05-01T10:00:00.000Z',
      ...extra,
    },
  }) as DonationEvent;
const paid = (donationId: string, amountCents: number, paidAt: string) =>
  ({ type: 'DonationPaid', data: { donationId, amountCents, providerReference: `p-${donationId}`, paidAt } }) as const;
const charge = (donationId: string, chargeId: string, paidAt: string) =>
  ({
    type: 'MonthlyChargePaid',
    data: { donationId, chargeId, amountCents: 1500, providerReference: chargeId, paidAt },
  }) as const;
const offline = (collective: boolean, receivedOn: string) => ({
  provider: 'offline',
  recordedOffline: { by: 'org', method: 'cash' as const, receivedOn, ...(collective ? { collective } : {}) },
});

/**
 * Ann: 50.00 online − 20.00 refunded in 2025 (counts for 2024) + 25.00 offline received on 2024-12-31 (recorded
 * 2025) = 55.00. Bob: monthly 15.00 × 3 in 2024 (one charge on 31 Dec 23:30 UTC is 1 January in Brussels) =
 * 30.00 + 300.00 collective cash (not counted) = 30.00 → under 40.00. Cleo: 39.99. Dirk: 40.00 in 2023 only.
 */
const story: [string, DonationEvent[]][] = [
  [
    'donation-a1',
    [
      created('a1', 'Ann', 5000),
      paid('a1', 5000, '2024-05-01T10:05:00.000Z'),
      {
        type: 'DonationRefunded',
        data: { donationId: 'a1', refundId: 'r1', amountCents: 2000, refundedAt: '2025-01-10T00:00:00.000Z' },
      },
    ],
  ],
  [
    'donation-a2',
    [created('a2', 'Ann', 2500, offline(false, '2024-12-31')), paid('a2', 2500, '2025-01-02T09:00:00.000Z')],
  ],
  [
    'donation-b1',
    [
      created('b1', 'Bob', 1500, { frequency: 'monthly' }),
      paid('b1', 1500, '2024-10-01T00:00:00.000Z'),
      charge('b1', 'm2', '2024-11-01T00:00:00.000Z'),
      charge('b1', 'm3', '2024-12-31T23:30:00.000Z'),
    ],
  ],
  [
    'donation-b2',
    [created('b2', 'Bob', 30_000, offline(true, '2024-06-01')), paid('b2', 30_000, '2024-06-01T12:00:00.000Z')],
  ],
  ['donation-c1', [created('c1', 'Cleo', 3999), paid('c1', 3999, '2024-03-01T00:00:00.000Z')]],
  ['donation-d1', [created('d1', 'Dirk', 4000), paid('d1', 4000, '2023-03-01T00:00:00.000Z')]],
];

const project = (store: MemoryEventStore) => projectStore(store, [giftsProjection], 4);

describe('qualifying gifts for tax certificates', () => {
  let store: MemoryEventStore;
  beforeEach(async () => {
    store = await storeWithStory(story);
  });

  it('sums a donor’s paid gifts of the year minus their refunds, without collective cash', async () => {
    const db = await project(store);
    expect(qualifyingGiftsOf(db.db, 2024, 0)).toEqual([
      {
        donorKey: expect.any(String),
        name: 'Ann',
        email: 'ann@x.be',
        address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
        nationalNumber: '85073003328',
        amountCents: 5500,
      },
      expect.objectContaining({ name: 'Bob', amountCents: 3000 }),
      expect.objectContaining({ name: 'Cleo', amountCents: 3999 }),
    ]);
  });

  it('keeps only donors at 40.00 EUR or more, and a year’s gifts in that year', async () => {
    const db = await project(store);
    expect(qualifyingGiftsOf(db.db, 2024, 4000).map((d) => [d.name, d.amountCents])).toEqual([['Ann', 5500]]);
    expect(qualifyingGiftsOf(db.db, 2023, 4000).map((d) => [d.name, d.amountCents])).toEqual([['Dirk', 4000]]);
    expect(qualifyingGiftsOf(db.db, 2025, 0).map((d) => [d.name, d.amountCents])).toEqual([['Bob', 1500]]);
  });

  it('leaves out gifts recorded without an address: each is its own donor, never certified', async () => {
    const jar = (donationId: string, name: string) => [
      created(donationId, name, 6000, { donor: { name, email: '' }, ...offline(false, '2024-07-01') }),
      paid(donationId, 6000, '2024-07-01T12:00:00.000Z'),
    ];
    const withJars = await storeWithStory([
      ...story,
      ['donation-j1', jar('j1', 'Collectebus bakkerij')],
      ['donation-j2', jar('j2', 'Collectebus kerk')],
    ]);
    const db = await project(withJars);
    expect(qualifyingGiftsOf(db.db, 2024, 0).map((d) => d.name)).toEqual(['Ann', 'Bob', 'Cleo']);
    // two jars, two donors, each with the name typed for it
    const rows = db.db
      .prepare("SELECT donor_name AS name, donor_key AS key FROM donations WHERE donation_id IN ('j1', 'j2')")
      .all() as { name: string; key: string }[];
    expect(rows.map((r) => r.name).sort()).toEqual(['Collectebus bakkerij', 'Collectebus kerk']);
    expect(new Set(rows.map((r) => r.key)).size).toBe(2);
  });

  it('gives the same amounts when the same events are applied twice (a replay after a crash)', async () => {
    const db = await project(store);
    const before = qualifyingGiftsOf(db.db, 2024, 0);
    applyStoryAgain(db, giftsProjection, story);
    expect(qualifyingGiftsOf(db.db, 2024, 0)).toEqual(before);
  });

  it('gives the surname and first names given apart, kept while the name stays the same', async () => {
    const apart = { name: 'Eva Van den Bossche', surname: 'Van den Bossche', firstNames: 'Eva Marie' };
    const eva = (donationId: string, donorName: object, at: string) => [
      created(donationId, 'Eva', 5000, {
        donor: { ...donor('Eva'), ...donorName },
        createdAt: at,
      }),
      paid(donationId, 5000, at),
    ];
    const withEva = await storeWithStory([
      ...story,
      ['donation-e1', eva('e1', apart, '2024-04-01T10:00:00.000Z')],
      // a later gift with the same name only keeps the split; another name drops it (it would be stale)
      ['donation-e2', eva('e2', { name: 'Eva Van den Bossche' }, '2024-05-01T10:00:00.000Z')],
    ]);
    const db = await project(withEva);
    expect(qualifyingGiftsOf(db.db, 2024, 4000).find((d) => d.email === 'eva@x.be')).toMatchObject({
      name: 'Eva Van den Bossche',
      surname: 'Van den Bossche',
      firstNames: 'Eva Marie',
      amountCents: 10_000,
    });
    const renamed = await storeWithStory([
      ...story,
      ['donation-e1', eva('e1', apart, '2024-04-01T10:00:00.000Z')],
      ['donation-e3', eva('e3', { name: 'Eva Peeters' }, '2024-06-01T10:00:00.000Z')],
    ]);
    const after = qualifyingGiftsOf((await project(renamed)).db, 2024, 4000).find((d) => d.email === 'eva@x.be');
    expect(after?.name).toBe('Eva Peeters');
    expect(after?.surname).toBeUndefined();
  });
});

import type { MemoryEventStore, RecordedEvent } from '@rw/event-store';
import type { DonationEvent, PledgeEvent, TeamEvent, WalkerEvent } from '@rw/fundraising';
import type { ReadModelDatabase } from '../runner/read-model-database';
import { projectStore, storeWithStory } from '../testing/story';
import { mailProjection } from './projection';
import { markMailDispatched, undispatchedMail } from './queries';

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

  it('decides one mail per registration, paid gift and pledge falling due, each in its language', async () => {
    const db = await project(store);
    const mails = undispatchedMail(db.db).map((m) => [m.kind, m.recipient, m.language]);
    expect(mails).toEqual([
      ['team-registered', 'anna@x.be', 'nl'],
      ['walker-joined', 'jan@x.be', 'fr'],
      ['gift-thanks', 'a@x.be', 'nl'],
      ['monthly-gift-confirmed', 'b@x.be', 'nl'],
      ['pledge-due', 's@x.be', 'fr'],
      ['pledge-due', 's@x.be', 'fr'],
    ]);
    expect(undispatchedMail(db.db)[0].details).toEqual({
      teamId: 't1',
      teamName: 'Stappers',
      joinCode: 'JOIN42',
      walkerId: 'w1',
      walkerName: 'Anna',
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
      ['mail_teams', 'mail_walkers', 'mail_donations', 'mail_pledges', 'mail_to_send'].map((t) =>
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

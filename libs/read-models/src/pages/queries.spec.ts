import { fundraisersProjection } from '../fundraisers/projection';
import { giftsProjection } from '../gifts/projection';
import { wallOf } from '../gifts/queries';
import { ReadModelDatabase } from '../runner/read-model-database';
import { registrationClosed, teamPageFacts } from './queries';

/** A read-model database with a team, its walkers, their totals and gifts written directly. */
function teamOf(walkers: { id: string; name: string; cents?: number; story?: string; removed?: boolean }[]) {
  const database = new ReadModelDatabase(':memory:');
  fundraisersProjection.open(database.db);
  giftsProjection.open(database.db);
  const db = database.db;
  db.prepare(
    `INSERT INTO teams (team_id, edition_id, route_id, name, slug, target_cents, captain_walker_id, registered_at)
     VALUES ('t1', 'e1', 'r1', 'Zon', 'zon', 0, 'w-cap', '2026-09-01')`,
  ).run();
  const walker = db.prepare(
    `INSERT INTO walkers (walker_id, team_id, edition_id, route_id, name, slug, role, target_cents, story, fee_status, removed, registered_at)
     VALUES (?, 't1', 'e1', 'r1', ?, ?, 'member', 10000, ?, 'paid', ?, '2026-09-01')`,
  );
  const total = db.prepare(
    "INSERT INTO raised_totals (scope, id, raised_cents, donor_count) VALUES ('walker', ?, ?, 1)",
  );
  for (const w of walkers) {
    walker.run(w.id, w.name, w.id, w.story ?? '', w.removed ? 1 : 0);
    if (w.cents !== undefined) total.run(w.id, w.cents);
  }
  return db;
}

function giftTo(
  db: ReturnType<typeof teamOf>,
  n: number,
  beneficiary: { type: 'team' | 'walker'; id: string },
  settlement = 'paid',
) {
  db.prepare(
    `INSERT INTO donations (donation_id, edition_id, beneficiary_type, beneficiary_id, team_id, walker_id, amount_cents,
       frequency, donor_name, donor_key, anonymous, provider, settlement, created_at, paid_at)
     VALUES (?, 'e1', ?, ?, 't1', ?, ?, 'one_off', ?, ?, 0, 'sandbox', ?, ?, ?)`,
  ).run(
    `d-${beneficiary.type}-${n}`,
    beneficiary.type,
    beneficiary.id,
    beneficiary.type === 'walker' ? beneficiary.id : null,
    1000 + n,
    `Donor ${n}`,
    `k${n}`,
    settlement,
    '2026-09-01T10:00:00Z',
    settlement === 'paid' ? `2026-09-02T10:00:${String(n % 60).padStart(2, '0')}Z` : null,
  );
}

describe('the team page’s read model', () => {
  it('lists the walkers by what they raised, the same amount by name, the captain marked, the removed left out', () => {
    const db = teamOf([
      { id: 'w-cap', name: 'Zoë', story: 'Wij stappen samen.' },
      { id: 'w1', name: 'bram', cents: 20_00 },
      { id: 'w2', name: 'Anna', cents: 20_00 },
      { id: 'w3', name: 'Cas', cents: 50_00 },
      { id: 'w4', name: 'Weg', cents: 90_00, removed: true },
    ]);
    const facts = teamPageFacts(db, 't1');
    expect(facts?.story).toBe('Wij stappen samen.');
    expect(facts?.members.map((m) => `${m.name} ${m.raisedCents}${m.captain ? ' captain' : ''}`)).toEqual([
      'Cas 5000',
      'Anna 2000',
      'bram 2000',
      'Zoë 0 captain',
    ]);
    expect(teamPageFacts(db, 'nope')).toBeUndefined();
  });

  it('holds on the team’s wall only paid gifts to the team itself, newest first, and counts those it does not show', () => {
    const db = teamOf([{ id: 'w-cap', name: 'Zoë' }]);
    for (let n = 1; n <= 7; n++) giftTo(db, n, { type: 'team', id: 't1' });
    giftTo(db, 8, { type: 'team', id: 't1' }, 'pending');
    giftTo(db, 9, { type: 'walker', id: 'w-cap' });
    const wall = wallOf(db, 'team', 't1', 5);
    expect(wall.total).toBe(7);
    expect(wall.supporters.map((s) => s.name)).toEqual(['Donor 7', 'Donor 6', 'Donor 5', 'Donor 4', 'Donor 3']);
    expect(wallOf(db, 'team', 't1').total).toBe(7);
    expect(wallOf(db, 'walker', 'w-cap')).toEqual({
      supporters: [{ name: 'Donor 9', message: '', amountCents: 1009, at: '2026-09-02T10:00:09Z' }],
      total: 1,
    });
  });

  it('closes registration from the day after the walk, not on the walk day', () => {
    expect(registrationClosed('2026-09-27', '2026-09-26')).toBe(false);
    expect(registrationClosed('2026-09-27', '2026-09-27')).toBe(false);
    expect(registrationClosed('2026-09-27', '2026-09-28')).toBe(true);
  });
});

import { fundraisersProjection } from '../fundraisers/projection';
import { giftsProjection } from '../gifts/projection';
import { ReadModelDatabase } from '../runner/read-model-database';
import { leaderboard } from './queries';

/** A read-model database with walkers and their running totals written directly (the projections are tested apart). */
function boardOf(
  walkers: { id: string; name: string; cents?: number; route?: string; removed?: boolean; edition?: string }[],
) {
  const database = new ReadModelDatabase(':memory:');
  fundraisersProjection.open(database.db);
  giftsProjection.open(database.db);
  const walker = database.db.prepare(
    `INSERT INTO walkers (walker_id, team_id, edition_id, route_id, name, slug, role, target_cents, story, fee_status, removed, registered_at)
     VALUES (?, 't1', ?, ?, ?, ?, 'member', 0, '', 'paid', ?, '2026-09-01')`,
  );
  const total = database.db.prepare(
    "INSERT INTO raised_totals (scope, id, raised_cents, donor_count) VALUES ('walker', ?, ?, 1)",
  );
  for (const w of walkers) {
    walker.run(w.id, w.edition ?? 'e1', w.route ?? 'r1', w.name, w.id, w.removed ? 1 : 0);
    if (w.cents !== undefined) total.run(w.id, w.cents);
  }
  return database.db;
}

const ranks = (entries: { rank: number; name: string; raisedCents: number }[]) =>
  entries.map((e) => `${e.rank} ${e.name} ${e.raisedCents}`);

describe('leaderboard, read from the highest totals down', () => {
  it('takes a tie at the end of the board whole, so that names order it as when every walker is ranked', () => {
    const db = boardOf([
      { id: 'w1', name: 'Zoë', cents: 50_00 },
      { id: 'w2', name: 'Ann', cents: 50_00 },
      { id: 'w3', name: 'Émile', cents: 50_00 },
      { id: 'w4', name: 'Bob', cents: 70_00 },
      { id: 'w5', name: 'Cas', cents: 10_00 },
    ]);
    expect(ranks(leaderboard(db, 'e1', { kind: 'walkers', limit: 3 }))).toEqual([
      '1 Bob 7000',
      '2 Ann 5000',
      '2 Zoë 5000',
    ]);
    expect(ranks(leaderboard(db, 'e1', { kind: 'walkers', limit: 5 }))).toEqual([
      '1 Bob 7000',
      '2 Ann 5000',
      '2 Zoë 5000',
      // SQLite orders text by its bytes: É (0xC3 0x89) after Z
      '2 Émile 5000',
      '5 Cas 1000',
    ]);
  });

  it('ranks walkers without any gift at zero after the others when the totals do not fill the board', () => {
    const db = boardOf([
      { id: 'w1', name: 'Dirk', cents: 20_00 },
      { id: 'w2', name: 'Bea' },
      { id: 'w3', name: 'Alma', cents: 0 },
    ]);
    expect(ranks(leaderboard(db, 'e1', { kind: 'walkers', limit: 10 }))).toEqual([
      '1 Dirk 2000',
      '2 Alma 0',
      '2 Bea 0',
    ]);
  });

  it('leaves out removed walkers, other editions and other routes', () => {
    const db = boardOf([
      { id: 'w1', name: 'Els', cents: 90_00, removed: true },
      { id: 'w2', name: 'Fien', cents: 80_00, edition: 'e0' },
      { id: 'w3', name: 'Gert', cents: 70_00, route: 'r2' },
      { id: 'w4', name: 'Hans', cents: 60_00 },
      { id: 'w5', name: 'Ine', cents: 50_00 },
    ]);
    expect(ranks(leaderboard(db, 'e1', { kind: 'walkers', limit: 2 }))).toEqual(['1 Gert 7000', '2 Hans 6000']);
    expect(ranks(leaderboard(db, 'e1', { kind: 'walkers', limit: 2, routeId: 'r1' }))).toEqual([
      '1 Hans 6000',
      '2 Ine 5000',
    ]);
  });
});

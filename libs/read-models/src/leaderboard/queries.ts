import type { DatabaseSync } from 'node:sqlite';

export interface LeaderboardEntry {
  rank: number;
  id: string;
  name: string;
  raisedCents: number;
  donorCount: number;
}

export interface LeaderboardQuery {
  kind: 'teams' | 'walkers';
  limit: number;
  routeId?: string;
}

/**
 * Teams or walkers of an edition by raised amount, highest first. Equal amounts share a rank (1, 2, 2, 4);
 * within a rank, by name. Reads the running totals of the gifts read model from the highest down and stops
 * once the board is full, so its cost does not grow with the number of walkers; when fewer than `limit` have
 * raised anything, the rest (all at zero) come from the whole list.
 */
export function leaderboard(db: DatabaseSync, editionId: string, query: LeaderboardQuery): LeaderboardEntry[] {
  return highestFirst(db, editionId, query) ?? wholeBoard(db, editionId, query);
}

/**
 * The board from the totals above zero, read highest first: rows are taken until `limit` are in and the next one
 * has less than the last taken (a tie at the end takes all of its amount, so the order by name within it holds).
 * Undefined when the totals above zero do not fill the board.
 */
function highestFirst(db: DatabaseSync, editionId: string, query: LeaderboardQuery): LeaderboardEntry[] | undefined {
  const [table, key, scope, extra] =
    query.kind === 'teams'
      ? (['teams', 'team_id', 'team', ''] as const)
      : (['walkers', 'walker_id', 'walker', 'AND f.removed = 0'] as const);
  const rows = db
    .prepare(
      `SELECT f.${key} AS id, f.name AS name, r.raised_cents AS raisedCents, r.donor_count AS donorCount
       FROM raised_totals r INDEXED BY raised_totals_by_amount
       JOIN ${table} f ON f.${key} = r.id
       WHERE r.scope = '${scope}' AND r.raised_cents > 0
         AND f.edition_id = ? ${extra} AND (? IS NULL OR f.route_id = ?)
       ORDER BY r.raised_cents DESC`,
    )
    .iterate(editionId, query.routeId ?? null, query.routeId ?? null) as Iterable<Omit<LeaderboardEntry, 'rank'>>;
  const taken: LeaderboardEntry[] = [];
  for (const row of rows) {
    const raisedCents = Number(row.raisedCents);
    const last = taken[taken.length - 1];
    if (taken.length >= query.limit && raisedCents < last.raisedCents) break;
    const rank = last && last.raisedCents === raisedCents ? last.rank : taken.length + 1;
    taken.push({ rank, id: row.id, name: row.name, raisedCents, donorCount: Number(row.donorCount) });
  }
  if (taken.length < query.limit) return undefined;
  return taken
    .sort((a, b) => a.rank - b.rank || compareText(a.name, b.name) || compareText(a.id, b.id))
    .slice(0, query.limit);
}

/** SQLite's default order of text (BINARY: byte by byte), as ORDER BY name gives it. */
function compareText(a: string, b: string): number {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return Buffer.compare(left, right);
}

/** Every team or walker of the edition ranked at once (an edition where few have raised anything yet). */
function wholeBoard(db: DatabaseSync, editionId: string, query: LeaderboardQuery): LeaderboardEntry[] {
  const [table, key, scope, extra] =
    query.kind === 'teams'
      ? (['teams', 'team_id', 'team', ''] as const)
      : (['walkers', 'walker_id', 'walker', 'AND f.removed = 0'] as const);
  const rows = db
    .prepare(
      `SELECT RANK() OVER (ORDER BY COALESCE(r.raised_cents, 0) DESC) AS rank,
              f.${key} AS id, f.name AS name,
              COALESCE(r.raised_cents, 0) AS raisedCents, COALESCE(r.donor_count, 0) AS donorCount
       FROM ${table} f
       LEFT JOIN raised_totals r ON r.scope = '${scope}' AND r.id = f.${key}
       WHERE f.edition_id = ? ${extra} AND (? IS NULL OR f.route_id = ?)
       ORDER BY rank, f.name, f.${key}
       LIMIT ?`,
    )
    .all(editionId, query.routeId ?? null, query.routeId ?? null, query.limit) as unknown as LeaderboardEntry[];
  return rows.map((r) => ({
    rank: Number(r.rank),
    id: r.id,
    name: r.name,
    raisedCents: Number(r.raisedCents),
    donorCount: Number(r.donorCount),
  }));
}

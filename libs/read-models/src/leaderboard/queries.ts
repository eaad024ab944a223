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
 * within a rank, by name. Reads the running totals of the gifts read model: one indexed pass.
 */
export function leaderboard(db: DatabaseSync, editionId: string, query: LeaderboardQuery): LeaderboardEntry[] {
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

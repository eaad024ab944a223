import type { DatabaseSync } from 'node:sqlite';

export interface EditionStats {
  teams: number;
  walkers: number;
  supporters: number;
  raisedCents: number;
  pledgedOpenCents: number;
}

/** The figures of `GET /api/editions/:id/stats`; undefined for an unknown edition. */
export function editionStats(db: DatabaseSync, editionId: string): EditionStats | undefined {
  const row = db
    .prepare(
      `SELECT (SELECT COUNT(*) FROM teams t WHERE t.edition_id = s.edition_id) AS teams,
              (SELECT COUNT(*) FROM walkers w WHERE w.edition_id = s.edition_id AND w.removed = 0) AS walkers,
              supporters, raised_cents AS raisedCents, pledged_open_cents AS pledgedOpenCents
       FROM edition_stats s WHERE edition_id = ?`,
    )
    .get(editionId) as EditionStats | undefined;
  return row && { ...row };
}

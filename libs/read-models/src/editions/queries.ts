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
      `SELECT teams, walkers, supporters, raised_cents AS raisedCents, pledged_open_cents AS pledgedOpenCents
       FROM edition_stats WHERE edition_id = ?`,
    )
    .get(editionId) as EditionStats | undefined;
  return row && { ...row };
}

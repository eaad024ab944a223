import type { DatabaseSync } from 'node:sqlite';
import { editionHeadcount } from '../fundraisers/queries';
import { raised } from '../gifts/queries';
import { pledgedOpenCents } from '../pledges/queries';

export interface EditionStats {
  teams: number;
  walkers: number;
  supporters: number;
  raisedCents: number;
  pledgedOpenCents: number;
}

/**
 * The figures of `GET /api/editions/:id/stats`; undefined for an unknown edition. Supporters: distinct donors with
 * a paid gift to the edition, its teams or its walkers.
 */
export function editionStats(db: DatabaseSync, editionId: string): EditionStats | undefined {
  if (!editionExists(db, editionId)) return undefined;
  const money = raised(db, 'edition', editionId);
  return {
    ...editionHeadcount(db, editionId),
    supporters: money.donorCount,
    raisedCents: money.raisedCents,
    pledgedOpenCents: pledgedOpenCents(db, editionId),
  };
}

export function editionExists(db: DatabaseSync, editionId: string): boolean {
  return db.prepare('SELECT 1 AS known FROM editions WHERE edition_id = ?').get(editionId) !== undefined;
}

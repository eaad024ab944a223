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

/** What the edition's goal bar measures against: the goal the organiser gave, or else its teams' targets together. */
export interface EditionGoal {
  goalCents: number;
  source: 'edition' | 'teams';
}

/** The edition's goal; undefined when it has none yet (no goal given and no team with a target). */
export function editionGoal(db: DatabaseSync, editionId: string): EditionGoal | undefined {
  const given = db.prepare('SELECT goal_cents AS goalCents FROM edition_goals WHERE edition_id = ?').get(editionId) as
    | { goalCents: number }
    | undefined;
  if (given) return { goalCents: Number(given.goalCents), source: 'edition' };
  const teams = db
    .prepare('SELECT COALESCE(SUM(target_cents), 0) AS goalCents FROM teams WHERE edition_id = ?')
    .get(editionId) as { goalCents: number };
  const goalCents = Number(teams.goalCents);
  return goalCents > 0 ? { goalCents, source: 'teams' } : undefined;
}

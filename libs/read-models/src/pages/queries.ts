import type { DatabaseSync } from 'node:sqlite';
import type { Route } from '@rw/fundraising';
import { teamView, walkerView } from '../fundraisers/queries';

export type EditionRoute = Route;

export interface EditionSummary {
  id: string;
  name: string;
  walkOn: string;
  routes: EditionRoute[];
}

/** Name, day and routes of an edition, for its home page, the registration form and the screen. */
export function editionSummary(db: DatabaseSync, editionId: string): EditionSummary | undefined {
  const row = db
    .prepare(
      'SELECT edition_id AS id, name, walk_on AS walkOn, routes_json AS routes FROM editions WHERE edition_id = ?',
    )
    .get(editionId) as { id: string; name: string; walkOn: string; routes: string } | undefined;
  return row ? { ...row, routes: JSON.parse(row.routes) as EditionRoute[] } : undefined;
}

/** The newest edition: where `/` sends a visitor. */
export function latestEditionId(db: DatabaseSync): string | undefined {
  const row = db
    .prepare('SELECT edition_id AS id FROM editions ORDER BY walk_on DESC, created_at DESC LIMIT 1')
    .get() as { id: string } | undefined;
  return row?.id;
}

/** The edition a walker walks in and the least each walker commits to raise there. */
export function walkerEdition(
  db: DatabaseSync,
  walkerId: string,
): { editionId: string; walkerMinimumCents: number } | undefined {
  const row = db
    .prepare(
      `SELECT e.edition_id AS editionId, e.walker_minimum_cents AS walkerMinimumCents
       FROM walkers w JOIN editions e ON e.edition_id = w.edition_id WHERE w.walker_id = ?`,
    )
    .get(walkerId) as { editionId: string; walkerMinimumCents: number } | undefined;
  return row ? { editionId: row.editionId, walkerMinimumCents: Number(row.walkerMinimumCents) } : undefined;
}

/** Each walker's target in a team, for the progress bars on the team page. */
export function walkerTargets(db: DatabaseSync, teamId: string): Map<string, number> {
  const rows = db
    .prepare('SELECT walker_id AS id, target_cents AS targetCents FROM walkers WHERE team_id = ? AND removed = 0')
    .all(teamId) as { id: string; targetCents: number }[];
  return new Map(rows.map((row) => [row.id, Number(row.targetCents)]));
}

/**
 * The name of whom a gift or a pledge is for (a walker, a team, an edition) as the pages show it; undefined when
 * there is none to show (unknown, or a walker who has since been removed).
 */
export function beneficiaryName(
  db: DatabaseSync,
  beneficiary: { type: 'walker' | 'team' | 'edition'; id: string },
): string | undefined {
  if (beneficiary.type === 'walker') return walkerView(db, beneficiary.id)?.name;
  if (beneficiary.type === 'team') return teamView(db, beneficiary.id)?.name;
  return editionSummary(db, beneficiary.id)?.name;
}

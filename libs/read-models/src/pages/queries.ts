import type { DatabaseSync } from 'node:sqlite';
import type { Route } from '@rw/fundraising';

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

/** What a walker's or team's share card shows: name, raised, target and the walk's (edition's) name. */
export interface CardFigures {
  name: string;
  raisedCents: number;
  targetCents: number;
  walkName: string;
}

/**
 * A share card's figures in one query, from the same tables as the walker's and team's pages (a team's raised amount
 * includes its walkers' gifts, as on its page). Undefined for an unknown team or a removed or unknown walker.
 */
export function cardFigures(db: DatabaseSync, kind: 'walker' | 'team', id: string): CardFigures | undefined {
  const [table, key, extra] =
    kind === 'walker' ? (['walkers', 'walker_id', 'AND f.removed = 0'] as const) : (['teams', 'team_id', ''] as const);
  const row = db
    .prepare(
      `SELECT f.name AS name, f.target_cents AS targetCents, e.name AS walkName,
              COALESCE(r.raised_cents, 0) AS raisedCents
       FROM ${table} f JOIN editions e ON e.edition_id = f.edition_id
       LEFT JOIN raised_totals r ON r.scope = ? AND r.id = f.${key}
       WHERE f.${key} = ? ${extra}`,
    )
    .get(kind, id) as { name: string; targetCents: number; walkName: string; raisedCents: number } | undefined;
  return row
    ? {
        name: row.name,
        walkName: row.walkName,
        targetCents: Number(row.targetCents),
        raisedCents: Number(row.raisedCents),
      }
    : undefined;
}

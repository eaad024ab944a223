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

export interface TeamPageMember {
  id: string;
  name: string;
  raisedCents: number;
  targetCents: number;
  captain: boolean;
}

export interface TeamPageFacts {
  captainWalkerId: string;
  /** The team tells its story through its captain: the captain's own story on their page. */
  story: string;
  /** The walkers who raised most first; the same amount by name, so the order does not jump on reload. */
  members: TeamPageMember[];
  /** Closed by the captain for joining: the page then offers no join link. */
  closed: boolean;
}

/** What the team page shows beyond the team's figures: its captain, story and members by what they raised. */
export function teamPageFacts(db: DatabaseSync, teamId: string): TeamPageFacts | undefined {
  const team = db
    .prepare(
      `SELECT t.captain_walker_id AS captainWalkerId, t.closed AS closed, COALESCE(c.story, '') AS story
       FROM teams t LEFT JOIN walkers c ON c.walker_id = t.captain_walker_id AND c.removed = 0
       WHERE t.team_id = ?`,
    )
    .get(teamId) as { captainWalkerId: string; closed: number; story: string } | undefined;
  if (!team) return undefined;
  const members = db
    .prepare(
      `SELECT w.walker_id AS id, w.name AS name, w.target_cents AS targetCents,
              COALESCE(r.raised_cents, 0) AS raisedCents
       FROM walkers w LEFT JOIN raised_totals r ON r.scope = 'walker' AND r.id = w.walker_id
       WHERE w.team_id = ? AND w.removed = 0
       ORDER BY raisedCents DESC, w.name COLLATE NOCASE, w.walker_id`,
    )
    .all(teamId) as { id: string; name: string; targetCents: number; raisedCents: number }[];
  return {
    captainWalkerId: team.captainWalkerId,
    story: team.story,
    closed: Number(team.closed) === 1,
    members: members.map((m) => ({
      id: m.id,
      name: m.name,
      raisedCents: Number(m.raisedCents),
      targetCents: Number(m.targetCents),
      captain: m.id === team.captainWalkerId,
    })),
  };
}

/** Whether registration is over for an edition: from the day after the walk (Brussels days, YYYY-MM-DD). */
export const registrationClosed = (walkOn: string, today: string): boolean => today > walkOn;

/** The edition a team walks in, for the pages of the team (its join page closes with the edition). */
export function teamEdition(db: DatabaseSync, teamId: string): EditionSummary | undefined {
  const row = db.prepare('SELECT edition_id AS id FROM teams WHERE team_id = ?').get(teamId) as
    | { id: string }
    | undefined;
  return row ? editionSummary(db, row.id) : undefined;
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

import type { DatabaseSync } from 'node:sqlite';
import { searchKey } from './search-key';

/** A walker as search finds them. */
export interface WalkerFound {
  id: string;
  slug: string;
  name: string;
  teamName: string;
  raisedCents: number;
}

/** A team as search finds it. */
export interface TeamFound {
  id: string;
  slug: string;
  name: string;
  raisedCents: number;
}

export interface SearchResults {
  walkers: WalkerFound[];
  teams: TeamFound[];
}

/** The most of each kind a search answers: enough to spot a name, short enough to read on a phone. */
export const SEARCH_LIMIT = 20;

/**
 * Walkers and teams of an edition whose name holds the query, accents and case ignored. Names that start with it
 * come first, then those with a word that starts with it, then the rest; by name within each. Erased and removed
 * walkers are never found. The edition's rows are read through the (edition, name) index: at 2,100 walkers a search
 * takes about 2 ms (see the spec).
 */
export function searchEdition(db: DatabaseSync, editionId: string, query: string, limit = SEARCH_LIMIT): SearchResults {
  const key = searchKey(query);
  if (key === '') return { walkers: [], teams: [] };
  // the rank: 0 the name starts with the query, 1 a word of it does, 2 it holds it elsewhere
  const rank = (column: string) =>
    `CASE WHEN instr(${column}, :key) = 1 THEN 0 WHEN instr(' ' || ${column}, ' ' || :key) > 0 THEN 1 ELSE 2 END`;
  const walkers = db
    .prepare(
      `SELECT w.walker_id AS id, w.slug AS slug, w.name AS name, t.name AS teamName,
              COALESCE(r.raised_cents, 0) AS raisedCents
       FROM walkers w INDEXED BY walkers_by_search
       JOIN teams t ON t.team_id = w.team_id
       LEFT JOIN raised_totals r ON r.scope = 'walker' AND r.id = w.walker_id
       WHERE w.edition_id = :edition AND w.removed = 0 AND w.search_name <> '' AND instr(w.search_name, :key) > 0
       ORDER BY ${rank('w.search_name')}, w.search_name, w.walker_id
       LIMIT :limit`,
    )
    .all({ edition: editionId, key, limit }) as unknown as WalkerFound[];
  const teams = db
    .prepare(
      `SELECT t.team_id AS id, t.slug AS slug, t.name AS name, COALESCE(r.raised_cents, 0) AS raisedCents
       FROM teams t INDEXED BY teams_by_search
       LEFT JOIN raised_totals r ON r.scope = 'team' AND r.id = t.team_id
       WHERE t.edition_id = :edition AND instr(t.search_name, :key) > 0
       ORDER BY ${rank('t.search_name')}, t.search_name, t.team_id
       LIMIT :limit`,
    )
    .all({ edition: editionId, key, limit }) as unknown as TeamFound[];
  return {
    walkers: walkers.map((w) => ({
      id: w.id,
      slug: w.slug,
      name: w.name,
      teamName: w.teamName,
      raisedCents: Number(w.raisedCents),
    })),
    teams: teams.map((t) => ({ id: t.id, slug: t.slug, name: t.name, raisedCents: Number(t.raisedCents) })),
  };
}

/** An id as the platform makes them (a UUID); anything else in a page address is a slug. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isId(text: string): boolean {
  return UUID.test(text);
}

/**
 * The walker or team id named in a page address, by id or by slug: a UUID is only ever taken as an id, anything
 * else only as a slug (a slug is never made in the form of a UUID), so the one cannot be taken for the other.
 * Undefined when no such walker or team is known (a removed walker's page is gone).
 */
export function fundraiserIdOf(db: DatabaseSync, kind: 'walker' | 'team', idOrSlug: string): string | undefined {
  const [table, key, extra] =
    kind === 'walker' ? (['walkers', 'walker_id', 'AND removed = 0'] as const) : (['teams', 'team_id', ''] as const);
  const column = isId(idOrSlug) ? key : 'slug';
  const row = db.prepare(`SELECT ${key} AS id FROM ${table} WHERE ${column} = ? ${extra} LIMIT 1`).get(idOrSlug) as
    | { id: string }
    | undefined;
  return row?.id;
}

export type TeamOrder = 'raised' | 'name';

export interface TeamListing {
  id: string;
  slug: string;
  name: string;
  routeId: string;
  raisedCents: number;
  targetCents: number;
  walkers: { id: string; slug: string; name: string; raisedCents: number }[];
}

export interface TeamPage {
  teams: TeamListing[];
  /** Teams in the whole list (of the route when one is asked), for the page links. */
  total: number;
}

export const TEAMS_PER_PAGE = 20;

/**
 * One page of an edition's teams (of one route, or of all), by raised amount (highest first) or by name, each with
 * its walkers (highest first). Two queries whatever the page: the teams, then the walkers of those teams.
 */
export function teamsOfEdition(
  db: DatabaseSync,
  editionId: string,
  options: { routeId?: string; order: TeamOrder; page: number; perPage?: number },
): TeamPage {
  const perPage = options.perPage ?? TEAMS_PER_PAGE;
  const route = options.routeId ?? null;
  const total = db
    .prepare('SELECT COUNT(*) AS n FROM teams WHERE edition_id = ? AND (? IS NULL OR route_id = ?)')
    .get(editionId, route, route) as { n: number };
  const order =
    options.order === 'raised'
      ? 'COALESCE(r.raised_cents, 0) DESC, t.search_name, t.team_id'
      : 't.search_name, t.name, t.team_id';
  const teams = db
    .prepare(
      `SELECT t.team_id AS id, t.slug AS slug, t.name AS name, t.route_id AS routeId,
              COALESCE(r.raised_cents, 0) AS raisedCents, t.target_cents AS targetCents
       FROM teams t LEFT JOIN raised_totals r ON r.scope = 'team' AND r.id = t.team_id
       WHERE t.edition_id = ? AND (? IS NULL OR t.route_id = ?)
       ORDER BY ${order} LIMIT ? OFFSET ?`,
    )
    .all(editionId, route, route, perPage, (options.page - 1) * perPage) as unknown as Omit<TeamListing, 'walkers'>[];
  const walkers = teams.length
    ? (db
        .prepare(
          `SELECT w.team_id AS teamId, w.walker_id AS id, w.slug AS slug, w.name AS name,
                  COALESCE(r.raised_cents, 0) AS raisedCents
           FROM walkers w LEFT JOIN raised_totals r ON r.scope = 'walker' AND r.id = w.walker_id
           WHERE w.team_id IN (SELECT value FROM json_each(?)) AND w.removed = 0
           ORDER BY raisedCents DESC, w.search_name, w.walker_id`,
        )
        .all(JSON.stringify(teams.map((team) => team.id))) as unknown as (TeamListing['walkers'][number] & {
        teamId: string;
      })[])
    : [];
  const byTeam = new Map<string, TeamListing['walkers']>(teams.map((team) => [team.id, []]));
  for (const walker of walkers) {
    byTeam
      .get(walker.teamId)
      ?.push({ id: walker.id, slug: walker.slug, name: walker.name, raisedCents: Number(walker.raisedCents) });
  }
  return {
    total: Number(total.n),
    teams: teams.map((team) => ({
      ...team,
      raisedCents: Number(team.raisedCents),
      targetCents: Number(team.targetCents),
      walkers: byTeam.get(team.id) ?? [],
    })),
  };
}

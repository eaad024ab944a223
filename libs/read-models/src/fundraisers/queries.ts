import type { DatabaseSync } from 'node:sqlite';
import { raised, supportersOf } from '../gifts/queries';

export interface TeamView {
  id: string;
  slug: string;
  name: string;
  routeId: string;
  targetCents: number;
  raisedCents: number;
  donorCount: number;
  walkers: { id: string; name: string; raisedCents: number }[];
}

export interface WalkerView {
  id: string;
  slug: string;
  name: string;
  teamId: string;
  targetCents: number;
  raisedCents: number;
  donorCount: number;
  story: string;
  /** Extension of the contract: pending_fee until the route's registration fee is paid or waived. */
  status: 'active' | 'pending_fee';
  supporters: { name: string; message: string; amountCents?: number; at: string }[];
}

/** `GET /api/teams/:id`: the team's raised amount includes the gifts to its walkers. */
export function teamView(db: DatabaseSync, teamId: string): TeamView | undefined {
  const team = db
    .prepare(
      `SELECT team_id AS id, slug, name, route_id AS routeId, target_cents AS targetCents FROM teams WHERE team_id = ?`,
    )
    .get(teamId) as Omit<TeamView, 'raisedCents' | 'donorCount' | 'walkers'> | undefined;
  if (!team) return undefined;
  // one query for the walkers and their totals, however large the team
  const walkers = db
    .prepare(
      `SELECT w.walker_id AS id, w.name AS name, COALESCE(r.raised_cents, 0) AS raisedCents
       FROM walkers w LEFT JOIN raised_totals r ON r.scope = 'walker' AND r.id = w.walker_id
       WHERE w.team_id = ? AND w.removed = 0 ORDER BY w.registered_at, w.walker_id`,
    )
    .all(teamId) as { id: string; name: string; raisedCents: number }[];
  return {
    ...team,
    ...raised(db, 'team', teamId),
    walkers: walkers.map((w) => ({ id: w.id, name: w.name, raisedCents: Number(w.raisedCents) })),
  };
}

/** `GET /api/walkers/:id`. */
export function walkerView(db: DatabaseSync, walkerId: string): WalkerView | undefined {
  const walker = db
    .prepare(
      `SELECT walker_id AS id, slug, name, team_id AS teamId, target_cents AS targetCents, story,
              CASE fee_status WHEN 'pending_fee' THEN 'pending_fee' ELSE 'active' END AS status
       FROM walkers WHERE walker_id = ? AND removed = 0`,
    )
    .get(walkerId) as Omit<WalkerView, 'raisedCents' | 'donorCount' | 'supporters'> | undefined;
  if (!walker) return undefined;
  return { ...walker, ...raised(db, 'walker', walkerId), supporters: supportersOf(db, walkerId) };
}

export function editionHeadcount(db: DatabaseSync, editionId: string): { teams: number; walkers: number } {
  const teams = db.prepare('SELECT COUNT(*) AS n FROM teams WHERE edition_id = ?').get(editionId) as { n: number };
  const walkers = db
    .prepare('SELECT COUNT(*) AS n FROM walkers WHERE edition_id = ? AND removed = 0')
    .get(editionId) as { n: number };
  return { teams: Number(teams.n), walkers: Number(walkers.n) };
}

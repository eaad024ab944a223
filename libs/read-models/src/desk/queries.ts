import type { DatabaseSync } from 'node:sqlite';

export interface FoundWalker {
  id: string;
  name: string;
  teamId: string;
  teamName: string;
  km: number | null;
  feeStatus: string;
  raisedCents: number;
}

/** A walker of a team the desk found: enough to see who still owes the registration fee. */
export interface TeamMember {
  id: string;
  name: string;
  feeStatus: string;
  raisedCents: number;
}

export interface FoundTeam {
  id: string;
  name: string;
  /** How many walkers it has (`members` lists them). */
  walkers: number;
  raisedCents: number;
  members: TeamMember[];
}

export interface PendingFee {
  walkerId: string;
  walkerName: string;
  teamName: string;
}

export interface OpenPledge {
  pledgeId: string;
  status: 'open' | 'due';
  kind: string;
  beneficiaryName: string;
  amountCents: number;
  dueCents: number;
}

const SEARCH_LIMIT = 25;

/** `%` and `_` in what the organiser typed are letters, not wildcards. */
const likePattern = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * Walkers and teams whose name contains the text (any case), for the desk's search: with what they raised (gifts
 * to a walker count for their team too), and each team with its walkers, so that the organiser sees whose fee is
 * still due.
 */
export function findFundraisers(db: DatabaseSync, text: string): { walkers: FoundWalker[]; teams: FoundTeam[] } {
  const pattern = likePattern(text);
  const walkers = db
    .prepare(
      `SELECT w.walker_id AS id, w.name AS name, w.team_id AS teamId, t.name AS teamName, w.km AS km,
              w.fee_status AS feeStatus, COALESCE(r.raised_cents, 0) AS raisedCents
       FROM walkers w JOIN teams t ON t.team_id = w.team_id
       LEFT JOIN raised_totals r ON r.scope = 'walker' AND r.id = w.walker_id
       WHERE w.removed = 0 AND w.name LIKE ? ESCAPE '\\' ORDER BY w.name, w.walker_id LIMIT ?`,
    )
    .all(pattern, SEARCH_LIMIT) as unknown as FoundWalker[];
  const teams = db
    .prepare(
      `SELECT t.team_id AS id, t.name AS name, COALESCE(r.raised_cents, 0) AS raisedCents
       FROM teams t LEFT JOIN raised_totals r ON r.scope = 'team' AND r.id = t.team_id
       WHERE t.name LIKE ? ESCAPE '\\' ORDER BY t.name, t.team_id LIMIT ?`,
    )
    .all(pattern, SEARCH_LIMIT) as unknown as Omit<FoundTeam, 'walkers' | 'members'>[];
  const members = db.prepare(
    `SELECT w.walker_id AS id, w.name AS name, w.fee_status AS feeStatus, COALESCE(r.raised_cents, 0) AS raisedCents
     FROM walkers w LEFT JOIN raised_totals r ON r.scope = 'walker' AND r.id = w.walker_id
     WHERE w.team_id = ? AND w.removed = 0 ORDER BY w.name, w.walker_id`,
  );
  return {
    walkers: walkers.map((w) => ({
      ...w,
      km: w.km === null ? null : Number(w.km),
      raisedCents: Number(w.raisedCents),
    })),
    teams: teams.map((t) => {
      const team = (members.all(t.id) as unknown as TeamMember[]).map((m) => ({
        ...m,
        raisedCents: Number(m.raisedCents),
      }));
      return { ...t, raisedCents: Number(t.raisedCents), walkers: team.length, members: team };
    }),
  };
}

/** Walkers whose registration fee is neither paid nor waived. */
export function pendingFees(db: DatabaseSync, limit = 100): PendingFee[] {
  return db
    .prepare(
      `SELECT w.walker_id AS walkerId, w.name AS walkerName, t.name AS teamName
       FROM walkers w JOIN teams t ON t.team_id = w.team_id
       WHERE w.fee_status = 'pending_fee' AND w.removed = 0 ORDER BY t.name, w.name LIMIT ?`,
    )
    .all(limit) as unknown as PendingFee[];
}

/** Pledges waiting for a distance (open) or for their payment (due). */
export function openPledges(db: DatabaseSync, limit = 100): OpenPledge[] {
  const rows = db
    .prepare(
      `SELECT p.pledge_id AS pledgeId, p.status AS status, p.kind AS kind, p.amount_cents AS amountCents,
              p.due_cents AS dueCents, COALESCE(w.name, t.name, '') AS beneficiaryName
       FROM pledges p
       LEFT JOIN walkers w ON p.beneficiary_type = 'walker' AND w.walker_id = p.beneficiary_id
       LEFT JOIN teams t ON p.beneficiary_type = 'team' AND t.team_id = p.beneficiary_id
       WHERE p.status IN ('open', 'due') ORDER BY p.status DESC, p.made_at, p.pledge_id LIMIT ?`,
    )
    .all(limit) as unknown as OpenPledge[];
  return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents), dueCents: Number(r.dueCents) }));
}

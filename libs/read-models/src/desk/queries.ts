import type { DatabaseSync } from 'node:sqlite';

export interface FoundWalker {
  id: string;
  name: string;
  teamId: string;
  teamName: string;
  km: number | null;
  feeStatus: string;
}

export interface FoundTeam {
  id: string;
  name: string;
  walkers: number;
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

/** Walkers and teams whose name contains the text (any case), for the desk's search. */
export function findFundraisers(db: DatabaseSync, text: string): { walkers: FoundWalker[]; teams: FoundTeam[] } {
  const pattern = likePattern(text);
  const walkers = db
    .prepare(
      `SELECT w.walker_id AS id, w.name AS name, w.team_id AS teamId, t.name AS teamName, w.km AS km, w.fee_status AS feeStatus
       FROM walkers w JOIN teams t ON t.team_id = w.team_id
       WHERE w.removed = 0 AND w.name LIKE ? ESCAPE '\\' ORDER BY w.name, w.walker_id LIMIT ?`,
    )
    .all(pattern, SEARCH_LIMIT) as unknown as FoundWalker[];
  const teams = db
    .prepare(
      `SELECT t.team_id AS id, t.name AS name, (SELECT COUNT(*) FROM walkers w WHERE w.team_id = t.team_id AND w.removed = 0) AS walkers
       FROM teams t WHERE t.name LIKE ? ESCAPE '\\' ORDER BY t.name, t.team_id LIMIT ?`,
    )
    .all(pattern, SEARCH_LIMIT) as unknown as FoundTeam[];
  return {
    walkers: walkers.map((w) => ({ ...w, km: w.km === null ? null : Number(w.km) })),
    teams: teams.map((t) => ({ ...t, walkers: Number(t.walkers) })),
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

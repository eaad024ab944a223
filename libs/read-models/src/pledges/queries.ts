import type { DatabaseSync } from 'node:sqlite';

/**
 * What is pledged and not yet paid: due pledges for what they ask, open fixed pledges for their amount. An open
 * per-km pledge asks nothing yet: it counts from the moment its walker's distance is recorded.
 */
export function pledgedOpenCents(db: DatabaseSync, editionId: string): number {
  const row = db
    .prepare(
      `SELECT COALESCE(SUM(CASE WHEN status = 'due' THEN due_cents
                                WHEN status = 'open' AND kind = 'fixed' THEN amount_cents ELSE 0 END), 0) AS cents
       FROM pledges WHERE edition_id = ?`,
    )
    .get(editionId) as { cents: number };
  return Number(row.cents);
}

/** Pledges still waiting for a distance or for payment: on a walker, or on the walker's team. */
export function unpaidPledgesOn(
  db: DatabaseSync,
  walkerId: string,
  teamId: string,
): { pledgeId: string; beneficiaryType: 'walker' | 'team' }[] {
  return db
    .prepare(
      `SELECT pledge_id AS pledgeId, beneficiary_type AS beneficiaryType FROM pledges
       WHERE status IN ('open', 'due') AND ((beneficiary_type = 'walker' AND beneficiary_id = ?) OR (beneficiary_type = 'team' AND beneficiary_id = ?))
       ORDER BY made_at, pledge_id`,
    )
    .all(walkerId, teamId) as { pledgeId: string; beneficiaryType: 'walker' | 'team' }[];
}

/** A walker's recorded distance; null before one is recorded (or for a walker who left their team). */
export function walkerKm(db: DatabaseSync, walkerId: string): number | null {
  const row = db.prepare('SELECT km FROM walkers WHERE walker_id = ? AND removed = 0').get(walkerId) as
    | { km: number | null }
    | undefined;
  return row?.km ?? null;
}

/** A team's distance for its per-km pledges: the average of its walkers' recorded distances (see MarkPledgeDue). */
export function teamAverageKm(db: DatabaseSync, teamId: string): number | null {
  const row = db
    .prepare('SELECT AVG(km) AS km FROM walkers WHERE team_id = ? AND removed = 0 AND km IS NOT NULL')
    .get(teamId) as { km: number | null };
  return row.km === null ? null : Math.round(row.km * 100) / 100;
}

export interface PledgeStatus {
  status: 'open' | 'due' | 'fulfilled' | 'cancelled';
  dueCents: number;
  /** The gift that paid it, once fulfilled. */
  donationId?: string;
}

/** Where a pledge stands (`GET /api/pledges/:id`); undefined for an unknown pledge. */
export function pledgeStatus(db: DatabaseSync, pledgeId: string): PledgeStatus | undefined {
  const row = db
    .prepare('SELECT status, due_cents AS dueCents, donation_id AS donationId FROM pledges WHERE pledge_id = ?')
    .get(pledgeId) as { status: PledgeStatus['status']; dueCents: number; donationId: string | null } | undefined;
  if (!row) return undefined;
  return {
    status: row.status,
    dueCents: Number(row.dueCents),
    ...(row.status === 'fulfilled' && row.donationId ? { donationId: row.donationId } : {}),
  };
}

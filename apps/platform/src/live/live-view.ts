import type { DatabaseSync } from 'node:sqlite';
import { type LeaderboardEntry, leaderboard, raised } from '@rw/read-models';

/** What a leaderboard screen shows at one moment. */
export interface LeaderboardSnapshot {
  editionId: string;
  raisedCents: number;
  supporters: number;
  topTeams: LeaderboardEntry[];
  topWalkers: LeaderboardEntry[];
}

/** One gift on the ticker: never the donor's e-mail; "anonymous" and no amount when the donor asked. */
export interface LiveGift {
  donationId: string;
  beneficiaryName: string;
  donorName: string;
  amountCents?: number;
  at: string;
}

export const TOP_ENTRIES = 10;

export function leaderboardSnapshot(db: DatabaseSync, editionId: string): LeaderboardSnapshot {
  const money = raised(db, 'edition', editionId);
  return {
    editionId,
    raisedCents: money.raisedCents,
    supporters: money.donorCount,
    topTeams: leaderboard(db, editionId, { kind: 'teams', limit: TOP_ENTRIES }),
    topWalkers: leaderboard(db, editionId, { kind: 'walkers', limit: TOP_ENTRIES }),
  };
}

/** The gift as the ticker shows it, with the edition it counts for; undefined when the read model lacks it. */
export function liveGift(
  db: DatabaseSync,
  donationId: string,
  amountCents: number,
  at: string,
): { editionId: string; gift: LiveGift } | undefined {
  const row = db
    .prepare(
      `SELECT d.edition_id AS editionId, d.donor_name AS donorName, d.anonymous AS anonymous,
              COALESCE(w.name, t.name, e.name) AS beneficiaryName
       FROM donations d
       LEFT JOIN walkers w ON d.beneficiary_type = 'walker' AND w.walker_id = d.beneficiary_id
       LEFT JOIN teams t ON d.beneficiary_type = 'team' AND t.team_id = d.beneficiary_id
       LEFT JOIN editions e ON e.edition_id = d.edition_id
       WHERE d.donation_id = ?`,
    )
    .get(donationId) as
    | { editionId: string; donorName: string; anonymous: number; beneficiaryName: string | null }
    | undefined;
  if (!row) return undefined;
  const beneficiaryName = row.beneficiaryName ?? '';
  const gift: LiveGift = row.anonymous
    ? { donationId, beneficiaryName, donorName: 'anonymous', at }
    : { donationId, beneficiaryName, donorName: row.donorName, amountCents, at };
  return { editionId: row.editionId, gift };
}

/** The latest paid gifts of an edition, newest first (what a screen shows before anything happens live). */
export function latestGifts(db: DatabaseSync, editionId: string, limit: number): LiveGift[] {
  const rows = db
    .prepare(
      `SELECT donation_id AS donationId, amount_cents AS amountCents, at FROM gifts
       WHERE edition_id = ? AND kind IN ('payment', 'charge') ORDER BY at DESC, movement_id DESC LIMIT ?`,
    )
    .all(editionId, limit) as { donationId: string; amountCents: number; at: string }[];
  return rows.flatMap((r) => {
    const found = liveGift(db, r.donationId, Number(r.amountCents), r.at);
    return found ? [found.gift] : [];
  });
}

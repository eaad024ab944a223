import type { DatabaseSync } from 'node:sqlite';

/** A paid gift as a leaderboard screen names it: who it is for and who gave (the donor may be anonymous). */
export interface TickerDonation {
  editionId: string;
  donorName: string;
  anonymous: boolean;
  /** The walker's, team's or edition's name; empty when the read model lacks it. */
  beneficiaryName: string;
}

/** The donation of a gift with the name of whom it is for; undefined when the read model lacks it. */
export function tickerDonation(db: DatabaseSync, donationId: string): TickerDonation | undefined {
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
  return {
    editionId: row.editionId,
    donorName: row.donorName,
    anonymous: Boolean(row.anonymous),
    beneficiaryName: row.beneficiaryName ?? '',
  };
}

export interface PaidGift {
  donationId: string;
  amountCents: number;
  at: string;
}

/** The latest money in of an edition (gifts and monthly charges), newest first. */
export function latestPaidGifts(db: DatabaseSync, editionId: string, limit: number): PaidGift[] {
  const rows = db
    .prepare(
      `SELECT donation_id AS donationId, amount_cents AS amountCents, at FROM gifts
       WHERE edition_id = ? AND kind IN ('payment', 'charge') ORDER BY at DESC, movement_id DESC LIMIT ?`,
    )
    .all(editionId, limit) as unknown as PaidGift[];
  return rows.map((r) => ({ ...r, amountCents: Number(r.amountCents) }));
}

import type { DatabaseSync } from 'node:sqlite';
import type { DonationFlaggedForFinance } from '@rw/fundraising';
import type { LedgerMovementKind } from './projection';

/** One row of the finance export. Money in cents; the export converts to euros at its edge. */
export interface LedgerRow {
  movementId: string;
  /** Brussels calendar day the money moved. */
  effectiveOn: string;
  /** The instant, when known (an offline gift has only its day). */
  effectiveAt: string | null;
  kind: LedgerMovementKind;
  donationId: string | null;
  provider: string | null;
  providerReference: string | null;
  grossCents: number;
  feeCents: number;
  netCents: number;
  donorName: string | null;
  donorEmail: string | null;
  beneficiaryType: string;
  beneficiaryName: string | null;
  editionId: string;
  editionName: string | null;
  communication: string | null;
  /**
   * For a payment through a provider that charges a fee (Stripe, Mollie): `known` once the provider reported its
   * fee on that payment (a `provider_fee` row), `unknown` until then (Mollie reports fees only in its settlements:
   * an unknown fee is not a zero fee). Empty for every other row.
   */
  feeStatus: 'known' | 'unknown' | '';
  /**
   * Of grossCents, what the donor added to cover the provider's estimated fee (0 when they did not): given like the
   * rest, so part of the gross and of raised; shown apart so that finance sees what paid the fees.
   */
  coveredFeesCents: number;
}

/**
 * The movements whose Brussels day is within `fromOn`..`toOn` (inclusive), in date order, one at a time from SQLite
 * so that a long period never sits in memory. Names are joined here, never copied into the ledger.
 */
export function* ledgerRows(db: DatabaseSync, fromOn: string, toOn: string): Generator<LedgerRow> {
  const statement = db.prepare(
    `SELECT m.movement_id AS movementId, m.effective_on AS effectiveOn, m.effective_at AS effectiveAt, m.kind,
       m.donation_id AS donationId, m.provider, m.provider_reference AS providerReference,
       m.gross_cents AS grossCents, m.fee_cents AS feeCents, m.net_cents AS netCents,
       d.name AS donorName, d.email AS donorEmail, m.beneficiary_type AS beneficiaryType,
       CASE m.beneficiary_type WHEN 'walker' THEN w.name WHEN 'team' THEN t.name ELSE e.name END AS beneficiaryName,
       m.edition_id AS editionId, e.name AS editionName, m.communication,
       CASE
         WHEN m.kind NOT IN ('gift_paid', 'monthly_charge', 'monthly_charge_after_cancellation')
           OR m.provider NOT IN ('stripe', 'mollie') THEN ''
         WHEN EXISTS (SELECT 1 FROM ledger_fees f
                      WHERE f.donation_id = m.donation_id AND f.provider_payment_id = m.provider_reference) THEN 'known'
         ELSE 'unknown'
       END AS feeStatus,
       m.covered_fees_cents AS coveredFeesCents
     FROM ledger_movements m
     LEFT JOIN donors d ON d.donor_key = m.donor_key
     LEFT JOIN walkers w ON m.beneficiary_type = 'walker' AND w.walker_id = m.beneficiary_id
     LEFT JOIN teams t ON m.beneficiary_type = 'team' AND t.team_id = m.beneficiary_id
     LEFT JOIN editions e ON e.edition_id = m.edition_id
     WHERE m.effective_on BETWEEN ? AND ?
     ORDER BY m.effective_on, COALESCE(m.effective_at, ''), m.movement_id`,
  );
  for (const row of statement.iterate(fromOn, toOn)) yield row as unknown as LedgerRow;
}

export interface DonorFigures {
  /** Distinct donors with at least one such gift paid in the year. */
  donors: number;
  gifts: number;
  /** The gifts' sum divided by their count, rounded half up; 0 without gifts. */
  averageGiftCents: number;
}

export interface DonorStatistics {
  year: number;
  oneOff: DonorFigures;
  monthly: DonorFigures;
}

/**
 * DESIGN.md "donor statistics" for a Brussels calendar year. One-off: the payment of each one-off gift (online,
 * offline, imported). Monthly: the first payment of each monthly gift and every monthly charge, a charge received
 * after cancellation included (the money came in). A gift counts once paid, even if refunded later; registration
 * fees and provider fees never count.
 */
export function donorStatistics(db: DatabaseSync, year: number): DonorStatistics {
  const figures = (where: string): DonorFigures => {
    const row = db
      .prepare(
        `SELECT COUNT(DISTINCT donor_key) AS donors, COUNT(*) AS gifts, COALESCE(SUM(gross_cents), 0) AS sumCents
         FROM ledger_movements WHERE effective_on BETWEEN ? AND ? AND (${where})`,
      )
      .get(`${year}-01-01`, `${year}-12-31`) as { donors: number; gifts: number; sumCents: number };
    const gifts = BigInt(row.gifts);
    const sumCents = BigInt(row.sumCents);
    // half up in integers: floor((2·sum + count) / (2·count))
    const averageGiftCents = gifts === 0n ? 0 : Number((2n * sumCents + gifts) / (2n * gifts));
    return { donors: Number(row.donors), gifts: Number(row.gifts), averageGiftCents };
  };
  return { year, oneOff: figures(ONE_OFF_GIFT), monthly: figures(MONTHLY_GIFT) };
}

/** The movements that are a one-off gift's payment, and a monthly gift's (the first and every charge). */
const ONE_OFF_GIFT = `kind IN ('gift_paid', 'offline_gift', 'imported_gift') AND frequency = 'one_off'`;
const MONTHLY_GIFT = `(kind IN ('gift_paid', 'offline_gift', 'imported_gift') AND frequency = 'monthly')
       OR kind IN ('monthly_charge', 'monthly_charge_after_cancellation')`;

export interface MonthOfGifts {
  /** 1 to 12. */
  month: number;
  gifts: number;
  sumCents: number;
}

/**
 * The gifts of a Brussels calendar year per month, counted as the donor statistics count them (one-off and monthly
 * together): twelve months, a month without gifts included.
 */
export function giftsPerMonth(db: DatabaseSync, year: number): MonthOfGifts[] {
  const rows = db
    .prepare(
      `SELECT CAST(substr(effective_on, 6, 2) AS INTEGER) AS month, COUNT(*) AS gifts,
         COALESCE(SUM(gross_cents), 0) AS sumCents
       FROM ledger_movements WHERE effective_on BETWEEN ? AND ? AND ((${ONE_OFF_GIFT}) OR (${MONTHLY_GIFT}))
       GROUP BY month`,
    )
    .all(`${year}-01-01`, `${year}-12-31`) as { month: number; gifts: number; sumCents: number }[];
  const byMonth = new Map(rows.map((row) => [Number(row.month), row]));
  return Array.from({ length: 12 }, (_, index) => {
    const row = byMonth.get(index + 1);
    return { month: index + 1, gifts: Number(row?.gifts ?? 0), sumCents: Number(row?.sumCents ?? 0) };
  });
}

/** A provider's report that could not be applied to a gift (DonationFlaggedForFinance), for finance to look into. */
export type FinanceFlag = DonationFlaggedForFinance['data'];

/** Every flag, newest first. */
export function financeFlags(db: DatabaseSync): FinanceFlag[] {
  return db
    .prepare(
      `SELECT donation_id AS donationId, provider_reference AS providerReference, reported,
         recorded_status AS recordedStatus, problem, flagged_at AS flaggedAt
       FROM ledger_flags ORDER BY flagged_at DESC, flag_id`,
    )
    .all() as unknown as FinanceFlag[];
}

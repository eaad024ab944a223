import type { DatabaseSync } from 'node:sqlite';

export interface RaisedFigures {
  raisedCents: number;
  /** Distinct donors with at least one paid gift (a payment or a monthly charge). */
  donorCount: number;
}

export type RaisedScope = 'edition' | 'team' | 'walker';

/** Raised amount and donors of an edition, a team (its walkers' gifts included) or a walker. */
export function raised(db: DatabaseSync, scope: RaisedScope, id: string): RaisedFigures {
  const row = db
    .prepare(
      'SELECT raised_cents AS raisedCents, donor_count AS donorCount FROM raised_totals WHERE scope = ? AND id = ?',
    )
    .get(scope, id) as { raisedCents: number; donorCount: number } | undefined;
  return { raisedCents: Number(row?.raisedCents ?? 0), donorCount: Number(row?.donorCount ?? 0) };
}

export interface Supporter {
  name: string;
  message: string;
  amountCents?: number;
  at: string;
}

/** How many gifts a wall shows; the rest are counted ("and N more"), never cut silently. */
export const WALL_SIZE = 50;

/** The supporters wall of a walker: paid gifts to them, newest first; "anonymous" and no amount when asked. */
export function supportersOf(db: DatabaseSync, walkerId: string, limit = WALL_SIZE): Supporter[] {
  return wallOf(db, 'walker', walkerId, limit).supporters;
}

export interface Wall {
  /** The newest paid gifts, at most the wall's size. */
  supporters: Supporter[];
  /** All paid gifts to the beneficiary, shown or not. */
  total: number;
}

/**
 * The wall of a walker or of a team: paid gifts to that beneficiary itself (a team's wall holds the gifts to the
 * team, not those to its walkers, which are on their own walls), newest first, with how many there are in all.
 */
export function wallOf(db: DatabaseSync, beneficiary: 'walker' | 'team', id: string, limit = WALL_SIZE): Wall {
  // a walker's gifts are found by their index on walker_id, a team's by the beneficiary index
  const where =
    beneficiary === 'walker'
      ? "walker_id = ? AND beneficiary_type = 'walker' AND settlement = 'paid'"
      : "beneficiary_id = ? AND beneficiary_type = 'team' AND settlement = 'paid'";
  const rows = db
    .prepare(
      `SELECT donor_name AS name, message, amount_cents AS amountCents, anonymous, paid_at AS at
       FROM donations WHERE ${where} ORDER BY paid_at DESC, donation_id LIMIT ?`,
    )
    .all(id, limit) as {
    name: string;
    message: string | null;
    amountCents: number;
    anonymous: number;
    at: string;
  }[];
  const total =
    rows.length < limit
      ? rows.length
      : Number((db.prepare(`SELECT COUNT(*) AS n FROM donations WHERE ${where}`).get(id) as { n: number }).n);
  const supporters = rows.map((r) =>
    // an erased donor's gift shows as anonymous (no name is left to show); its amount stays
    r.anonymous
      ? { name: 'anonymous', message: r.message ?? '', at: r.at }
      : r.name === ''
        ? { name: 'anonymous', message: r.message ?? '', amountCents: Number(r.amountCents), at: r.at }
        : { name: r.name, message: r.message ?? '', amountCents: Number(r.amountCents), at: r.at },
  );
  return { supporters, total };
}

/**
 * Whether a provider's payment id is one we recorded: the payment of a gift's checkout, or a payment (a monthly
 * charge) booked on one of our gifts. Both by index: a webhook asks this before any call to the provider.
 */
export function isRecordedProviderPayment(db: DatabaseSync, paymentId: string): boolean {
  return (
    db.prepare('SELECT 1 FROM donations WHERE checkout_reference = ? LIMIT 1').get(paymentId) !== undefined ||
    db.prepare('SELECT 1 FROM ledger_movements WHERE provider_reference = ? LIMIT 1').get(paymentId) !== undefined
  );
}

/** Whether any monthly gift through this provider was ever paid: only then can a payment of ours be new to us. */
export function hasPaidMonthlyGifts(db: DatabaseSync, provider: string): boolean {
  return (
    db
      .prepare("SELECT 1 FROM donations WHERE provider = ? AND frequency = 'monthly' AND paid_at IS NOT NULL LIMIT 1")
      .get(provider) !== undefined
  );
}

/** A gift as the edition's home page shows it: an anonymous gift has neither name nor amount. */
export interface PublicGift {
  /** Undefined for an anonymous gift, or when the donor's name was erased. */
  donorName?: string;
  /** Undefined for an anonymous gift. */
  amountCents?: number;
  beneficiary: { type: 'edition' | 'team' | 'walker'; id: string; slug?: string; name: string };
  at: string;
}

/** The latest paid gifts of an edition (a monthly gift once, at its latest charge), newest first. */
export function latestPublicGifts(db: DatabaseSync, editionId: string, limit: number): PublicGift[] {
  const rows = db
    .prepare(
      `SELECT d.donor_name AS donorName, d.anonymous AS anonymous, g.amount_cents AS amountCents, g.at AS at,
              d.beneficiary_type AS type, d.beneficiary_id AS id,
              COALESCE(w.slug, t.slug) AS slug, COALESCE(w.name, t.name, e.name, '') AS name
       FROM gifts g INDEXED BY gifts_by_edition_at
       JOIN donations d ON d.donation_id = g.donation_id
       LEFT JOIN walkers w ON d.beneficiary_type = 'walker' AND w.walker_id = d.beneficiary_id
       LEFT JOIN teams t ON d.beneficiary_type = 'team' AND t.team_id = d.beneficiary_id
       LEFT JOIN editions e ON e.edition_id = d.edition_id
       WHERE g.edition_id = ? AND g.kind IN ('payment', 'charge')
       ORDER BY g.at DESC, g.movement_id DESC LIMIT ?`,
    )
    .all(editionId, limit) as {
    donorName: string;
    anonymous: number;
    amountCents: number;
    at: string;
    type: PublicGift['beneficiary']['type'];
    id: string;
    slug: string | null;
    name: string;
  }[];
  return rows.map((row) => ({
    ...(row.anonymous || row.donorName === '' ? {} : { donorName: row.donorName }),
    ...(row.anonymous ? {} : { amountCents: Number(row.amountCents) }),
    beneficiary: { type: row.type, id: row.id, ...(row.slug ? { slug: row.slug } : {}), name: row.name },
    at: row.at,
  }));
}

/** A gift at its provider, for the reconciliation round: its id and the provider's reference of its checkout. */
export interface GiftAtProvider {
  donationId: string;
  checkoutReference: string;
}

/**
 * The gifts of one provider the reconciliation round asks about, oldest first: those created before `before` and
 * still pending; those paid without a known fee, created since `feeSince`; and, when `paidSince` is given, those
 * paid since then (a refund or charge-back made in the provider's dashboard whose webhook was lost).
 */
export function giftsToReconcile(
  db: DatabaseSync,
  provider: string,
  window: { before: string; feeSince: string; paidSince: string | null },
): GiftAtProvider[] {
  return db
    .prepare(
      `SELECT donation_id AS donationId, checkout_reference AS checkoutReference FROM donations
       WHERE provider = ? AND checkout_reference IS NOT NULL AND created_at <= ?
         AND (settlement = 'pending'
           OR (settlement = 'paid' AND fee_cents IS NULL AND created_at >= ?)
           OR (settlement = 'paid' AND ? = 1 AND COALESCE(paid_at, created_at) >= ?))
       ORDER BY created_at`,
    )
    .all(
      provider,
      window.before,
      window.feeSince,
      window.paidSince === null ? 0 : 1,
      window.paidSince ?? '',
    ) as unknown as GiftAtProvider[];
}

/** How a gift was opened at its provider (a monthly gift's subscription starts from it); undefined when unknown. */
export function giftCheckout(
  db: DatabaseSync,
  donationId: string,
): { frequency: string; provider: string; checkoutReference: string | null } | undefined {
  return db
    .prepare('SELECT frequency, provider, checkout_reference AS checkoutReference FROM donations WHERE donation_id = ?')
    .get(donationId) as { frequency: string; provider: string; checkoutReference: string | null } | undefined;
}

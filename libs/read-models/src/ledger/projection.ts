import type { RecordedEvent } from '@rw/event-store';
import { brusselsDay } from '@rw/kernel';
import {
  type DonationEvent,
  donationEventTypes,
  formatStructuredCommunication,
  type GiftFacts,
  parseStructuredCommunication,
  type TransferCommunicationIssued,
  type WalkerEvent,
} from '@rw/fundraising';
import { giftDonorKey } from '../gifts/projection';
import type { Projection } from '../runner/projection';

type Handled =
  | DonationEvent
  | Extract<WalkerEvent, { type: 'WalkerRegistered' | 'RegistrationFeePaid' }>
  | TransferCommunicationIssued;

/** What moved the money; the finance export's "movement type". */
export type LedgerMovementKind =
  | 'gift_paid'
  | 'offline_gift'
  | 'imported_gift'
  | 'monthly_charge'
  /** Money of a month that came in after the donor cancelled: received, so booked, but flagged for finance. */
  | 'monthly_charge_after_cancellation'
  | 'refund'
  /** A refund booked earlier that failed at the provider: the money is back. */
  | 'refund_reversed'
  | 'chargeback'
  /** A charge-back given back (a won dispute, a reversed Mollie chargeback). */
  | 'chargeback_reversed'
  | 'provider_fee'
  /** A walker's registration fee: money in, never a gift. */
  | 'registration_fee';

// the one Brussels day, kept where readers of the read models have always found it
export { brusselsDay };

/** The offline reference when it is a valid structured communication (DESIGN.md section 6), printed `+++…+++`. */
export function structuredCommunication(reference: string | undefined): string | null {
  const communication = reference ? parseStructuredCommunication(reference) : null;
  return communication ? formatStructuredCommunication(communication) : null;
}

/**
 * The ledger: one row per money movement, dated when the money moved (a payment's paidAt, a refund's refundedAt,
 * an offline gift's receivedOn), never rewritten. A payment row has the gross amount and no fee; each provider fee
 * is a row of its own (gross 0), and a corrected fee adds a row with the difference. Donors are held by key only:
 * their name and e-mail are joined from `donors` at query time, so that erasing a donor scrubs one place.
 */
export const ledgerProjection: Projection = {
  name: 'ledger',
  // 5: what a movement counts for is read from its event; the gift's own row keeps only its donor and communication
  // 6: a payment's covered fees (the part of its gross the donor added to cover the provider's fee)
  version: 6,
  eventTypes: [
    ...donationEventTypes,
    'WalkerRegistered',
    'RegistrationFeePaid',
    'TransferCommunicationIssued',
  ] satisfies Handled['type'][],
  open(db) {
    db.exec(`
      -- before version 5 it held a copy of every gift's edition, beneficiary, frequency and provider
      DROP TABLE IF EXISTS ledger_donations;
      -- what no money event says of its gift: who gave it (by key only) and the communication it was paid with
      CREATE TABLE IF NOT EXISTS ledger_gift_donors (
        donation_id   TEXT PRIMARY KEY,
        donor_key     TEXT NOT NULL,
        communication TEXT
      );
      CREATE TABLE IF NOT EXISTS ledger_walkers (
        walker_id  TEXT PRIMARY KEY,
        edition_id TEXT NOT NULL
      );
      -- the latest fee booked per provider payment, so that a correction books only the difference
      CREATE TABLE IF NOT EXISTS ledger_fees (
        donation_id         TEXT NOT NULL,
        provider_payment_id TEXT NOT NULL,
        fee_cents           INTEGER NOT NULL,
        PRIMARY KEY (donation_id, provider_payment_id)
      );
      -- provider reports that could not be applied to a gift: finance looks into each
      CREATE TABLE IF NOT EXISTS ledger_flags (
        flag_id           TEXT PRIMARY KEY,
        donation_id       TEXT NOT NULL,
        provider_reference TEXT NOT NULL,
        reported          TEXT NOT NULL,
        recorded_status   TEXT NOT NULL,
        problem           TEXT NOT NULL,
        flagged_at        TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS ledger_movements (
        movement_id        TEXT PRIMARY KEY,
        effective_on       TEXT NOT NULL,
        effective_at       TEXT,
        kind               TEXT NOT NULL,
        donation_id        TEXT,
        frequency          TEXT,
        provider           TEXT,
        provider_reference TEXT,
        gross_cents        INTEGER NOT NULL,
        fee_cents          INTEGER NOT NULL,
        net_cents          INTEGER NOT NULL,
        donor_key          TEXT,
        beneficiary_type   TEXT NOT NULL,
        beneficiary_id     TEXT NOT NULL,
        edition_id         TEXT NOT NULL,
        communication      TEXT,
        covered_fees_cents INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS ledger_movements_by_day ON ledger_movements (effective_on, effective_at, movement_id);
      CREATE INDEX IF NOT EXISTS ledger_movements_by_reference ON ledger_movements (provider_reference);
    `);
    // a table made before version 6 gains the column (the runner then replays the events into it)
    const columns = db.prepare('PRAGMA table_info(ledger_movements)').all() as { name: string }[];
    if (!columns.some((column) => column.name === 'covered_fees_cents')) {
      db.exec('ALTER TABLE ledger_movements ADD COLUMN covered_fees_cents INTEGER NOT NULL DEFAULT 0');
    }
    const insertDonation = db.prepare(
      'INSERT INTO ledger_gift_donors (donation_id, donor_key, communication) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const donation = db.prepare('SELECT donor_key, communication FROM ledger_gift_donors WHERE donation_id = ?');
    const setCommunication = db.prepare('UPDATE ledger_gift_donors SET communication = ? WHERE donation_id = ?');
    const insertWalker = db.prepare(
      'INSERT INTO ledger_walkers (walker_id, edition_id) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    const walkerEdition = db.prepare('SELECT edition_id FROM ledger_walkers WHERE walker_id = ?');
    const latestFee = db.prepare('SELECT fee_cents FROM ledger_fees WHERE donation_id = ? AND provider_payment_id = ?');
    const insertFlag = db.prepare(
      `INSERT INTO ledger_flags (flag_id, donation_id, provider_reference, reported, recorded_status, problem, flagged_at)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const setFee = db.prepare(
      `INSERT INTO ledger_fees (donation_id, provider_payment_id, fee_cents) VALUES (?, ?, ?)
       ON CONFLICT (donation_id, provider_payment_id) DO UPDATE SET fee_cents = excluded.fee_cents`,
    );
    const movementExists = db.prepare('SELECT 1 FROM ledger_movements WHERE movement_id = ?');
    const insertMovement = db.prepare(
      `INSERT INTO ledger_movements (movement_id, effective_on, effective_at, kind, donation_id, frequency, provider,
         provider_reference, gross_cents, fee_cents, net_cents, donor_key, beneficiary_type, beneficiary_id, edition_id,
         communication, covered_fees_cents)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const book = (
      movementId: string,
      { donationId, gift }: { donationId: string; gift?: GiftFacts },
      kind: LedgerMovementKind,
      when: { on: string; at: string | null },
      providerReference: string,
      grossCents: number,
      feeCents: number,
      /** Of grossCents, what the donor added to cover the fees: part of the gift, shown apart for finance. */
      coveredFeesCents = 0,
    ) => {
      const d = donation.get(donationId) as { donor_key: string; communication: string | null } | undefined;
      // every money event says what it counts for, read through the upcasters; both are there once the gift is
      if (!d || !gift) return;
      insertMovement.run(
        movementId,
        when.on,
        when.at,
        kind,
        donationId,
        gift.frequency,
        gift.provider,
        providerReference,
        grossCents,
        feeCents,
        grossCents - feeCents,
        d.donor_key,
        gift.beneficiary.type,
        gift.beneficiary.id,
        gift.editionId,
        d.communication,
        coveredFeesCents,
      );
    };
    const instant = (at: string) => ({ on: brusselsDay(at), at });
    return {
      reset: () =>
        db.exec(
          'DELETE FROM ledger_gift_donors; DELETE FROM ledger_walkers; DELETE FROM ledger_fees; DELETE FROM ledger_movements; DELETE FROM ledger_flags;',
        ),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as Handled;
        switch (event.type) {
          case 'DonationCreated': {
            const d = event.data;
            insertDonation.run(
              d.donationId,
              giftDonorKey(d.donor, d.donationId),
              structuredCommunication(d.recordedOffline?.reference),
            );
            return;
          }
          case 'DonationPaid': {
            const provider = event.data.gift?.provider;
            const kind: LedgerMovementKind =
              provider === 'offline' ? 'offline_gift' : provider === 'import' ? 'imported_gift' : 'gift_paid';
            // an offline or imported gift moved on the day the organiser received it, whenever it was recorded; a
            // transfer on the value date of the bank's line, a day (payments recorded before paidOn existed were
            // dated at midnight UTC of that day)
            const paidOn =
              event.data.paidOn ??
              (provider === 'bank_transfer' && event.data.paidAt.endsWith('T00:00:00.000Z')
                ? event.data.paidAt.slice(0, 10)
                : undefined);
            const receivedOn = event.data.gift?.receivedOn;
            const when = receivedOn
              ? { on: receivedOn, at: null }
              : paidOn
                ? { on: paidOn, at: null }
                : instant(event.data.paidAt);
            book(
              `${event.data.donationId}:first`,
              event.data,
              kind,
              when,
              event.data.providerReference,
              event.data.amountCents,
              0,
              event.data.coverFeesCents,
            );
            return;
          }
          case 'MonthlyChargePaid':
          case 'MonthlyChargePaidAfterCancellation':
            book(
              `${event.data.donationId}:charge:${event.data.chargeId}`,
              event.data,
              event.type === 'MonthlyChargePaid' ? 'monthly_charge' : 'monthly_charge_after_cancellation',
              instant(event.data.paidAt),
              event.data.providerReference,
              event.data.amountCents,
              0,
              event.data.coverFeesCents,
            );
            return;
          case 'DonationRefunded':
            book(
              `${event.data.donationId}:refund:${event.data.refundId}`,
              event.data,
              'refund',
              instant(event.data.refundedAt),
              event.data.refundId,
              -event.data.amountCents,
              0,
            );
            return;
          case 'DonationChargedBack':
            book(
              `${event.data.donationId}:chargeback:${event.data.chargebackId}`,
              event.data,
              'chargeback',
              instant(event.data.chargedBackAt),
              event.data.chargebackId,
              -event.data.amountCents,
              0,
            );
            return;
          case 'DonationRefundReversed':
            book(
              `${event.data.donationId}:refund-reversed:${event.data.refundId}`,
              event.data,
              'refund_reversed',
              instant(event.data.reversedAt),
              event.data.refundId,
              event.data.amountCents,
              0,
            );
            return;
          case 'DonationChargebackReversed':
            book(
              `${event.data.donationId}:chargeback-reversed:${event.data.chargebackId}`,
              event.data,
              'chargeback_reversed',
              instant(event.data.reversedAt),
              event.data.chargebackId,
              event.data.amountCents,
              0,
            );
            return;
          case 'ProviderFeeRecorded': {
            // keyed by the event: a replay of the same fact books nothing, a correction books the difference
            const movementId = `${event.data.donationId}:fee:${recorded.id}`;
            if (movementExists.get(movementId)) return;
            const { donationId, providerPaymentId, feeCents } = event.data;
            const before = latestFee.get(donationId, providerPaymentId) as { fee_cents: number } | undefined;
            const differenceCents = feeCents - Number(before?.fee_cents ?? 0);
            setFee.run(donationId, providerPaymentId, feeCents);
            if (differenceCents === 0) return;
            book(
              movementId,
              event.data,
              'provider_fee',
              instant(event.data.recordedAt),
              providerPaymentId,
              0,
              differenceCents,
            );
            return;
          }
          case 'WalkerRegistered':
            insertWalker.run(event.data.walkerId, event.data.editionId);
            return;
          case 'RegistrationFeePaid': {
            const walker = walkerEdition.get(event.data.walkerId) as { edition_id: string } | undefined;
            if (!walker) return;
            insertMovement.run(
              `fee-${event.data.walkerId}:${event.data.paymentReference}`,
              brusselsDay(event.data.paidAt),
              event.data.paidAt,
              'registration_fee',
              null,
              null,
              null,
              event.data.paymentReference,
              event.data.feeCents,
              0,
              event.data.feeCents,
              null,
              'walker',
              event.data.walkerId,
              walker.edition_id,
              null,
              0,
            );
            return;
          }
          case 'DonationFlaggedForFinance':
            insertFlag.run(
              recorded.id,
              event.data.donationId,
              event.data.providerReference,
              event.data.reported,
              event.data.recordedStatus,
              event.data.problem,
              event.data.flaggedAt,
            );
            return;
          // a gift by bank transfer: the communication it was given is booked with its payment
          case 'TransferCommunicationIssued':
            setCommunication.run(structuredCommunication(event.data.communication), event.data.donationId);
            return;
          case 'DonationCheckoutOpened':
          case 'DonationFailed':
          case 'DonationExpired':
          case 'DonationCanceled':
          case 'MonthlyDonationCancelled':
          case 'DonationPaymentAttemptFailed':
            return;
          default: {
            const _exhaustive: never = event;
            return _exhaustive;
          }
        }
      },
    };
  },
};

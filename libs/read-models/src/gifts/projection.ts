import { createHash } from 'node:crypto';
import type { RecordedEvent } from '@rw/event-store';
import { type DonationEvent, type Donor, type DonorEvent, donationEventTypes, type GiftFacts } from '@rw/fundraising';
import type { Projection } from '../runner/projection';

/** Donors are counted by e-mail address; the read model keeps only a hash of it. */
export function donorKey(email: string): string {
  return createHash('sha256').update(email.trim().toLowerCase()).digest('hex').slice(0, 32);
}

/**
 * Who a gift is from, for counting donors: the vault's random donor id (the same before and after an erasure,
 * and linkable to nobody once the key is gone); the e-mail hash only for events written without the vault.
 */
export function donorKeyOf(donor: Donor): string {
  return donor.donorId ?? donorKey(donor.email);
}

/**
 * Who a gift is from: a gift an organiser recorded without an address (cash from a collection jar) is a donor of
 * its own, never counted, named or certified together with another such gift (they share no person to tell apart).
 */
export function giftDonorKey(donor: Donor, donationId: string): string {
  return donor.email === '' && !donor.erased ? `gift:${donationId}` : donorKeyOf(donor);
}

/**
 * Donations and every movement of their money. `gifts` has one row per movement that changes a raised amount:
 * + a first payment or a monthly charge, − a refund or a charge-back, + a refund that failed or a charge-back
 * reversed (DESIGN.md: raised = paid gifts minus
 * refunds and charge-backs; a gift to a walker counts for the walker's team too). Fees never appear here.
 */
export const giftsProjection: Projection = {
  name: 'gifts',
  version: 8,
  eventTypes: [...donationEventTypes, 'DonorErased'],
  open(db) {
    // version 8 added surname and first_names: a donors table from before is dropped and, the version having
    // changed, rebuilt from the events like the rest of this read model
    const donorColumns = db.prepare("SELECT name FROM pragma_table_info('donors')").all() as { name: string }[];
    if (donorColumns.length > 0 && !donorColumns.some((column) => column.name === 'surname')) {
      db.exec('DROP TABLE donors');
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS donations (
        donation_id      TEXT PRIMARY KEY,
        edition_id       TEXT NOT NULL,
        beneficiary_type TEXT NOT NULL,
        beneficiary_id   TEXT NOT NULL,
        team_id          TEXT,
        walker_id        TEXT,
        amount_cents     INTEGER NOT NULL,
        frequency        TEXT NOT NULL,
        donor_name       TEXT NOT NULL,
        donor_key        TEXT NOT NULL,
        message          TEXT,
        anonymous        INTEGER NOT NULL,
        provider         TEXT NOT NULL,
        settlement       TEXT NOT NULL,
        checkout_reference TEXT,
        fee_cents        INTEGER,
        created_at       TEXT NOT NULL,
        paid_at          TEXT,
        -- offline gifts: the day the money came in, and whether it is cash collected from others (tax certificates)
        received_on      TEXT,
        collective       INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS donations_by_walker ON donations (walker_id, paid_at);
      -- a team's page shows the wall of gifts to the team itself
      CREATE INDEX IF NOT EXISTS donations_by_beneficiary ON donations (beneficiary_id, paid_at);
      -- a provider's webhook names a payment: is it one of ours (before any call to the provider)?
      CREATE INDEX IF NOT EXISTS donations_by_checkout ON donations (checkout_reference);
      CREATE TABLE IF NOT EXISTS gifts (
        movement_id  TEXT PRIMARY KEY,
        donation_id  TEXT NOT NULL,
        kind         TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        edition_id   TEXT NOT NULL,
        team_id      TEXT,
        walker_id    TEXT,
        donor_key    TEXT NOT NULL,
        frequency    TEXT NOT NULL,
        at           TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS gifts_by_edition ON gifts (edition_id, kind);
      -- the latest gifts of an edition (its home page), read newest first without sorting them all
      CREATE INDEX IF NOT EXISTS gifts_by_edition_at ON gifts (edition_id, at);
      CREATE INDEX IF NOT EXISTS gifts_by_team ON gifts (team_id, kind);
      CREATE INDEX IF NOT EXISTS gifts_by_walker ON gifts (walker_id, kind);
      -- one row per donor: the latest name, e-mail, address and national number given (personal data, GDPR)
      CREATE TABLE IF NOT EXISTS donors (
        donor_key       TEXT PRIMARY KEY,
        name            TEXT NOT NULL,
        -- given apart when a tax certificate was asked (NULL: only the name is known)
        surname         TEXT,
        first_names     TEXT,
        email           TEXT NOT NULL,
        street          TEXT,
        postal_code     TEXT,
        city            TEXT,
        country         TEXT,
        national_number TEXT,
        updated_at      TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS provider_fees (
        donation_id         TEXT NOT NULL,
        provider_payment_id TEXT NOT NULL,
        fee_cents           INTEGER NOT NULL,
        PRIMARY KEY (donation_id, provider_payment_id)
      );
      -- running totals per edition, team and walker, so that pages and leaderboards read one row
      CREATE TABLE IF NOT EXISTS raised_totals (
        scope        TEXT NOT NULL,
        id           TEXT NOT NULL,
        raised_cents INTEGER NOT NULL DEFAULT 0,
        donor_count  INTEGER NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, id)
      );
      -- the leaderboards read the highest totals first
      CREATE INDEX IF NOT EXISTS raised_totals_by_amount ON raised_totals (scope, raised_cents);
      CREATE TABLE IF NOT EXISTS raised_donors (
        scope     TEXT NOT NULL,
        id        TEXT NOT NULL,
        donor_key TEXT NOT NULL,
        PRIMARY KEY (scope, id, donor_key)
      );
    `);
    const insertDonation = db.prepare(
      `INSERT INTO donations (donation_id, edition_id, beneficiary_type, beneficiary_id, team_id, walker_id, amount_cents,
         frequency, donor_name, donor_key, message, anonymous, provider, settlement, created_at, received_on, collective)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    // the latest details win; an address or national number given once is kept when a later gift omits it; a
    // surname and first names given once are kept while the name stays the same
    const upsertDonor = db.prepare(
      `INSERT INTO donors (donor_key, name, surname, first_names, email, street, postal_code, city, country,
         national_number, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (donor_key) DO UPDATE SET name = excluded.name, email = excluded.email,
         surname = CASE WHEN excluded.surname IS NOT NULL THEN excluded.surname
           WHEN excluded.name = name THEN surname END,
         first_names = CASE WHEN excluded.surname IS NOT NULL THEN excluded.first_names
           WHEN excluded.name = name THEN first_names END,
         street = COALESCE(excluded.street, street), postal_code = COALESCE(excluded.postal_code, postal_code),
         city = COALESCE(excluded.city, city), country = COALESCE(excluded.country, country),
         national_number = COALESCE(excluded.national_number, national_number), updated_at = excluded.updated_at`,
    );
    const forgetDonor = db.prepare('DELETE FROM donors WHERE donor_key = ?');
    const blankDonorName = db.prepare("UPDATE donations SET donor_name = '' WHERE donor_key = ?");
    const setFee = db.prepare(
      `INSERT INTO provider_fees (donation_id, provider_payment_id, fee_cents) VALUES (?, ?, ?)
       ON CONFLICT (donation_id, provider_payment_id) DO UPDATE SET fee_cents = excluded.fee_cents`,
    );
    const sumFees = db.prepare(
      'UPDATE donations SET fee_cents = (SELECT SUM(fee_cents) FROM provider_fees WHERE donation_id = ?) WHERE donation_id = ?',
    );
    const setCheckout = db.prepare('UPDATE donations SET checkout_reference = ? WHERE donation_id = ?');
    const settle = db.prepare(
      'UPDATE donations SET settlement = ?, paid_at = COALESCE(?, paid_at) WHERE donation_id = ?',
    );
    const donorOf = db.prepare('SELECT donor_key FROM donations WHERE donation_id = ?');
    const insertMovement = db.prepare(
      `INSERT INTO gifts (movement_id, donation_id, kind, amount_cents, edition_id, team_id, walker_id, donor_key, frequency, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const addRaised = db.prepare(
      `INSERT INTO raised_totals (scope, id, raised_cents) VALUES (?, ?, ?)
       ON CONFLICT (scope, id) DO UPDATE SET raised_cents = raised_cents + excluded.raised_cents`,
    );
    const addDonor = db.prepare(
      'INSERT INTO raised_donors (scope, id, donor_key) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const countDonor = db.prepare('UPDATE raised_totals SET donor_count = donor_count + 1 WHERE scope = ? AND id = ?');
    /** One movement of a gift's money: what it counts for comes with the event, who gave it from the gift's row. */
    const movement = (
      { donationId, gift }: { donationId: string; gift?: GiftFacts },
      movementId: string,
      kind: string,
      amountCents: number,
      at: string,
    ) => {
      const d = donorOf.get(donationId) as { donor_key: string } | undefined;
      // read through the upcasters every money event says what it counts for; both are there once the gift is
      if (!d || !gift) return;
      const inserted = insertMovement.run(
        movementId,
        donationId,
        kind,
        amountCents,
        gift.editionId,
        gift.teamId ?? null,
        gift.walkerId ?? null,
        d.donor_key,
        gift.frequency,
        at,
      );
      if (Number(inserted.changes) === 0) return;
      const scopes: [string, string | undefined][] = [
        ['edition', gift.editionId],
        ['team', gift.teamId],
        ['walker', gift.walkerId],
      ];
      for (const [scope, id] of scopes) {
        if (id === undefined) continue;
        addRaised.run(scope, id, amountCents);
        // a donor counts once a gift of theirs was paid (a payment or a monthly charge)
        if ((kind === 'payment' || kind === 'charge') && Number(addDonor.run(scope, id, d.donor_key).changes) === 1) {
          countDonor.run(scope, id);
        }
      }
    };
    return {
      reset: () =>
        db.exec(
          'DELETE FROM donations; DELETE FROM donors; DELETE FROM gifts; DELETE FROM raised_totals; DELETE FROM raised_donors; DELETE FROM provider_fees;',
        ),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as DonationEvent | DonorEvent;
        switch (event.type) {
          case 'DonorErased':
            // the donor's key is deleted too, so a rebuild reads their gifts as erased and writes the same rows
            forgetDonor.run(event.data.donorId);
            blankDonorName.run(event.data.donorId);
            return;
          case 'DonationCreated': {
            const d = event.data;
            const key = giftDonorKey(d.donor, d.donationId);
            insertDonation.run(
              d.donationId,
              d.editionId,
              d.beneficiary.type,
              d.beneficiary.id,
              d.teamId ?? null,
              d.walkerId ?? null,
              d.amountCents,
              d.frequency,
              d.donor.erased ? '' : d.donor.name,
              key,
              d.message ?? null,
              d.anonymous ? 1 : 0,
              d.provider,
              d.createdAt,
              d.recordedOffline?.receivedOn ?? null,
              d.recordedOffline?.collective ? 1 : 0,
            );
            if (d.donor.erased) return;
            upsertDonor.run(
              key,
              d.donor.name,
              d.donor.surname ?? null,
              d.donor.surname === undefined ? null : (d.donor.firstNames ?? ''),
              d.donor.email.trim().toLowerCase(),
              d.donor.address?.street ?? null,
              d.donor.address?.postalCode ?? null,
              d.donor.address?.city ?? null,
              d.donor.address ? (d.donor.address.country ?? 'BE') : null,
              d.donor.nationalNumber ?? null,
              d.createdAt,
            );
            return;
          }
          case 'ProviderFeeRecorded':
            // a correction replaces the fee of that payment: keep the sum per donation over the latest fees
            setFee.run(event.data.donationId, event.data.providerPaymentId, event.data.feeCents);
            sumFees.run(event.data.donationId, event.data.donationId);
            return;
          case 'DonationCheckoutOpened':
            setCheckout.run(event.data.providerReference, event.data.donationId);
            return;
          case 'DonationPaid':
            settle.run('paid', event.data.paidAt, event.data.donationId);
            movement(
              event.data,
              `${event.data.donationId}:first`,
              'payment',
              event.data.amountCents,
              event.data.paidAt,
            );
            return;
          case 'DonationFailed':
            settle.run('failed', null, event.data.donationId);
            return;
          case 'DonationExpired':
            settle.run('expired', null, event.data.donationId);
            return;
          case 'DonationCanceled':
            settle.run('canceled', null, event.data.donationId);
            return;
          case 'MonthlyChargePaid':
          case 'MonthlyChargePaidAfterCancellation':
            // money received after a cancellation counts until finance refunds it
            movement(
              event.data,
              `${event.data.donationId}:charge:${event.data.chargeId}`,
              'charge',
              event.data.amountCents,
              event.data.paidAt,
            );
            return;
          case 'MonthlyDonationCancelled':
            return;
          case 'DonationRefunded':
            movement(
              event.data,
              `${event.data.donationId}:refund:${event.data.refundId}`,
              'refund',
              -event.data.amountCents,
              event.data.refundedAt,
            );
            return;
          case 'DonationChargedBack':
            movement(
              event.data,
              `${event.data.donationId}:chargeback:${event.data.chargebackId}`,
              'chargeback',
              -event.data.amountCents,
              event.data.chargedBackAt,
            );
            return;
          // the money a failed refund or a won dispute gives back counts again, as it moved
          case 'DonationRefundReversed':
            movement(
              event.data,
              `${event.data.donationId}:refund-reversed:${event.data.refundId}`,
              'refund_reversed',
              event.data.amountCents,
              event.data.reversedAt,
            );
            return;
          case 'DonationChargebackReversed':
            movement(
              event.data,
              `${event.data.donationId}:chargeback-reversed:${event.data.chargebackId}`,
              'chargeback_reversed',
              event.data.amountCents,
              event.data.reversedAt,
            );
            return;
          case 'DonationPaymentAttemptFailed':
          case 'DonationFlaggedForFinance':
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

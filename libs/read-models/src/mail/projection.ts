import type { RecordedEvent } from '@rw/event-store';
import { brusselsDay } from '@rw/kernel';
import {
  type DonationEvent,
  type DonorEvent,
  type EditionEvent,
  type PledgeEvent,
  type TeamEvent,
  type WalkerEvent,
} from '@rw/fundraising';
import { donorKeyOf } from '../gifts/projection';
import type { Projection } from '../runner/projection';

export type { MailLanguage } from '@rw/fundraising';

/** What a mail is about; each kind has one template per language. */
export type MailKind =
  | 'team-registered'
  | 'walker-joined'
  | 'gift-thanks'
  | 'monthly-gift-confirmed'
  | 'pledge-due'
  | 'pledge-made'
  | 'registration-fee-paid'
  | 'monthly-gift-stopped'
  | 'gift-digest';

/**
 * Kinds that are news only when fresh: a mail of these kinds decided for an event more than a couple of days old
 * (the events of the years before these kinds existed, read again by the rebuild that adds them) is not sent.
 */
export const NEWS_KINDS: readonly MailKind[] = [
  'pledge-made',
  'registration-fee-paid',
  'monthly-gift-stopped',
  'gift-digest',
];

/** The key of a walker's digest of one Brussels day: one mail per walker per day, whatever the number of gifts. */
export const giftDigestKey = (walkerId: string, day: string) => `gift-digest:${walkerId}:${day}`;

/**
 * The instant a Brussels day (YYYY-MM-DD) ends, as an ISO instant: midnight in Brussels (UTC+1 in winter, UTC+2
 * in summer), whichever offset that night has.
 */
export function brusselsDayEnd(day: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const utcMidnightAfter = Date.UTC(year, month - 1, date + 1);
  for (const offsetHours of [1, 2]) {
    const instant = utcMidnightAfter - offsetHours * 3_600_000;
    if (
      brusselsDay(new Date(instant).toISOString()) !== day &&
      brusselsDay(new Date(instant - 1).toISOString()) === day
    )
      return new Date(instant).toISOString();
  }
  throw new Error(`no end found for the Brussels day ${day}`);
}

/** Tables whose columns grew with a version: an older file drops them (the version change rebuilds them anyway). */
const NEWEST_COLUMN: Record<string, string> = {
  mail_walkers: 'fee_cents',
  mail_donations: 'walker_id',
  mail_pledges: 'cap_cents',
  mail_to_send: 'send_after',
};

/**
 * Mail to send, decided from events (the outbox pattern): a row is written in the same transaction as this
 * projection's checkpoint, keyed by the event id and the kind, so a replay writes the same key again and never a
 * second mail. Whether a key was sent is kept by the dispatcher outside these rebuildable tables.
 *
 * A walker's gift digest is the one mail not keyed by an event: its key names the walker and the Brussels day the
 * gifts were recorded on (`gift-digest:<walkerId>:<day>`). The first gift of the day writes the row, due when the
 * day is over (`send_after`); each later gift of that day joins it (`mail_digest_gifts`), so the digest holds
 * every gift of the day, and a replay writes the same row and the same gifts again.
 */
export const mailProjection: Projection = {
  name: 'mail',
  version: 4,
  eventTypes: [
    'EditionCreated',
    'TeamRegistered',
    'WalkerRegistered',
    'RegistrationFeePaid',
    'RegistrationFeeWaived',
    'DonationCreated',
    'DonationPaid',
    'MonthlyChargePaid',
    'MonthlyDonationCancelled',
    'PledgeMade',
    'PledgeBecameDue',
    'DonorErased',
  ] satisfies (EditionEvent | TeamEvent | WalkerEvent | DonationEvent | PledgeEvent | DonorEvent)['type'][],
  open(db) {
    for (const [table, column] of Object.entries(NEWEST_COLUMN)) {
      const columns = db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[];
      if (columns.length > 0 && !columns.some((c) => c.name === column)) db.exec(`DROP TABLE ${table}`);
    }
    db.exec(`
      CREATE TABLE IF NOT EXISTS mail_editions (
        edition_id TEXT PRIMARY KEY,
        name       TEXT NOT NULL,
        walk_on    TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS mail_teams (
        team_id           TEXT PRIMARY KEY,
        name              TEXT NOT NULL,
        join_code         TEXT NOT NULL,
        captain_walker_id TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS mail_walkers (
        walker_id TEXT PRIMARY KEY,
        team_id   TEXT NOT NULL,
        name      TEXT NOT NULL,
        email     TEXT NOT NULL,
        role      TEXT NOT NULL,
        language  TEXT NOT NULL,
        event_id  TEXT NOT NULL,
        -- the registration fee still owed (0 once paid or waived): the registration mail carries its pay link
        fee_cents INTEGER NOT NULL
      );
      -- whose key seals each walker's personal data, so that erasing that person forgets their walkers' mail
      CREATE TABLE IF NOT EXISTS mail_walker_persons (
        walker_id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS mail_walker_persons_by_person ON mail_walker_persons (person_id);
      CREATE TABLE IF NOT EXISTS mail_donations (
        donation_id      TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        email            TEXT NOT NULL,
        frequency        TEXT NOT NULL,
        amount_cents     INTEGER NOT NULL,
        language         TEXT NOT NULL,
        provider         TEXT NOT NULL,
        donor_key        TEXT NOT NULL,
        anonymous        INTEGER NOT NULL,
        edition_id       TEXT NOT NULL,
        beneficiary_type TEXT NOT NULL,
        beneficiary_id   TEXT NOT NULL,
        walker_id        TEXT
      );
      CREATE TABLE IF NOT EXISTS mail_pledges (
        pledge_id        TEXT PRIMARY KEY,
        name             TEXT NOT NULL,
        email            TEXT NOT NULL,
        language         TEXT NOT NULL,
        donor_key        TEXT NOT NULL,
        edition_id       TEXT NOT NULL,
        beneficiary_type TEXT NOT NULL,
        beneficiary_id   TEXT NOT NULL,
        kind             TEXT NOT NULL,
        amount_cents     INTEGER NOT NULL,
        cap_cents        INTEGER
      );
      CREATE TABLE IF NOT EXISTS mail_to_send (
        -- a plain rowid: a rebuild numbers the rows as the live run did
        seq        INTEGER PRIMARY KEY,
        mail_key   TEXT NOT NULL UNIQUE,
        kind       TEXT NOT NULL,
        recipient  TEXT NOT NULL,
        language   TEXT NOT NULL,
        details    TEXT NOT NULL,
        decided_at TEXT NOT NULL,
        dispatched INTEGER NOT NULL DEFAULT 0,
        -- the person it goes to (their donor id; a walker registered before walkers were sealed: null), so that an
        -- erasure can forget it
        donor_key  TEXT,
        -- not to be sent before this instant (a digest: the end of its day); null: at once
        send_after TEXT
      );
      CREATE INDEX IF NOT EXISTS mail_to_send_pending ON mail_to_send (dispatched, seq);
      -- the gifts of each walker's digest, one row per payment event; the donor's name as they allowed it
      CREATE TABLE IF NOT EXISTS mail_digest_gifts (
        event_id     TEXT PRIMARY KEY,
        walker_id    TEXT NOT NULL,
        day          TEXT NOT NULL,
        donor_name   TEXT NOT NULL,
        anonymous    INTEGER NOT NULL,
        amount_cents INTEGER NOT NULL,
        donor_key    TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS mail_digest_gifts_by_day ON mail_digest_gifts (walker_id, day);
    `);
    const insertEdition = db.prepare('INSERT INTO mail_editions VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    const insertTeam = db.prepare('INSERT INTO mail_teams VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const insertWalker = db.prepare('INSERT INTO mail_walkers VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const insertDonation = db.prepare(
      'INSERT INTO mail_donations VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const insertPledge = db.prepare(
      'INSERT INTO mail_pledges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const feeSettled = db.prepare('UPDATE mail_walkers SET fee_cents = 0 WHERE walker_id = ?');
    const insertDigestGift = db.prepare(
      'INSERT INTO mail_digest_gifts VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const edition = db.prepare('SELECT name, walk_on FROM mail_editions WHERE edition_id = ?');
    const team = db.prepare('SELECT name, join_code, captain_walker_id FROM mail_teams WHERE team_id = ?');
    const insertWalkerPerson = db.prepare('INSERT INTO mail_walker_persons VALUES (?, ?) ON CONFLICT DO NOTHING');
    const walker = db.prepare(
      `SELECT w.team_id, w.name, w.email, w.language, w.event_id, w.fee_cents, p.person_id
       FROM mail_walkers w LEFT JOIN mail_walker_persons p ON p.walker_id = w.walker_id WHERE w.walker_id = ?`,
    );
    const donation = db.prepare(
      `SELECT name, email, frequency, amount_cents, language, provider, donor_key, anonymous, edition_id,
              beneficiary_type, beneficiary_id, walker_id
       FROM mail_donations WHERE donation_id = ?`,
    );
    const pledge = db.prepare(
      `SELECT name, email, language, donor_key, edition_id, beneficiary_type, beneficiary_id, kind, amount_cents,
              cap_cents
       FROM mail_pledges WHERE pledge_id = ?`,
    );
    const enqueue = db.prepare(
      `INSERT INTO mail_to_send (mail_key, kind, recipient, language, details, decided_at, donor_key, send_after)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mail_key) DO NOTHING`,
    );
    // GDPR erasure: a donor's mails, sent or not, and what was kept to write them are forgotten
    const forgetDonor = [
      db.prepare('DELETE FROM mail_to_send WHERE donor_key = ?'),
      db.prepare("UPDATE mail_donations SET name = '', email = '' WHERE donor_key = ?"),
      db.prepare("UPDATE mail_pledges SET name = '', email = '' WHERE donor_key = ?"),
      // a gift in a walker's digest stays a gift, without the name of who gave it
      db.prepare("UPDATE mail_digest_gifts SET donor_name = '' WHERE donor_key = ?"),
      db.prepare(
        `DELETE FROM mail_digest_gifts
         WHERE walker_id IN (SELECT walker_id FROM mail_walker_persons WHERE person_id = ?)`,
      ),
      db.prepare(
        `UPDATE mail_walkers SET name = '', email = ''
         WHERE walker_id IN (SELECT walker_id FROM mail_walker_persons WHERE person_id = ?)`,
      ),
    ];
    const send = (
      recorded: Pick<RecordedEvent, 'id' | 'recordedAt'>,
      kind: MailKind,
      recipient: string,
      language: string,
      details: Record<string, unknown>,
      donorKey: string | null = null,
      digest?: { key: string; sendAfter: string },
    ) => {
      // an erased donor (replayed in a rebuild) has no address left: there is nobody to write to
      if (recipient === '') return;
      enqueue.run(
        digest?.key ?? `${recorded.id}:${kind}`,
        kind,
        recipient,
        language,
        JSON.stringify(details),
        recorded.recordedAt,
        donorKey,
        digest?.sendAfter ?? null,
      );
    };

    type TeamRow = { name: string; join_code: string; captain_walker_id: string };
    type WalkerRow = {
      team_id: string;
      name: string;
      email: string;
      language: string;
      event_id: string;
      fee_cents: number;
      person_id: string | null;
    };
    type DonationRow = {
      name: string;
      email: string;
      frequency: string;
      amount_cents: number;
      language: string;
      provider: string;
      donor_key: string;
      anonymous: number;
      edition_id: string;
      beneficiary_type: string;
      beneficiary_id: string;
      walker_id: string | null;
    };
    type PledgeRow = {
      name: string;
      email: string;
      language: string;
      donor_key: string;
      edition_id: string;
      beneficiary_type: string;
      beneficiary_id: string;
      kind: string;
      amount_cents: number;
      cap_cents: number | null;
    };
    const editionOf = (editionId: string) => edition.get(editionId) as { name: string; walk_on: string } | undefined;
    /**
     * Who a gift or a pledge is for, by id only: the mail reads the name when it goes (see `undispatchedMail`), so
     * that a walker's erasure leaves their name in no row of a mail to someone else.
     */
    const beneficiary = (type: string, id: string) => ({ beneficiaryType: type, beneficiaryId: id });
    // keyed by the captain's WalkerRegistered whichever event completes it, so a replay in any order gives one key
    const captainMail = (recorded: RecordedEvent, teamId: string, t: TeamRow, w: WalkerRow) =>
      send(
        { id: w.event_id, recordedAt: recorded.recordedAt },
        'team-registered',
        w.email,
        w.language,
        {
          teamId,
          teamName: t.name,
          joinCode: t.join_code,
          walkerId: t.captain_walker_id,
          walkerName: w.name,
          feeCents: w.fee_cents,
        },
        w.person_id,
      );
    /** A gift to a walker joins the digest of the day it was recorded on; the day's first gift writes the digest. */
    const toDigest = (recorded: RecordedEvent, row: DonationRow, amountCents: number) => {
      if (row.beneficiary_type !== 'walker' || !row.walker_id) return;
      const w = walker.get(row.walker_id) as WalkerRow | undefined;
      if (!w) return;
      const day = brusselsDay(recorded.recordedAt);
      insertDigestGift.run(recorded.id, row.walker_id, day, row.name, row.anonymous, amountCents, row.donor_key);
      send(
        recorded,
        'gift-digest',
        w.email,
        w.language,
        { walkerId: row.walker_id, walkerName: w.name, day },
        w.person_id,
        { key: giftDigestKey(row.walker_id, day), sendAfter: brusselsDayEnd(day) },
      );
    };

    return {
      reset: () =>
        db.exec(
          'DELETE FROM mail_editions; DELETE FROM mail_teams; DELETE FROM mail_walkers; DELETE FROM mail_walker_persons; DELETE FROM mail_donations; DELETE FROM mail_pledges; DELETE FROM mail_to_send; DELETE FROM mail_digest_gifts;',
        ),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as
          | EditionEvent
          | TeamEvent
          | WalkerEvent
          | DonationEvent
          | PledgeEvent
          | DonorEvent;
        switch (event.type) {
          case 'EditionCreated':
            insertEdition.run(event.data.editionId, event.data.name, event.data.walkOn);
            return;
          case 'TeamRegistered': {
            const d = event.data;
            insertTeam.run(d.teamId, d.name, d.joinCode, d.captainWalkerId);
            // the captain's walker is usually recorded after the team; whichever comes second sends the mail
            const w = walker.get(d.captainWalkerId) as WalkerRow | undefined;
            if (w) captainMail(recorded, d.teamId, team.get(d.teamId) as TeamRow, w);
            return;
          }
          case 'WalkerRegistered': {
            const d = event.data;
            const language = d.language ?? 'nl';
            // an erased walker (read again in a rebuild) has a blank address: `send` writes nothing to it
            insertWalker.run(
              d.walkerId,
              d.teamId,
              d.name,
              d.email,
              d.role,
              language,
              recorded.id,
              d.registrationFeeCents,
            );
            if (d.personId) insertWalkerPerson.run(d.walkerId, d.personId);
            const personId = d.personId ?? null;
            if (d.role === 'captain') {
              const t = team.get(d.teamId) as TeamRow | undefined;
              if (t) {
                captainMail(recorded, d.teamId, t, {
                  team_id: d.teamId,
                  name: d.name,
                  email: d.email,
                  language,
                  event_id: recorded.id,
                  fee_cents: d.registrationFeeCents,
                  person_id: personId,
                });
              }
            } else {
              const t = team.get(d.teamId) as TeamRow | undefined;
              send(
                recorded,
                'walker-joined',
                d.email,
                language,
                {
                  teamId: d.teamId,
                  teamName: t?.name ?? '',
                  walkerId: d.walkerId,
                  walkerName: d.name,
                  feeCents: d.registrationFeeCents,
                },
                personId,
              );
            }
            return;
          }
          case 'RegistrationFeeWaived':
            feeSettled.run(event.data.walkerId);
            return;
          case 'RegistrationFeePaid': {
            const d = event.data;
            feeSettled.run(d.walkerId);
            const w = walker.get(d.walkerId) as WalkerRow | undefined;
            if (!w) return;
            send(
              recorded,
              'registration-fee-paid',
              w.email,
              w.language,
              {
                walkerId: d.walkerId,
                walkerName: w.name,
                teamName: (team.get(w.team_id) as TeamRow | undefined)?.name ?? '',
                feeCents: d.feeCents,
                paidOn: brusselsDay(d.paidAt),
                reference: d.paymentReference,
              },
              w.person_id,
            );
            return;
          }
          case 'DonationCreated': {
            const d = event.data;
            insertDonation.run(
              d.donationId,
              d.donor.name,
              d.donor.email,
              d.frequency,
              d.amountCents,
              d.language ?? 'nl',
              d.provider,
              donorKeyOf(d.donor),
              d.anonymous ? 1 : 0,
              d.editionId,
              d.beneficiary.type,
              d.beneficiary.id,
              d.beneficiary.type === 'walker' ? d.beneficiary.id : null,
            );
            return;
          }
          case 'DonationPaid': {
            const d = event.data;
            const row = donation.get(d.donationId) as DonationRow | undefined;
            // gifts imported from the old books were thanked back then
            if (!row || row.provider === 'import') return;
            // monthly charges after the first get no mail: one confirmation (with its cancel link) is enough
            const kind: MailKind = row.frequency === 'monthly' ? 'monthly-gift-confirmed' : 'gift-thanks';
            // a receipt: the gift's id is the reference finance finds it by
            send(
              recorded,
              kind,
              row.email,
              row.language,
              {
                donationId: d.donationId,
                donorName: row.name,
                amountCents: d.amountCents,
                // of the amount, what the donor added to cover the payment costs: the mail thanks them for it
                ...(d.coverFeesCents ? { coverFeesCents: d.coverFeesCents } : {}),
                ...beneficiary(row.beneficiary_type, row.beneficiary_id),
                paidOn: d.paidOn ?? brusselsDay(d.paidAt),
                reference: d.donationId,
              },
              row.donor_key,
            );
            toDigest(recorded, row, d.amountCents);
            return;
          }
          case 'MonthlyChargePaid': {
            const row = donation.get(event.data.donationId) as DonationRow | undefined;
            if (!row || row.provider === 'import') return;
            toDigest(recorded, row, event.data.amountCents);
            return;
          }
          case 'MonthlyDonationCancelled': {
            const d = event.data;
            const row = donation.get(d.donationId) as DonationRow | undefined;
            if (!row || row.provider === 'import' || row.frequency !== 'monthly') return;
            send(
              recorded,
              'monthly-gift-stopped',
              row.email,
              row.language,
              {
                donationId: d.donationId,
                donorName: row.name,
                amountCents: row.amount_cents,
                ...beneficiary(row.beneficiary_type, row.beneficiary_id),
                cancelledBy: d.cancelledBy,
              },
              row.donor_key,
            );
            return;
          }
          case 'PledgeMade': {
            const d = event.data;
            const donorKey = donorKeyOf(d.sponsor);
            const language = d.language ?? 'nl';
            insertPledge.run(
              d.pledgeId,
              d.sponsor.name,
              d.sponsor.email,
              language,
              donorKey,
              d.editionId,
              d.beneficiary.type,
              d.beneficiary.id,
              d.kind,
              d.amountCents,
              d.capCents ?? null,
            );
            send(
              recorded,
              'pledge-made',
              d.sponsor.email,
              language,
              {
                pledgeId: d.pledgeId,
                sponsorName: d.sponsor.name,
                kind: d.kind,
                amountCents: d.amountCents,
                ...(d.capCents === undefined ? {} : { capCents: d.capCents }),
                ...beneficiary(d.beneficiary.type, d.beneficiary.id),
                walkOn: editionOf(d.editionId)?.walk_on ?? '',
              },
              donorKey,
            );
            return;
          }
          case 'PledgeBecameDue': {
            const d = event.data;
            const row = pledge.get(d.pledgeId) as PledgeRow | undefined;
            if (!row) return;
            send(
              recorded,
              'pledge-due',
              row.email,
              row.language,
              {
                pledgeId: d.pledgeId,
                sponsorName: row.name,
                dueCents: d.dueCents,
                km: d.km,
                kind: row.kind,
                amountCents: row.amount_cents,
                ...(row.cap_cents === null ? {} : { capCents: row.cap_cents }),
                ...beneficiary(row.beneficiary_type, row.beneficiary_id),
              },
              row.donor_key,
            );
            return;
          }
          case 'DonorErased':
            for (const statement of forgetDonor) statement.run(event.data.donorId);
            return;
          default:
            return;
        }
      },
    };
  },
};

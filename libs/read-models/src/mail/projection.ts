import type { RecordedEvent } from '@rw/event-store';
import type { DonationEvent, DonorEvent, PledgeEvent, TeamEvent, WalkerEvent } from '@rw/fundraising';
import { donorKeyOf } from '../gifts/projection';
import type { Projection } from '../runner/projection';

export type { MailLanguage } from '@rw/fundraising';

/** What a mail is about; each kind has one template per language. */
export type MailKind = 'team-registered' | 'walker-joined' | 'gift-thanks' | 'monthly-gift-confirmed' | 'pledge-due';

/**
 * Mail to send, decided from events (the outbox pattern): a row is written in the same transaction as this
 * projection's checkpoint, keyed by the event id and the kind, so a replay writes the same key again and never a
 * second mail. Whether a key was sent is kept by the dispatcher outside these rebuildable tables.
 */
export const mailProjection: Projection = {
  name: 'mail',
  version: 3,
  eventTypes: [
    'TeamRegistered',
    'WalkerRegistered',
    'DonationCreated',
    'DonationPaid',
    'PledgeMade',
    'PledgeBecameDue',
    'DonorErased',
  ] satisfies (TeamEvent | WalkerEvent | DonationEvent | PledgeEvent | DonorEvent)['type'][],
  open(db) {
    db.exec(`
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
        event_id  TEXT NOT NULL
      );
      -- whose key seals each walker's personal data, so that erasing that person forgets their walkers' mail
      CREATE TABLE IF NOT EXISTS mail_walker_persons (
        walker_id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS mail_walker_persons_by_person ON mail_walker_persons (person_id);
      CREATE TABLE IF NOT EXISTS mail_donations (
        donation_id  TEXT PRIMARY KEY,
        name         TEXT NOT NULL,
        email        TEXT NOT NULL,
        frequency    TEXT NOT NULL,
        amount_cents INTEGER NOT NULL,
        language     TEXT NOT NULL,
        provider     TEXT NOT NULL,
        donor_key    TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS mail_pledges (
        pledge_id TEXT PRIMARY KEY,
        name      TEXT NOT NULL,
        email     TEXT NOT NULL,
        language  TEXT NOT NULL,
        donor_key TEXT NOT NULL
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
        donor_key  TEXT
      );
      CREATE INDEX IF NOT EXISTS mail_to_send_pending ON mail_to_send (dispatched, seq);
    `);
    const insertTeam = db.prepare('INSERT INTO mail_teams VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const insertWalker = db.prepare('INSERT INTO mail_walkers VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const insertDonation = db.prepare(
      'INSERT INTO mail_donations VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    const insertPledge = db.prepare('INSERT INTO mail_pledges VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING');
    const team = db.prepare('SELECT name, join_code, captain_walker_id FROM mail_teams WHERE team_id = ?');
    const insertWalkerPerson = db.prepare('INSERT INTO mail_walker_persons VALUES (?, ?) ON CONFLICT DO NOTHING');
    const walker = db.prepare(
      `SELECT w.team_id, w.name, w.email, w.language, w.event_id, p.person_id
       FROM mail_walkers w LEFT JOIN mail_walker_persons p ON p.walker_id = w.walker_id WHERE w.walker_id = ?`,
    );
    const donation = db.prepare(
      'SELECT name, email, frequency, language, provider, donor_key FROM mail_donations WHERE donation_id = ?',
    );
    const pledge = db.prepare('SELECT name, email, language, donor_key FROM mail_pledges WHERE pledge_id = ?');
    const enqueue = db.prepare(
      `INSERT INTO mail_to_send (mail_key, kind, recipient, language, details, decided_at, donor_key)
       VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mail_key) DO NOTHING`,
    );
    // GDPR erasure: a donor's mails, sent or not, and what was kept to write them are forgotten
    const forgetDonor = [
      db.prepare('DELETE FROM mail_to_send WHERE donor_key = ?'),
      db.prepare("UPDATE mail_donations SET name = '', email = '' WHERE donor_key = ?"),
      db.prepare("UPDATE mail_pledges SET name = '', email = '' WHERE donor_key = ?"),
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
    ) => {
      // an erased donor (replayed in a rebuild) has no address left: there is nobody to write to
      if (recipient === '') return;
      enqueue.run(
        `${recorded.id}:${kind}`,
        kind,
        recipient,
        language,
        JSON.stringify(details),
        recorded.recordedAt,
        donorKey,
      );
    };

    type TeamRow = { name: string; join_code: string; captain_walker_id: string };
    type WalkerRow = {
      team_id: string;
      name: string;
      email: string;
      language: string;
      event_id: string;
      person_id: string | null;
    };
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
        },
        w.person_id,
      );

    return {
      reset: () =>
        db.exec(
          'DELETE FROM mail_teams; DELETE FROM mail_walkers; DELETE FROM mail_walker_persons; DELETE FROM mail_donations; DELETE FROM mail_pledges; DELETE FROM mail_to_send;',
        ),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as TeamEvent | WalkerEvent | DonationEvent | PledgeEvent | DonorEvent;
        switch (event.type) {
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
            insertWalker.run(d.walkerId, d.teamId, d.name, d.email, d.role, language, recorded.id);
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
                },
                personId,
              );
            }
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
            );
            return;
          }
          case 'DonationPaid': {
            const d = event.data;
            const row = donation.get(d.donationId) as
              | {
                  name: string;
                  email: string;
                  frequency: string;
                  language: string;
                  provider: string;
                  donor_key: string;
                }
              | undefined;
            // gifts imported from the old books were thanked back then
            if (!row || row.provider === 'import') return;
            // monthly charges after the first get no mail: one confirmation (with its cancel link) is enough
            const kind: MailKind = row.frequency === 'monthly' ? 'monthly-gift-confirmed' : 'gift-thanks';
            send(
              recorded,
              kind,
              row.email,
              row.language,
              {
                donationId: d.donationId,
                donorName: row.name,
                amountCents: d.amountCents,
              },
              row.donor_key,
            );
            return;
          }
          case 'PledgeMade': {
            const d = event.data;
            insertPledge.run(d.pledgeId, d.sponsor.name, d.sponsor.email, d.language ?? 'nl', donorKeyOf(d.sponsor));
            return;
          }
          case 'PledgeBecameDue': {
            const d = event.data;
            const row = pledge.get(d.pledgeId) as
              | { name: string; email: string; language: string; donor_key: string }
              | undefined;
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

import type { DatabaseSync } from 'node:sqlite';
import type { MailKind, MailLanguage } from './projection';

export interface MailToSend {
  /** Order in which the mail was decided. */
  seq: number;
  /**
   * `<event id>:<kind>`, or `gift-digest:<walkerId>:<day>` for a digest: the same on every replay, so it identifies
   * the mail for good.
   */
  key: string;
  kind: MailKind;
  recipient: string;
  language: MailLanguage;
  details: Record<string, unknown>;
  decidedAt: string;
  /** When it is to be sent: the end of its day for a digest, the instant it was decided for the others. */
  dueAt: string;
}

/** A gift in a walker's digest: the donor's name as they allowed it (none when anonymous or erased). */
export interface DigestGift {
  donorName: string | null;
  /** Absent for an anonymous gift: the walker sees it as the supporters wall shows it. */
  amountCents: number | null;
}

/** The oldest mail the dispatcher has not dispatched yet and that is due at `now`, decided after `afterSeq`. */
export function undispatchedMail(db: DatabaseSync, limit = 100, afterSeq = 0, now = new Date()): MailToSend[] {
  const rows = db
    .prepare(
      `SELECT seq, mail_key, kind, recipient, language, details, decided_at, send_after FROM mail_to_send
       WHERE dispatched = 0 AND seq > ? AND (send_after IS NULL OR send_after <= ?) ORDER BY seq LIMIT ?`,
    )
    .all(afterSeq, now.toISOString(), limit) as {
    seq: number;
    mail_key: string;
    kind: MailKind;
    recipient: string;
    language: MailLanguage;
    details: string;
    decided_at: string;
    send_after: string | null;
  }[];
  const gifts = db.prepare(
    `SELECT donor_name, anonymous, amount_cents FROM mail_digest_gifts WHERE walker_id = ? AND day = ?
     ORDER BY rowid`,
  );
  const walker = db.prepare('SELECT name FROM mail_walkers WHERE walker_id = ?');
  const walkerFee = db.prepare('SELECT fee_cents FROM mail_walkers WHERE walker_id = ?');
  const team = db.prepare('SELECT name FROM mail_teams WHERE team_id = ?');
  const edition = db.prepare('SELECT name FROM mail_editions WHERE edition_id = ?');
  return rows.map((r) => {
    const details = JSON.parse(r.details) as Record<string, unknown>;
    if (typeof details.beneficiaryId === 'string') {
      // the beneficiary's name as it is now: blank once an erased walker's data is forgotten
      const id = details.beneficiaryId;
      if (details.beneficiaryType === 'walker') {
        const row = walker.get(id) as { name: string } | undefined;
        details.beneficiaryName = row?.name ?? '';
      } else {
        const row = (details.beneficiaryType === 'team' ? team : edition).get(id) as { name: string } | undefined;
        details.beneficiaryName = row?.name ?? '';
      }
    }
    if ((r.kind === 'team-registered' || r.kind === 'walker-joined') && typeof details.walkerId === 'string') {
      // the fee's pay link only while the fee is owed: a fee waived before the mail goes is not asked for
      const row = walkerFee.get(details.walkerId) as { fee_cents: number } | undefined;
      if (row) details.feeCents = row.fee_cents;
    }
    if (r.kind === 'gift-digest') {
      // the gifts are read when the digest goes, so that every gift of its day is in it
      const rows = gifts.all(String(details.walkerId), String(details.day)) as {
        donor_name: string;
        anonymous: number;
        amount_cents: number;
      }[];
      details.gifts = rows.map(
        (g): DigestGift => ({
          donorName: g.anonymous || g.donor_name === '' ? null : g.donor_name,
          amountCents: g.anonymous ? null : g.amount_cents,
        }),
      );
    }
    return {
      seq: r.seq,
      key: r.mail_key,
      kind: r.kind,
      recipient: r.recipient,
      language: r.language,
      details,
      decidedAt: r.decided_at,
      dueAt: r.send_after ?? r.decided_at,
    };
  });
}

/** How many mails are due at `now` and not dispatched yet (a digest of a day not over is not counted). */
export function undispatchedMailCount(db: DatabaseSync, now = new Date()): number {
  return (
    db
      .prepare(
        'SELECT count(*) AS n FROM mail_to_send WHERE dispatched = 0 AND (send_after IS NULL OR send_after <= ?)',
      )
      .get(now.toISOString()) as { n: number }
  ).n;
}

/** Whether a digest is due at `now` and not dispatched yet. */
export function digestDue(db: DatabaseSync, now = new Date()): boolean {
  return (
    db
      .prepare("SELECT 1 FROM mail_to_send WHERE dispatched = 0 AND kind = 'gift-digest' AND send_after <= ? LIMIT 1")
      .get(now.toISOString()) !== undefined
  );
}

/**
 * The keys of the mails to others that name this person (their person or donor id): gifts and pledges to them as a
 * walker, digests that list their gift by name. Erasing the person forgets the copies kept of those mails (the
 * sandbox outbox); the rows themselves hold only ids, and the names they are written with are blank by then.
 */
export function mailKeysNaming(db: DatabaseSync, personId: string): string[] {
  const rows = db
    .prepare(
      `SELECT mail_key FROM mail_to_send
       WHERE json_extract(details, '$.beneficiaryType') = 'walker'
         AND json_extract(details, '$.beneficiaryId') IN
             (SELECT walker_id FROM mail_walker_persons WHERE person_id = ?)
       UNION
       SELECT DISTINCT 'gift-digest:' || walker_id || ':' || day FROM mail_digest_gifts
       WHERE donor_key = ? AND anonymous = 0`,
    )
    .all(personId, personId) as { mail_key: string }[];
  return rows.map((r) => r.mail_key);
}

export function markMailDispatched(db: DatabaseSync, key: string): void {
  db.prepare('UPDATE mail_to_send SET dispatched = 1 WHERE mail_key = ?').run(key);
}

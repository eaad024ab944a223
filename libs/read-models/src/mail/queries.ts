import type { DatabaseSync } from 'node:sqlite';
import type { MailKind, MailLanguage } from './projection';

export interface MailToSend {
  /** Order in which the mail was decided. */
  seq: number;
  /** `<event id>:<kind>`: the same on every replay, so it identifies the mail for good. */
  key: string;
  kind: MailKind;
  recipient: string;
  language: MailLanguage;
  details: Record<string, unknown>;
  decidedAt: string;
}

/** The oldest mail the dispatcher has not dispatched yet, decided after `afterSeq`. */
export function undispatchedMail(db: DatabaseSync, limit = 100, afterSeq = 0): MailToSend[] {
  const rows = db
    .prepare(
      'SELECT seq, mail_key, kind, recipient, language, details, decided_at FROM mail_to_send WHERE dispatched = 0 AND seq > ? ORDER BY seq LIMIT ?',
    )
    .all(afterSeq, limit) as {
    seq: number;
    mail_key: string;
    kind: MailKind;
    recipient: string;
    language: MailLanguage;
    details: string;
    decided_at: string;
  }[];
  return rows.map((r) => ({
    seq: r.seq,
    key: r.mail_key,
    kind: r.kind,
    recipient: r.recipient,
    language: r.language,
    details: JSON.parse(r.details) as Record<string, unknown>,
    decidedAt: r.decided_at,
  }));
}

export function markMailDispatched(db: DatabaseSync, key: string): void {
  db.prepare('UPDATE mail_to_send SET dispatched = 1 WHERE mail_key = ?').run(key);
}

/** Mails decided and not yet dispatched (sent, or found sent by another instance). */
export function undispatchedMailCount(db: DatabaseSync): number {
  return (db.prepare('SELECT count(*) AS n FROM mail_to_send WHERE dispatched = 0').get() as { n: number }).n;
}

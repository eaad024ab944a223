import type { DatabaseSync } from 'node:sqlite';
import { type Migration, openSqliteFile } from '@rw/event-store/sqlite-migrations';
import type { Logger } from '../logging/logger';
import type { MailMessage, MailSender } from './mail-sender';

export interface OutboxMail extends MailMessage {
  sentAt: string;
}

/** The outbox file's schema, step by step (see `migrate`); files made before migrations are at 0 with step 1's table. */
export const OUTBOX_MIGRATIONS: readonly Migration[] = [
  {
    description: 'the outbox',
    up: `
      CREATE TABLE IF NOT EXISTS outbox_mail (
        seq        INTEGER PRIMARY KEY AUTOINCREMENT,
        message_id TEXT NOT NULL UNIQUE,
        recipient  TEXT NOT NULL,
        subject    TEXT NOT NULL,
        text       TEXT NOT NULL,
        html       TEXT NOT NULL,
        sent_at    TEXT NOT NULL
      );
    `,
  },
];

/** Keeps sent mail in a SQLite file for the sandbox's outbox page, and logs a line: nothing leaves the machine. */
export class OutboxMailSender implements MailSender {
  private readonly db: DatabaseSync;

  constructor(
    readonly file: string,
    private readonly logger: Pick<Logger, 'info'>,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.db = openSqliteFile(
      file,
      `
      PRAGMA journal_mode = WAL;
      PRAGMA secure_delete = ON;
      PRAGMA busy_timeout = 5000;
      `,
      OUTBOX_MIGRATIONS,
    );
  }

  async send(message: MailMessage): Promise<void> {
    // a resend of the same Message-ID (after a crash) is the same mail: kept once
    this.db
      .prepare(
        'INSERT INTO outbox_mail (message_id, recipient, subject, text, html, sent_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (message_id) DO NOTHING',
      )
      .run(message.messageId, message.to, message.subject, message.text, message.html, this.clock().toISOString());
    this.logger.info({ messageId: message.messageId, subject: message.subject }, 'mail kept in the outbox');
  }

  forgetRecipient(email: string): void {
    this.db.prepare('DELETE FROM outbox_mail WHERE lower(recipient) = lower(?)').run(email.trim());
    // the deleted text can still be in the WAL: fold it in and empty it
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  forgetMessages(messageIds: readonly string[]): void {
    const forget = this.db.prepare('DELETE FROM outbox_mail WHERE message_id = ?');
    for (const messageId of messageIds) forget.run(messageId);
    this.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
  }

  /** Newest first. */
  list(limit = 200): OutboxMail[] {
    const rows = this.db
      .prepare('SELECT message_id, recipient, subject, text, html, sent_at FROM outbox_mail ORDER BY seq DESC LIMIT ?')
      .all(limit) as unknown as Row[];
    return rows.map(toMail);
  }

  get(messageId: string): OutboxMail | undefined {
    const row = this.db
      .prepare('SELECT message_id, recipient, subject, text, html, sent_at FROM outbox_mail WHERE message_id = ?')
      .get(messageId) as unknown as Row | undefined;
    return row && toMail(row);
  }

  close(): void {
    if (this.db.isOpen) this.db.close();
  }
}

interface Row {
  message_id: string;
  recipient: string;
  subject: string;
  text: string;
  html: string;
  sent_at: string;
}

const toMail = (r: Row): OutboxMail => ({
  messageId: r.message_id,
  to: r.recipient,
  subject: r.subject,
  text: r.text,
  html: r.html,
  sentAt: r.sent_at,
});

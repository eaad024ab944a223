import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { markMailDispatched, undispatchedMail } from '@rw/read-models';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock, LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { MAIL_SENDER, type MailSender } from './mail-sender';
import { renderMail } from './templates';

export const MAIL_SENT_FILE = 'mail-sent.sqlite';

/**
 * Sends the mail the `mail` projection decided on, and remembers each key it sent in a file of its own, apart
 * from the read models: a rebuild or a replay writes the same keys again and they are skipped. A crash between
 * sending and remembering resends that one mail with the same Message-ID, which the outbox keeps once.
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sent: DatabaseSync;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<number> | undefined;
  private readonly baseUrl: string;

  constructor(
    config: PlatformConfig,
    private readonly projections: ProjectionService,
    private readonly links: PrivateLinks,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.baseUrl = config.PUBLIC_BASE_URL ?? '';
    mkdirSync(config.DATA_DIR, { recursive: true });
    this.sent = new DatabaseSync(join(config.DATA_DIR, MAIL_SENT_FILE));
    this.sent.exec(`
      PRAGMA journal_mode = WAL;
      CREATE TABLE IF NOT EXISTS mail_sent (
        mail_key   TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        sent_at    TEXT NOT NULL
      );
    `);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.dispatch(), 250);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.round;
    this.sender.close?.();
    if (this.sent.isOpen) this.sent.close();
  }

  /** Sends every mail decided so far (one round at a time); returns how many were sent now. */
  dispatch(): Promise<number> {
    if (!this.round) {
      this.round = this.sendPending().finally(() => {
        this.round = undefined;
      });
    }
    return this.round;
  }

  /** Waits until the read models include every event so far, then sends what they decided. */
  async drain(): Promise<number> {
    await this.projections.runner.catchUp();
    await this.round;
    return this.dispatch();
  }

  private async sendPending(): Promise<number> {
    let count = 0;
    const wasSent = this.sent.prepare('SELECT 1 FROM mail_sent WHERE mail_key = ?');
    const remember = this.sent.prepare(
      'INSERT INTO mail_sent (mail_key, message_id, sent_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    for (;;) {
      const batch = undispatchedMail(this.projections.db);
      let failed = false;
      for (const mail of batch) {
        if (!wasSent.get(mail.key)) {
          const message = renderMail(mail, this.baseUrl, this.links);
          try {
            await this.sender.send(message);
          } catch (error) {
            // left undispatched for the next round; the other mails of the batch still go
            this.logger.error({ err: error, mailKey: mail.key }, 'could not send a mail; trying again later');
            failed = true;
            continue;
          }
          remember.run(mail.key, message.messageId, this.clock().toISOString());
          count += 1;
        }
        markMailDispatched(this.projections.db, mail.key);
      }
      if (failed || batch.length === 0) return count;
    }
  }
}

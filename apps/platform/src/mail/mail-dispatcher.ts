import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { EffectClaims } from '@rw/event-store';
import { digestDue, markMailDispatched, NEWS_KINDS, undispatchedMail, undispatchedMailCount } from '@rw/read-models';
import { type Migration, openSqliteFile } from '@rw/event-store/sqlite-migrations';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock, LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { MAIL_SENDER, type MailSender } from './mail-sender';
import { renderMail } from './templates';

export const MAIL_SENT_FILE = 'mail-sent.sqlite';
/** A mail of a news kind (see NEWS_KINDS) due longer ago than this is news no more: it is not sent. */
export const NEWS_FRESH_FOR_MS = 48 * 3_600_000;
/** How long a round waits for the read models to take in every event so far before it sends a digest. */
const DIGEST_CATCH_UP_MS = 5_000;
/** That file's schema, step by step (see `migrate`); files made before migrations are at 0 with step 1's table. */
export const MAIL_SENT_MIGRATIONS: readonly Migration[] = [
  {
    description: 'the keys of the mail sent',
    up: `
      CREATE TABLE IF NOT EXISTS mail_sent (
        mail_key   TEXT PRIMARY KEY,
        message_id TEXT NOT NULL,
        sent_at    TEXT NOT NULL
      );
    `,
  },
];

/**
 * Sends the mail the `mail` projection decided on (the projection is this reaction's durable queue: its rows
 * commit with its checkpoint). Every instance runs a dispatcher; each mail is claimed in the event store before it
 * goes (`effect-mail-<key>`, see EffectClaims), so of all instances exactly one sends it, a refused mail is tried
 * again after a backoff, and a mail another instance is sending is left to it. Each key sent is also remembered in
 * a file of this instance's own, apart from the read models, so that a rebuild skips it without asking the event
 * store. A crash between sending and recording resends that one mail with the same Message-ID, which the outbox
 * keeps once.
 *
 * A walker's gift digest is due when its Brussels day is over. Before sending one, the round lets this instance's
 * read models take in every event appended so far, so that a gift recorded that day on another instance, still on
 * its way here, is in it; whichever instance claims the digest first sends it, once, with every gift of the day.
 */
@Injectable()
export class MailDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly sent: DatabaseSync;
  private timer: NodeJS.Timeout | undefined;
  private round: Promise<number> | undefined;
  private readonly baseUrl: string;
  /** Mails refused or held elsewhere, by key: not asked about again before this instant (ms). */
  private readonly notBefore = new Map<string, number>();

  constructor(
    config: PlatformConfig,
    private readonly projections: ProjectionService,
    private readonly links: PrivateLinks,
    private readonly claims: EffectClaims,
    @Inject(MAIL_SENDER) private readonly sender: MailSender,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.baseUrl = config.PUBLIC_BASE_URL ?? '';
    this.sent = openSqliteFile(
      join(config.DATA_DIR, MAIL_SENT_FILE),
      'PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;',
      MAIL_SENT_MIGRATIONS,
    );
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

  /** Mails decided and not yet dispatched (sent, or found sent by another instance). */
  undispatchedCount(): number {
    return undispatchedMailCount(this.projections.db, this.clock());
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
    // one pass over what is undispatched: a mail left for later (refused, or held by another instance) is looked
    // at again in the next round
    let afterSeq = 0;
    const now = this.clock();
    let holdDigests = false;
    if (digestDue(this.projections.db, now)) {
      try {
        await this.projections.runner.catchUp(DIGEST_CATCH_UP_MS);
      } catch (error) {
        // the read models lag: a digest sent now could miss a gift of its day, so it waits for a later round
        this.logger.warn({ err: error }, 'read models behind: gift digests wait');
        holdDigests = true;
      }
    }
    for (;;) {
      const batch = undispatchedMail(this.projections.db, 100, afterSeq, now);
      if (batch.length === 0) return count;
      for (const mail of batch) {
        afterSeq = mail.seq;
        if (holdDigests && mail.kind === 'gift-digest') continue;
        if ((this.notBefore.get(mail.key) ?? 0) > this.claims.clock().getTime()) continue;
        if (NEWS_KINDS.includes(mail.kind) && now.getTime() - Date.parse(mail.dueAt) > NEWS_FRESH_FOR_MS) {
          // decided for an event long past (a rebuild that added this kind reads the years before it): no mail
          this.logger.info({ mailKey: mail.key, dueAt: mail.dueAt }, 'mail no longer news: not sent');
          markMailDispatched(this.projections.db, mail.key);
          continue;
        }
        if (!wasSent.get(mail.key)) {
          const message = renderMail(mail, this.baseUrl, this.links);
          const outcome = await this.claims.once(`mail-${mail.key}`, () => this.sender.send(message));
          if (outcome.status === 'failed') {
            this.logger.error(
              { err: outcome.error, mailKey: mail.key, retryAt: outcome.retryAt },
              'could not send a mail; trying again later',
            );
            this.notBefore.set(mail.key, outcome.retryAt.getTime());
            continue;
          }
          // another instance is sending it: its claim says when it is done
          if (outcome.status === 'held-elsewhere') {
            this.notBefore.set(mail.key, Math.min(outcome.until.getTime(), this.claims.clock().getTime() + 200));
            continue;
          }
          this.notBefore.delete(mail.key);
          remember.run(mail.key, message.messageId, this.clock().toISOString());
          if (outcome.status === 'done') count += 1;
        }
        markMailDispatched(this.projections.db, mail.key);
      }
    }
  }
}

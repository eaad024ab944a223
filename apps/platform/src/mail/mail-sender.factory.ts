import { join } from 'node:path';
import type { PlatformConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import type { MailSender } from './mail-sender';
import { OutboxMailSender } from './outbox-mail-sender';
import { SmtpMailSender } from './smtp-mail-sender';

export const MAIL_OUTBOX_FILE = 'mail-outbox.sqlite';

export function openMailSender(config: PlatformConfig, logger: Logger): MailSender {
  if (config.MAIL === 'smtp') return new SmtpMailSender(config.SMTP_URL as string, config.MAIL_FROM);
  return new OutboxMailSender(join(config.DATA_DIR, MAIL_OUTBOX_FILE), logger);
}

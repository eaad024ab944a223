import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { InvalidConfiguration, loadConfig } from '../config/config';
import { createLogger } from '../logging/logger';
import { openMailSender } from './mail-sender.factory';
import { OutboxMailSender } from './outbox-mail-sender';
import { SmtpMailSender } from './smtp-mail-sender';

describe('mail configuration', () => {
  it('keeps mail in the outbox when nothing is set, and sends through SMTP once SMTP_URL is given', () => {
    expect(loadConfig({}).MAIL).toBe('outbox');
    const smtp = loadConfig({ SMTP_URL: 'smtps://user:secret@smtp.example.org:465', MAIL_FROM: 'walk@example.org' });
    expect(smtp.MAIL).toBe('smtp');
    expect(smtp.MAIL_FROM).toBe('walk@example.org');
    expect(loadConfig({ MAIL: 'outbox', SMTP_URL: 'smtp://localhost:25' }).MAIL).toBe('outbox');
  });

  it('names the variable of a bad mail setting', () => {
    // the message the process prints before it exits 78
    const refused = (env: Record<string, string>) => () => loadConfig(env);
    expect(refused({ MAIL: 'pigeon' })).toThrow(InvalidConfiguration);
    expect(refused({ MAIL: 'pigeon' })).toThrow('MAIL must be outbox or smtp');
    expect(refused({ MAIL: 'smtp' })).toThrow(/SMTP_URL must be an smtp:\/\/ or smtps:\/\/ address/);
    expect(refused({ SMTP_URL: 'http://smtp.example.org' })).toThrow(/SMTP_URL must be/);
    expect(refused({ MAIL_FROM: 'not an address' })).toThrow(/MAIL_FROM must be an e-mail address/);
  });

  it('opens the sender the configuration names', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rw-mail-'));
    const logger = createLogger('silent');
    try {
      const outbox = openMailSender(loadConfig({ DATA_DIR: dir }), logger);
      expect(outbox).toBeInstanceOf(OutboxMailSender);
      expect((outbox as OutboxMailSender).file).toBe(join(dir, 'mail-outbox.sqlite'));
      outbox.close?.();
      const smtp = openMailSender(loadConfig({ DATA_DIR: dir, SMTP_URL: 'smtp://localhost:2525' }), logger);
      expect(smtp).toBeInstanceOf(SmtpMailSender);
      smtp.close?.();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

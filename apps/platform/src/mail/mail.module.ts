import { Module } from '@nestjs/common';
import { PlatformConfig } from '../config/config';
import { DataDirLock } from '@rw/runtime/infrastructure/data-dir-lock';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { MailDispatcher } from './mail-dispatcher';
import { MAIL_SENDER } from './mail-sender';
import { openMailSender } from './mail-sender.factory';
import { OutboxController } from './outbox.controller';

/** Mails the read models ask for, sent once; the outbox of a platform that sends none. */
@Module({
  controllers: [OutboxController],
  providers: [
    {
      provide: MAIL_SENDER,
      // after the lock: the outbox is a file of DATA_DIR
      inject: [PlatformConfig, LOGGER, DataDirLock],
      useFactory: (config: PlatformConfig, logger: Logger) => openMailSender(config, logger),
    },
    MailDispatcher,
  ],
  exports: [MAIL_SENDER],
})
export class MailModule {}

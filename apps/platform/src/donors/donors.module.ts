import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { DonorsController } from './donors.controller';

/** A donor's personal data: what we hold, its erasure. */
@Module({ imports: [MailModule], controllers: [DonorsController] })
export class DonorsModule {}

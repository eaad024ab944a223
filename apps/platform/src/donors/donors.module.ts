import { Module } from '@nestjs/common';
import { MailModule } from '../mail/mail.module';
import { DonorRecords } from './donor-records';
import { DonorsController } from './donors.controller';

/** A donor's personal data: what we hold, its erasure (for the API and the finance desk alike). */
@Module({ imports: [MailModule], controllers: [DonorsController], providers: [DonorRecords], exports: [DonorRecords] })
export class DonorsModule {}

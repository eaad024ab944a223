import { Module } from '@nestjs/common';
import { DonorStatsController } from '../stats/donor-stats.controller';
import { DonationsController } from './donations.controller';

/** Gifts through the JSON API: checkout, transfers, offline gifts, refunds, stopping a monthly gift. */
@Module({ controllers: [DonationsController, DonorStatsController] })
export class DonationsModule {}

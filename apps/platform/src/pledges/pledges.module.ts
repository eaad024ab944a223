import { Module } from '@nestjs/common';
import { PledgesController } from './pledges.controller';

/** Pledges per kilometre. */
@Module({ controllers: [PledgesController] })
export class PledgesModule {}

import { Module } from '@nestjs/common';
import { EditionsController } from './editions.controller';

/** Editions: their creation, leaderboard and figures. */
@Module({ controllers: [EditionsController] })
export class EditionsModule {}

import { Module } from '@nestjs/common';
import { LiveModule } from '../live/live.module';
import { ScreenController } from './screen.controller';

/** The big screen at the event, fed by the live feed. */
@Module({ imports: [LiveModule], controllers: [ScreenController] })
export class ScreenModule {}

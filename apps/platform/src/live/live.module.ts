import { Module } from '@nestjs/common';
import { LiveBroadcaster } from './live-broadcaster';
import { LiveController } from './live.controller';

/** The live feed of an edition (server-sent events). */
@Module({
  controllers: [LiveController],
  providers: [LiveBroadcaster],
  exports: [LiveBroadcaster],
})
export class LiveModule {}

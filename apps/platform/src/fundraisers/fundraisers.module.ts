import { Module } from '@nestjs/common';
import { ReactorsModule } from '@rw/runtime/reactors/reactors.module';
import { FundraisersController } from './fundraisers.controller';

/** Registration: teams and their walkers, distances walked. */
@Module({ imports: [ReactorsModule], controllers: [FundraisersController] })
export class FundraisersModule {}

import { Module } from '@nestjs/common';
import { ReactorsModule } from '@rw/runtime/reactors/reactors.module';
import { DeskController } from './desk.controller';
import { DeskGuard } from './desk-session';

/** The organisers' desk on the event day. */
@Module({ imports: [ReactorsModule], controllers: [DeskController], providers: [DeskGuard] })
export class DeskModule {}

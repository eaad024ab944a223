import { Module } from '@nestjs/common';
import { ReactorsModule } from '@rw/runtime/reactors/reactors.module';
import { WebhooksController } from './webhooks.controller';

/** What the payment providers tell us. */
@Module({ imports: [ReactorsModule], controllers: [WebhooksController] })
export class WebhooksModule {}

import { Module } from '@nestjs/common';
import { ReactorsModule } from '../reactors/reactors.module';
import { WebhooksController } from './webhooks.controller';

/** What the payment providers tell us. */
@Module({ imports: [ReactorsModule], controllers: [WebhooksController] })
export class WebhooksModule {}

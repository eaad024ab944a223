import { BadRequestException, Controller, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyPaymentFactsCommand } from '@rw/fundraising';
import { InvalidWebhook, PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import type { Request } from 'express';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';

/**
 * `POST /api/webhooks/stripe` (raw body, `Stripe-Signature`) and `POST /api/webhooks/mollie` (form `id=tr_…`):
 * the configured provider verifies and reads the delivery, then the facts go through the one idempotent path.
 * A bad signature or an unknown payment is a 400 and changes nothing; an unknown event type is a 200.
 */
@Controller('api/webhooks')
export class WebhooksController {
  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':provider')
  @HttpCode(200)
  async receive(@Param('provider') name: string, @Req() request: RawBodyRequest<Request>) {
    if (name !== this.provider.name || name === 'sandbox') {
      throw new NotFoundException(`webhooks of ${name} are not enabled (PAYMENT_PROVIDER is ${this.provider.name})`);
    }
    let parsed: Awaited<ReturnType<PaymentProvider['parseWebhook']>>;
    try {
      parsed = await this.provider.parseWebhook({
        rawBody: request.rawBody ?? Buffer.alloc(0),
        headers: request.headers,
      });
    } catch (error) {
      if (error instanceof InvalidWebhook) {
        throw new BadRequestException({ message: `webhook refused: ${error.message}`, errors: [] });
      }
      throw error;
    }
    const outcome = await this.commands.execute(
      new ApplyPaymentFactsCommand(parsed.facts, this.clock().toISOString(), {
        correlationId: String(request.id),
        ...(parsed.deliveryId ? { causationId: parsed.deliveryId } : {}),
      }),
    );
    await this.projections.settled(outcome.position);
    return { received: true, facts: parsed.facts.length, applied: outcome.applied };
  }
}

import { BadRequestException, Controller, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyPaymentFactsCommand } from '@rw/fundraising';
import { InvalidWebhook, PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import type { Request } from 'express';
import { ProjectionService } from '../infrastructure/projection.service';
import { ReactorRunner } from '../reactors/reactor-runner';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { WebhookDeliveries } from './webhook-deliveries';

/**
 * `POST /api/webhooks/stripe` (raw body, `Stripe-Signature`) and `POST /api/webhooks/mollie` (form `id=tr_…`):
 * the configured provider verifies and reads the delivery, then the facts go through the one idempotent path.
 * A bad signature or an unknown payment is a 400 and changes nothing; an unknown event type is a 200. A Stripe
 * event already applied is answered 200 at once (`duplicate: true`), without asking Stripe again.
 */
@Controller('api/webhooks')
export class WebhooksController {
  private readonly deliveries = new WebhookDeliveries(() => this.projections.db);

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly reactions: ReactorRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':provider')
  @HttpCode(200)
  async receive(@Param('provider') name: string, @Req() request: RawBodyRequest<Request>) {
    if (name !== this.provider.name || name === 'sandbox') {
      throw new NotFoundException(`webhooks of ${name} are not enabled (PAYMENT_PROVIDER is ${this.provider.name})`);
    }
    const delivery = { rawBody: request.rawBody ?? Buffer.alloc(0), headers: request.headers };
    let parsed: Awaited<ReturnType<PaymentProvider['parseWebhook']>>;
    try {
      // a delivery already applied (Stripe sends some again): acknowledged before any call to the provider
      const deliveryId = this.provider.deliveryIdOf?.(delivery);
      if (deliveryId && this.deliveries.wasApplied(name, deliveryId)) {
        return { received: true, facts: 0, applied: 0, duplicate: true };
      }
      parsed = await this.provider.parseWebhook(delivery);
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
    // what the facts set off (a monthly gift's subscription at the provider) is done, or tried once, by now
    await this.reactions.settled(outcome.position);
    if (parsed.deliveryId) this.deliveries.applied(name, parsed.deliveryId, this.clock());
    return { received: true, facts: parsed.facts.length, applied: outcome.applied };
  }
}

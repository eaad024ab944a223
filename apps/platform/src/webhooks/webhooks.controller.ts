import {
  BadRequestException,
  Controller,
  HttpCode,
  HttpException,
  HttpStatus,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
} from '@nestjs/common';
import type { RawBodyRequest } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApplyPaymentFactsCommand } from '@rw/fundraising';
import { InvalidWebhook, PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import type { Request } from 'express';
import { ProjectionService } from '../infrastructure/projection.service';
import { ReactorRunner } from '@rw/runtime/reactors/reactor-runner';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { WebhookRateLimit } from '../http/rate-limits';
import { PaymentGate } from './payment-gate';
import { WebhookDeliveries } from './webhook-deliveries';

/**
 * `POST /api/webhooks/stripe` (raw body, `Stripe-Signature`) and `POST /api/webhooks/mollie` (form `id=tr_…`):
 * the configured provider verifies and reads the delivery, then the facts go through the one idempotent path.
 * A bad signature or an unknown payment is a 400 and changes nothing; an unknown event type is a 200. A Stripe
 * event already applied is answered 200 at once (`duplicate: true`), without asking Stripe again. A Mollie id that
 * is malformed or not one of our payments is refused before any call to Mollie (see PaymentGate); the route is
 * rate-limited per client (WEBHOOK_POSTS_PER_MINUTE).
 */
@Controller('api/webhooks')
export class WebhooksController {
  private readonly deliveries = new WebhookDeliveries(() => this.projections.db);
  private readonly payments = new PaymentGate(() => this.projections.db);

  constructor(
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly reactions: ReactorRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post(':provider')
  @HttpCode(200)
  @WebhookRateLimit()
  async receive(@Param('provider') name: string, @Req() request: RawBodyRequest<Request>) {
    if (name !== this.provider.name || name === 'sandbox') {
      throw new NotFoundException(`webhooks of ${name} are not enabled (PAYMENT_PROVIDER is ${this.provider.name})`);
    }
    const delivery = { rawBody: request.rawBody ?? Buffer.alloc(0), headers: request.headers };
    let parsed: Awaited<ReturnType<PaymentProvider['parseWebhook']>>;
    let paymentId: string | undefined;
    try {
      // a delivery already applied (Stripe sends some again): acknowledged before any call to the provider
      const deliveryId = this.provider.deliveryIdOf?.(delivery);
      if (deliveryId && this.deliveries.wasApplied(name, deliveryId)) {
        return { received: true, facts: 0, applied: 0, duplicate: true };
      }
      // a delivery naming only a payment (Mollie): is it worth asking the provider about?
      paymentId = this.provider.paymentIdOf?.(delivery);
      if (paymentId) this.checkPayment(name, paymentId);
      parsed = await this.provider.parseWebhook(delivery);
    } catch (error) {
      if (error instanceof InvalidWebhook) {
        if (paymentId) this.payments.notOurs(paymentId);
        throw new BadRequestException({ message: `webhook refused: ${error.message}`, errors: [] });
      }
      throw error;
    }
    if (paymentId && parsed.foreign) this.payments.notOurs(paymentId);
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

  private checkPayment(provider: string, paymentId: string): void {
    switch (this.payments.check(provider, paymentId)) {
      case 'not_ours':
        throw new InvalidWebhook(`payment ${paymentId} is not one of ours`);
      case 'over_budget':
        // Mollie delivers a webhook again when it is not answered 2xx: a real charge comes back later
        throw new HttpException(
          { message: 'too many payments new to us this minute; deliver again later' },
          HttpStatus.TOO_MANY_REQUESTS,
        );
      default:
    }
  }
}

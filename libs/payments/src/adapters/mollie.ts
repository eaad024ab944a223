import {
  type Chargeback,
  createMollieClient,
  type MollieClient,
  MollieApiError,
  type Payment,
  PaymentEmbed,
  type PaymentMethod,
  PaymentStatus,
  type Refund,
  SequenceType,
  type Subscription,
  SubscriptionStatus,
} from '@mollie/api-client';
import {
  type Checkout,
  type CheckoutRequest,
  centsToDecimalString,
  decimalStringToCents,
  idempotencyKeyFor,
  InvalidWebhook,
  type ParsedWebhook,
  type PaymentFact,
  type PaymentProvider,
  type RefundRequest,
  type WebhookDelivery,
} from '../payment-provider';

export type MolliePaymentProviderOptions = (
  | { apiKey: string; client?: undefined }
  | { client: MollieClient; apiKey?: undefined }
) & {
  /** Where Mollie posts `id=tr_…`; defaults to `<publicBaseUrl>/api/webhooks/mollie`. */
  webhookUrl?: string;
  publicBaseUrl?: string;
};

/** Our ids in Mollie's metadata: never personal data. */
interface OurMetadata {
  rw_reference?: string;
  rw_frequency?: 'monthly';
}

const EUR = 'EUR';

/** Mollie's payment ids: `tr_` and letters and digits (10 today); anything else is no payment of Mollie's. */
export const MOLLIE_PAYMENT_ID = /^tr_[A-Za-z0-9]{1,32}$/;

/**
 * Mollie behind the payment port. Mollie's webhook carries only a payment id and no signature: a delivery is
 * verified by fetching that payment, and the facts are read from its current state (a refunded or charged-back
 * payment stays `paid`; its refunds and chargebacks are facts of their own).
 *
 * Monthly gifts: a customer, a first payment (`sequenceType: first`, which creates the mandate), then a subscription
 * (`interval: 1 month`) created by this adapter once the first payment is seen paid, in `parseWebhook` or
 * `currentFacts`, with an idempotency key derived from our reference and after looking for an existing one.
 */
export class MolliePaymentProvider implements PaymentProvider {
  readonly name = 'mollie' as const;
  private readonly client: MollieClient;
  private readonly webhookUrl: string;

  constructor(options: MolliePaymentProviderOptions) {
    this.client = options.client ?? createMollieClient({ apiKey: options.apiKey });
    const webhookUrl =
      options.webhookUrl ??
      (options.publicBaseUrl ? `${options.publicBaseUrl.replace(/\/+$/, '')}/api/webhooks/mollie` : undefined);
    if (!webhookUrl) throw new Error('Mollie needs a webhookUrl (or a publicBaseUrl to make it from)');
    this.webhookUrl = webhookUrl;
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
      throw new Error(`Mollie checkout: amountCents must be a positive whole number, got ${request.amountCents}`);
    }
    const common = {
      amount: { currency: EUR, value: centsToDecimalString(request.amountCents) },
      description: request.description,
      redirectUrl: request.returnUrl,
      webhookUrl: this.webhookUrl,
      ...(request.method ? { method: request.method as PaymentMethod } : {}),
    };
    let payment: Payment;
    if (request.frequency === 'one_off') {
      payment = await this.client.payments.create({
        ...common,
        metadata: { rw_reference: request.reference } satisfies OurMetadata,
        idempotencyKey: request.idempotencyKey,
      });
    } else {
      // the e-mail address goes to the customer (Mollie mails mandate notices), never to metadata
      const customer = await this.client.customers.create({
        ...(request.payerEmail ? { email: request.payerEmail } : {}),
        metadata: { rw_reference: request.reference } satisfies OurMetadata,
        idempotencyKey: `${request.idempotencyKey}-customer`,
      });
      payment = await this.client.payments.create({
        ...common,
        customerId: customer.id,
        sequenceType: SequenceType.first,
        metadata: { rw_reference: request.reference, rw_frequency: 'monthly' } satisfies OurMetadata,
        idempotencyKey: request.idempotencyKey,
      });
    }
    const checkoutUrl = payment.getCheckoutUrl();
    if (!checkoutUrl) throw new Error(`Mollie payment ${payment.id} has no checkout link (status ${payment.status})`);
    return { checkoutUrl, providerReference: payment.id };
  }

  paymentIdOf(delivery: WebhookDelivery): string {
    // a form body is at most 16 kB (the platform's parser): reading it whole is cheap
    const id = new URLSearchParams(delivery.rawBody.toString('utf8')).get('id');
    if (!id || !MOLLIE_PAYMENT_ID.test(id)) throw new InvalidWebhook('Mollie webhook without a payment id (id=tr_…)');
    return id;
  }

  async parseWebhook(delivery: WebhookDelivery): Promise<ParsedWebhook> {
    const id = this.paymentIdOf(delivery);
    const payment = await this.fetchPayment(id);
    const reference = await this.referenceOf(payment);
    // a payment of this Mollie account that is not ours: acknowledged, nothing to apply
    if (!reference) return { facts: [], foreign: true };
    if (payment.status === PaymentStatus.paid) await this.ensureSubscription(reference, payment);
    return { facts: factsOf(reference, payment) };
  }

  async currentFacts(reference: string, providerReference: string): Promise<PaymentFact[]> {
    const payment = await this.client.payments.get(providerReference, { embed: PAYMENT_EMBEDS });
    const facts = factsOf(reference, payment);
    if (!isMonthlyFirstPayment(payment)) return facts;
    const subscription = await this.ensureSubscription(reference, payment);
    if (!subscription) return facts;
    for await (const charge of this.client.subscriptionPayments.iterate({
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
    })) {
      // listed payments come without their refunds and chargebacks: fetch those that have some
      const detailed =
        cents(charge.amountRefunded) > 0 || cents(charge.amountChargedBack) > 0
          ? await this.client.payments.get(charge.id, { embed: PAYMENT_EMBEDS })
          : charge;
      facts.push(...factsOf(reference, detailed));
    }
    if (subscription.status === SubscriptionStatus.canceled || subscription.status === SubscriptionStatus.completed) {
      facts.push({
        type: 'SubscriptionEnded',
        reference,
        providerSubscriptionId: subscription.id,
        at: subscription.canceledAt ?? subscription.createdAt,
      });
    }
    return facts;
  }

  async refund(request: RefundRequest): Promise<{ providerRefundId: string }> {
    const refund = await this.client.paymentRefunds.create({
      paymentId: request.providerPaymentId,
      amount: { currency: EUR, value: centsToDecimalString(request.amountCents) },
      metadata: { rw_reference: request.reference } satisfies OurMetadata,
      idempotencyKey: request.idempotencyKey,
    });
    return { providerRefundId: refund.id };
  }

  async cancelSubscription(reference: string, providerReference: string): Promise<void> {
    const firstPayment = await this.client.payments.get(providerReference);
    const subscription = await this.subscriptionOf(reference, firstPayment);
    if (!subscription || !ACTIVE_SUBSCRIPTION.has(subscription.status)) return;
    await this.client.customerSubscriptions.cancel(subscription.id, {
      customerId: subscription.customerId,
      idempotencyKey: idempotencyKeyFor(reference, 'cancel-subscription'),
    });
  }

  /** An id Mollie does not know is a forged or misrouted delivery; any other failure is Mollie's, to retry. */
  private async fetchPayment(id: string): Promise<Payment> {
    try {
      return await this.client.payments.get(id, { embed: PAYMENT_EMBEDS });
    } catch (error) {
      if (error instanceof MollieApiError && (error.statusCode === 404 || error.statusCode === 410)) {
        throw new InvalidWebhook(`Mollie does not know payment ${id}`);
      }
      throw error;
    }
  }

  /** Our reference: on the payment itself, or (a subscription's charge) on its subscription. */
  private async referenceOf(payment: Payment): Promise<string | undefined> {
    const own = metadataOf(payment.metadata).rw_reference;
    if (own) return own;
    if (!payment.subscriptionId || !payment.customerId) return undefined;
    const subscription = await this.client.customerSubscriptions.get(payment.subscriptionId, {
      customerId: payment.customerId,
    });
    return metadataOf(subscription.metadata).rw_reference;
  }

  private async subscriptionOf(reference: string, firstPayment: Payment): Promise<Subscription | undefined> {
    if (!firstPayment.customerId) return undefined;
    return this.client.customerSubscriptions
      .iterate({ customerId: firstPayment.customerId })
      .find((subscription) => metadataOf(subscription.metadata).rw_reference === reference);
  }

  /**
   * A monthly gift's subscription, started when its first payment is paid and none exists yet. It starts a month
   * later: the first payment was this month's gift, and without a startDate Mollie would charge again today.
   * Errors propagate: the webhook answers 500 and Mollie delivers again; reconciliation (`currentFacts`) retries too.
   */
  private async ensureSubscription(reference: string, payment: Payment): Promise<Subscription | undefined> {
    if (!isMonthlyFirstPayment(payment) || !payment.customerId) return undefined;
    const existing = await this.subscriptionOf(reference, payment);
    if (existing || payment.status !== PaymentStatus.paid) return existing;
    return this.client.customerSubscriptions.create({
      customerId: payment.customerId,
      amount: { currency: payment.amount.currency, value: payment.amount.value },
      interval: '1 month',
      startDate: oneMonthAfter(payment.paidAt ?? payment.createdAt),
      description: payment.description,
      webhookUrl: this.webhookUrl,
      ...(payment.mandateId ? { mandateId: payment.mandateId } : {}),
      metadata: { rw_reference: reference } satisfies OurMetadata,
      idempotencyKey: idempotencyKeyFor(reference, 'subscription'),
    });
  }
}

const PAYMENT_EMBEDS = [PaymentEmbed.refunds, PaymentEmbed.chargebacks];

const ACTIVE_SUBSCRIPTION = new Set<SubscriptionStatus>([
  SubscriptionStatus.pending,
  SubscriptionStatus.active,
  SubscriptionStatus.suspended,
]);

/** The facts one Mollie payment states now, in its own right (status) and through its refunds and chargebacks. */
function factsOf(reference: string, payment: Payment): PaymentFact[] {
  const facts: PaymentFact[] = [];
  const recurring = payment.sequenceType === SequenceType.recurring;
  switch (payment.status) {
    case PaymentStatus.paid: {
      const at = payment.paidAt ?? payment.createdAt;
      const amountCents = decimalStringToCents(payment.amount.value);
      facts.push({
        type: recurring ? 'MonthlyChargeSucceeded' : 'PaymentSucceeded',
        reference,
        providerPaymentId: payment.id,
        amountCents,
        at,
      });
      const feeCents = feeCentsOf(payment, amountCents);
      if (feeCents !== undefined)
        facts.push({ type: 'FeeKnown', reference, providerPaymentId: payment.id, feeCents, at });
      break;
    }
    case PaymentStatus.failed:
    case PaymentStatus.expired:
    case PaymentStatus.canceled: {
      // a failed monthly charge is not the gift failing: Mollie retries and, after failures, suspends the subscription
      if (recurring) break;
      const reason = failureReasonOf(payment);
      facts.push({
        type: 'PaymentFailed',
        reference,
        providerPaymentId: payment.id,
        outcome: FAILED_OUTCOME[payment.status],
        ...(reason ? { reason } : {}),
        at: payment.failedAt ?? payment.expiredAt ?? payment.canceledAt ?? payment.createdAt,
      });
      break;
    }
    default:
      // open, pending, authorized: nothing has happened yet
      break;
  }
  for (const refund of payment._embedded?.refunds ?? []) {
    if (!isRefunded(refund)) continue;
    facts.push({
      type: 'RefundSucceeded',
      reference,
      providerRefundId: refund.id,
      amountCents: decimalStringToCents(refund.amount.value),
      at: refund.createdAt,
    });
  }
  for (const chargeback of payment._embedded?.chargebacks ?? []) {
    if (isReversed(chargeback)) continue;
    facts.push({
      type: 'ChargedBack',
      reference,
      providerChargebackId: chargeback.id,
      amountCents: decimalStringToCents(chargeback.amount.value),
      at: chargeback.createdAt,
    });
  }
  return facts;
}

const FAILED_OUTCOME = {
  [PaymentStatus.failed]: 'failed',
  [PaymentStatus.expired]: 'expired',
  [PaymentStatus.canceled]: 'canceled',
} as const;

/**
 * amount − settlementAmount, only when Mollie states a settlementAmount in the same currency (it is absent for
 * methods Mollie does not settle); a difference of zero or of the whole amount says nothing about a fee.
 */
function feeCentsOf(payment: Payment, amountCents: number): number | undefined {
  const settlement = payment.settlementAmount;
  if (!settlement || settlement.currency !== payment.amount.currency) return undefined;
  if (!/^\d+(\.\d{1,2})?$/.test(settlement.value)) return undefined;
  const feeCents = amountCents - decimalStringToCents(settlement.value);
  return feeCents > 0 && feeCents < amountCents ? feeCents : undefined;
}

function isMonthlyFirstPayment(payment: Payment): boolean {
  return payment.sequenceType === SequenceType.first && metadataOf(payment.metadata).rw_frequency === 'monthly';
}

/** `refunded` is Mollie's final state (older API versions said `succeeded`); queued/pending/processing may still fail. */
function isRefunded(refund: Refund): boolean {
  const status: string = refund.status;
  return status === 'refunded' || status === 'succeeded';
}

/** A reversed chargeback gave the money back: there is no fact for that (yet), so it is not reported as lost. */
function isReversed(chargeback: Chargeback): boolean {
  return Boolean(chargeback.reversedAt);
}

function failureReasonOf(payment: Payment): string | undefined {
  const details = (payment.details ?? {}) as { failureMessage?: unknown; failureReason?: unknown };
  for (const candidate of [details.failureMessage, details.failureReason, payment.statusReason?.message]) {
    if (typeof candidate === 'string' && candidate.length > 0) return candidate;
  }
  return undefined;
}

function metadataOf(metadata: unknown): OurMetadata {
  if (typeof metadata !== 'object' || metadata === null) return {};
  const { rw_reference, rw_frequency } = metadata as Record<string, unknown>;
  return {
    ...(typeof rw_reference === 'string' ? { rw_reference } : {}),
    ...(rw_frequency === 'monthly' ? { rw_frequency } : {}),
  };
}

function cents(amount: { value: string } | undefined | null): number {
  return amount ? decimalStringToCents(amount.value) : 0;
}

/** "2026-12-24" from "2026-11-24T…"; the 31st becomes the month's last day (Jan 31 → Feb 28). */
function oneMonthAfter(instant: string): string {
  const day = new Date(instant);
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), lastDay))).toISOString().slice(0, 10);
}

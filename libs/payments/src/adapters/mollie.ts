import {
  createMollieClient,
  type MollieClient,
  MollieApiError,
  type Payment,
  PaymentEmbed,
  PaymentMethod,
  PaymentStatus,
  type Refund,
  SequenceType,
  type Subscription,
  SubscriptionStatus,
} from '@mollie/api-client';
import { methodsOffered, nativeMethod, type PaymentMethodName, type ProviderMethods } from '../payment-methods';
import {
  type Checkout,
  type CheckoutRequest,
  centsToDecimalString,
  decimalStringToCents,
  type Frequency,
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
 * Our methods in Mollie's words (the client's `PaymentMethod`). A monthly gift starts with a first payment that
 * creates the mandate later months are debited on: Bancontact, iDEAL and cards can make one. Mollie has no `sepa`:
 * its `directdebit` is only for recurring payments on a mandate (never a one-off, never a first payment), and its
 * `banktransfer` is a transfer the donor makes, which the platform offers itself (`provider: bank_transfer`).
 */
export const MOLLIE_METHODS: ProviderMethods<PaymentMethod> = {
  bancontact: { one_off: PaymentMethod.bancontact, monthly: PaymentMethod.bancontact },
  ideal: { one_off: PaymentMethod.ideal, monthly: PaymentMethod.ideal },
  creditcard: { one_off: PaymentMethod.creditcard, monthly: PaymentMethod.creditcard },
  sepa: {},
};

/**
 * Mollie behind the payment port. Mollie's webhook carries only a payment id and no signature: a delivery is
 * verified by fetching that payment, and the facts are read from its current state (a refunded or charged-back
 * payment stays `paid`; its refunds and chargebacks are facts of their own).
 *
 * Monthly gifts: a customer, a first payment (`sequenceType: first`, which creates the mandate), then a subscription
 * (`interval: 1 month`) created by `startMonthly` once the first payment is paid (the platform calls it in a
 * reaction to that payment), with an idempotency key derived from our reference and after looking for an existing
 * one. Reading a payment (`parseWebhook`, `currentFacts`) only reads.
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

  methodsFor(frequency: Frequency): PaymentMethodName[] {
    return methodsOffered(MOLLIE_METHODS, frequency);
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
      throw new Error(`Mollie checkout: amountCents must be a positive whole number, got ${request.amountCents}`);
    }
    const method = request.method ? nativeMethod(MOLLIE_METHODS, request.method, request.frequency) : undefined;
    if (request.method && !method) {
      throw new Error(`Mollie checkout: payment method ${request.method} is not offered for ${request.frequency}`);
    }
    const common = {
      amount: { currency: EUR, value: centsToDecimalString(request.amountCents) },
      description: request.description,
      redirectUrl: request.returnUrl,
      webhookUrl: this.webhookUrl,
      ...(method ? { method } : {}),
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
    const { reference, subscription } = await this.ownerOf(payment);
    // a payment of this Mollie account that is not ours: acknowledged, nothing to apply
    if (!reference) return { facts: [], foreign: true };
    const facts = factsOf(reference, payment);
    // a monthly charge's webhook is the only one Mollie sends when its subscription stops (failed charges suspend it)
    const ended = subscription && subscriptionEnd(reference, subscription, [payment]);
    return { facts: ended ? [...facts, ended] : facts };
  }

  async currentFacts(reference: string, providerReference: string): Promise<PaymentFact[]> {
    const payment = await this.client.payments.get(providerReference, { embed: PAYMENT_EMBEDS });
    const facts = factsOf(reference, payment);
    if (!isMonthlyFirstPayment(payment)) return facts;
    const subscription = await this.subscriptionOf(reference, payment);
    if (!subscription) return facts;
    const charges: Payment[] = [];
    for await (const charge of this.client.subscriptionPayments.iterate({
      customerId: subscription.customerId,
      subscriptionId: subscription.id,
    })) {
      // listed payments come without their refunds and chargebacks: each paid one is fetched with them, since a
      // reversed chargeback may leave no trace in the listed amounts (only `reversedAt` on the chargeback says so)
      const detailed =
        charge.status === PaymentStatus.paid
          ? await this.client.payments.get(charge.id, { embed: PAYMENT_EMBEDS })
          : charge;
      charges.push(detailed);
      facts.push(...factsOf(reference, detailed));
    }
    const ended = subscriptionEnd(reference, subscription, charges);
    if (ended) facts.push(ended);
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

  async startMonthly(reference: string, providerReference: string): Promise<void> {
    const firstPayment = await this.client.payments.get(providerReference);
    if (metadataOf(firstPayment.metadata).rw_reference !== reference) {
      throw new Error(`Mollie payment ${providerReference} is not the first payment of ${reference}`);
    }
    await this.ensureSubscription(reference, firstPayment);
  }

  async cancelSubscription(reference: string, providerReference: string): Promise<void> {
    const firstPayment = await this.client.payments.get(providerReference);
    const subscription = await this.subscriptionOf(reference, firstPayment);
    if (!subscription || !NOT_ENDED.has(subscription.status)) return;
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

  /**
   * Our reference: on the payment itself, or (a subscription's charge, which Mollie makes without metadata of its
   * own) on its subscription. A charge's subscription is returned too: its status says whether the gift still runs.
   */
  private async ownerOf(payment: Payment): Promise<{ reference?: string; subscription?: Subscription }> {
    const own = metadataOf(payment.metadata).rw_reference;
    if (!payment.subscriptionId || !payment.customerId) return own ? { reference: own } : {};
    const subscription = await this.client.customerSubscriptions.get(payment.subscriptionId, {
      customerId: payment.customerId,
    });
    const reference = own ?? metadataOf(subscription.metadata).rw_reference;
    return reference ? { reference, subscription } : {};
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
   * Errors propagate: the reaction that calls it tries again after a backoff.
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

/**
 * A subscription that may still charge the donor. A suspended one (Mollie suspends after failed charges or a mandate
 * that became invalid) charges nothing and is no longer an active gift, but it is not over at Mollie either: a
 * donor's stop cancels it too, so that it can never charge again.
 */
const NOT_ENDED = new Set<SubscriptionStatus>([
  SubscriptionStatus.pending,
  SubscriptionStatus.active,
  SubscriptionStatus.suspended,
]);

/**
 * The end of a monthly gift, when its subscription no longer runs: canceled, completed, or suspended (not active:
 * nothing is charged any more). Mollie dates only a cancellation; a suspension is dated by the latest charge that
 * failed, else by the latest charge, else by the subscription's creation.
 */
function subscriptionEnd(reference: string, subscription: Subscription, charges: Payment[]): PaymentFact | undefined {
  if (subscription.status === SubscriptionStatus.pending || subscription.status === SubscriptionStatus.active) {
    return undefined;
  }
  const latest = (instants: (string | undefined)[]) =>
    instants.filter((instant): instant is string => Boolean(instant)).sort((a, b) => Date.parse(b) - Date.parse(a))[0];
  const at =
    subscription.canceledAt ??
    latest(charges.map((charge) => charge.failedAt)) ??
    latest(charges.map((charge) => charge.paidAt ?? charge.createdAt)) ??
    subscription.createdAt;
  return { type: 'SubscriptionEnded', reference, providerSubscriptionId: subscription.id, at };
}

/** The facts one Mollie payment states now, in its own right (status) and through its refunds and chargebacks. */
function factsOf(reference: string, payment: Payment): PaymentFact[] {
  const facts: PaymentFact[] = [];
  const recurring = payment.sequenceType === SequenceType.recurring;
  switch (payment.status) {
    case PaymentStatus.paid: {
      const at = payment.paidAt ?? payment.createdAt;
      // No FeeKnown: Mollie states no fee on a payment. `settlementAmount` is not the amount minus a fee (it equals
      // the amount of a EUR payment, and is deprecated, gone on 2027-01-01); fees are only in settlements and balance
      // transactions, per method and month, which client 4.6 cannot tie to one payment. The fee stays unknown.
      facts.push({
        type: recurring ? 'MonthlyChargeSucceeded' : 'PaymentSucceeded',
        reference,
        providerPaymentId: payment.id,
        amountCents: decimalStringToCents(payment.amount.value),
        at,
      });
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
      amountCents: magnitudeCents(refund.amount.value),
      providerPaymentId: refund.paymentId ?? payment.id,
      at: refund.createdAt,
    });
  }
  for (const chargeback of payment._embedded?.chargebacks ?? []) {
    // a chargeback is money withdrawn by the payer's bank; Mollie's own payloads write its amount negative
    const amountCents = magnitudeCents(chargeback.amount.value);
    facts.push({
      type: 'ChargedBack',
      reference,
      providerChargebackId: chargeback.id,
      amountCents,
      at: chargeback.createdAt,
    });
    // reversed: the bank gave the money back. Both facts together leave it counted, whichever was seen before.
    if (chargeback.reversedAt) {
      facts.push({
        type: 'ChargebackReversed',
        reference,
        providerChargebackId: chargeback.id,
        amountCents,
        at: chargeback.reversedAt,
      });
    }
  }
  return facts;
}

const FAILED_OUTCOME = {
  [PaymentStatus.failed]: 'failed',
  [PaymentStatus.expired]: 'expired',
  [PaymentStatus.canceled]: 'canceled',
} as const;

function isMonthlyFirstPayment(payment: Payment): boolean {
  return payment.sequenceType === SequenceType.first && metadataOf(payment.metadata).rw_frequency === 'monthly';
}

/** `refunded` is Mollie's final state (older API versions said `succeeded`); queued/pending/processing may still fail. */
function isRefunded(refund: Refund): boolean {
  const status: string = refund.status;
  return status === 'refunded' || status === 'succeeded';
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

/** 1300 from "-13.00" or "13.00": Mollie writes chargebacks (and settlement amounts) negative, we count magnitudes. */
function magnitudeCents(value: string): number {
  return decimalStringToCents(value.trim().replace(/^-/, ''));
}

/** "2026-12-24" from "2026-11-24T…"; the 31st becomes the month's last day (Jan 31 → Feb 28). */
function oneMonthAfter(instant: string): string {
  const day = new Date(instant);
  const year = day.getUTCFullYear();
  const month = day.getUTCMonth() + 1;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return new Date(Date.UTC(year, month, Math.min(day.getUTCDate(), lastDay))).toISOString().slice(0, 10);
}

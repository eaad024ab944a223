import Stripe from 'stripe';
import { methodsOffered, nativeMethod, type PaymentMethodName, type ProviderMethods } from '../payment-methods';
import {
  type Checkout,
  type CheckoutRequest,
  type Frequency,
  InvalidWebhook,
  type ParsedWebhook,
  type PaymentFact,
  type PaymentProvider,
  type RefundRequest,
  type WebhookDelivery,
} from '../payment-provider';

export interface StripeSettings {
  secretKey: string;
  webhookSecret: string;
  publicBaseUrl?: string;
}

/** The metadata key of our reference, on the session, its payment intent / subscription, and refunds. */
const REFERENCE_KEY = 'rw_reference';

/**
 * Our methods in Stripe Checkout's words (API 2026-09-30.endive removed `payment_method_types` from sessions;
 * `allowed_payment_method_types` filters instead). In subscription mode Stripe takes Bancontact and iDEAL as the
 * first payment and charges later months by SEPA Direct Debit on the mandate they set up.
 */
export const STRIPE_METHODS: ProviderMethods<Stripe.Checkout.SessionCreateParams.AllowedPaymentMethodType> = {
  bancontact: { one_off: 'bancontact', monthly: 'bancontact' },
  ideal: { one_off: 'ideal', monthly: 'ideal' },
  creditcard: { one_off: 'card', monthly: 'card' },
  sepa: { one_off: 'sepa_debit', monthly: 'sepa_debit' },
};

type Id<T> = string | T | null | undefined;
const idOf = <T extends { id: string }>(value: Id<T>): string | undefined =>
  value == null ? undefined : typeof value === 'string' ? value : value.id;
const isoOf = (unixSeconds: number): string => new Date(unixSeconds * 1000).toISOString();

/** Every item of a list call, page after page (the SDK follows `has_more` with `starting_after`). */
async function everyItem<T>(list: Stripe.ApiListPromise<T>): Promise<T[]> {
  const items: T[] = [];
  for await (const item of list) items.push(item);
  return items;
}

/**
 * Stripe Checkout behind the payment port. Every webhook is verified on its raw body, then the objects it names
 * are fetched again (deliveries repeat and come out of order), so facts describe Stripe's state now.
 *
 * Monthly gifts: a subscription-mode session's completion gives no fact; the money of the first month comes
 * from the first invoice's `invoice.paid` (`billing_reason: subscription_create` → PaymentSucceeded, later
 * invoices → MonthlyChargeSucceeded), so it is counted once. `invoice.payment_failed` gives no fact: Stripe
 * retries the invoice, and a subscription it gives up on ends with `customer.subscription.deleted`.
 * Payment ids are payment intent ids throughout (one-off and every invoice), so refunds and fees line up.
 *
 * A declined card inside a Checkout Session that is still open is one attempt (PaymentAttemptFailed): the donor
 * may try again in the same session and pay. The payment fails for good only when the session is over unpaid
 * (expired, or completed with a delayed payment that failed). A dispute counts only by the money it moved, read
 * from its balance transactions: an inquiry withdraws nothing (no fact), a withdrawal is a charge-back, a
 * reinstatement (a won dispute) gives it back, and their fees are the dispute's cost. A refund that fails after it
 * went through (`failed`, with a `failure_balance_transaction`) no longer counts. Every list is read to its end.
 */
export class StripePaymentProvider implements PaymentProvider {
  readonly name = 'stripe' as const;

  methodsFor(frequency: Frequency): PaymentMethodName[] {
    return methodsOffered(STRIPE_METHODS, frequency);
  }
  private readonly stripe: Stripe;

  constructor(
    private readonly settings: StripeSettings,
    client?: Stripe,
  ) {
    this.stripe = client ?? new Stripe(settings.secretKey);
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
      throw new Error(`stripe checkout: amountCents must be a positive whole number, got ${request.amountCents}`);
    }
    const metadata = { [REFERENCE_KEY]: request.reference };
    const monthly = request.frequency === 'monthly';
    const method = request.method ? nativeMethod(STRIPE_METHODS, request.method, request.frequency) : undefined;
    if (request.method && !method) {
      throw new Error(`stripe checkout: unknown payment method ${request.method} (for ${request.frequency})`);
    }
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: monthly ? 'subscription' : 'payment',
        client_reference_id: request.reference,
        metadata,
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: 'eur',
              unit_amount: request.amountCents,
              product_data: { name: request.description },
              ...(monthly ? { recurring: { interval: 'month' as const } } : {}),
            },
          },
        ],
        ...(monthly ? { subscription_data: { metadata } } : { payment_intent_data: { metadata } }),
        ...(method ? { allowed_payment_method_types: [method] } : {}),
        ...(monthly && request.payerEmail ? { customer_email: request.payerEmail } : {}),
        success_url: request.returnUrl,
        cancel_url: request.returnUrl,
      },
      { idempotencyKey: request.idempotencyKey },
    );
    if (!session.url) throw new Error(`stripe checkout: session ${session.id} has no url`);
    return { checkoutUrl: session.url, providerReference: session.id };
  }

  async parseWebhook(delivery: WebhookDelivery): Promise<ParsedWebhook> {
    const event = this.verified(delivery);
    return { deliveryId: event.id, facts: await this.factsOfEvent(event) };
  }

  deliveryIdOf(delivery: WebhookDelivery): string {
    return this.verified(delivery).id;
  }

  /** The event, once its signature over the raw body checks out (and is recent: replays are refused). */
  private verified({ rawBody, headers }: WebhookDelivery): Stripe.Event {
    const header = headers['stripe-signature'];
    try {
      return this.stripe.webhooks.constructEvent(
        rawBody,
        Array.isArray(header) ? (header[0] ?? '') : (header ?? ''),
        this.settings.webhookSecret,
      );
    } catch (error) {
      throw new InvalidWebhook(`stripe webhook refused: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  async currentFacts(reference: string, providerReference: string): Promise<PaymentFact[]> {
    const session = await this.stripe.checkout.sessions.retrieve(providerReference);
    const facts: PaymentFact[] = [];
    if (session.status === 'expired') facts.push(this.expired(reference, session));
    const subscriptionId = idOf(session.subscription);
    if (session.mode === 'subscription' && subscriptionId) {
      const invoices = await everyItem(
        this.stripe.invoices.list({ subscription: subscriptionId, status: 'paid', expand: ['data.payments'] }),
      );
      for (const invoice of invoices) facts.push(...(await this.factsOfPaidInvoice(invoice, reference)));
      const subscription = await this.stripe.subscriptions.retrieve(subscriptionId);
      if (subscription.status === 'canceled') facts.push(this.ended(reference, subscription));
    }
    const paymentIntentId = idOf(session.payment_intent);
    if (session.mode === 'payment' && paymentIntentId) {
      const paymentIntent = await this.paymentIntent(paymentIntentId);
      if (paymentIntent.status === 'succeeded') {
        facts.push(...(await this.factsOfSucceededPaymentIntent(paymentIntent, reference, session.amount_total)));
      } else if (session.status !== 'expired' && paymentIntent.last_payment_error) {
        facts.push(this.declined(reference, paymentIntent, session));
      }
    }
    return facts;
  }

  async refund(request: RefundRequest): Promise<{ providerRefundId: string }> {
    const refund = await this.stripe.refunds.create(
      {
        ...(await this.refundTarget(request.providerPaymentId)),
        amount: request.amountCents,
        metadata: { [REFERENCE_KEY]: request.reference },
      },
      { idempotencyKey: request.idempotencyKey },
    );
    return { providerRefundId: refund.id };
  }

  /**
   * What to refund for a payment id this adapter reported: a payment intent (one-off gifts, and invoices paid by
   * one), a charge, or an invoice (whose payment says which).
   */
  private async refundTarget(providerPaymentId: string): Promise<{ payment_intent: string } | { charge: string }> {
    if (/^(ch|py)_/.test(providerPaymentId)) return { charge: providerPaymentId };
    if (!providerPaymentId.startsWith('in_')) return { payment_intent: providerPaymentId };
    const invoice = await this.stripe.invoices.retrieve(providerPaymentId, { expand: ['payments'] });
    const payment = this.paymentOfInvoice(invoice);
    const paymentIntentId = idOf(payment?.payment.payment_intent);
    if (paymentIntentId) return { payment_intent: paymentIntentId };
    const chargeId = idOf(payment?.payment.charge);
    if (chargeId) return { charge: chargeId };
    throw new Error(`stripe refund: invoice ${providerPaymentId} has no payment to refund`);
  }

  async cancelSubscription(_reference: string, providerReference: string): Promise<void> {
    const session = await this.stripe.checkout.sessions.retrieve(providerReference);
    const subscriptionId = idOf(session.subscription);
    if (!subscriptionId) throw new Error(`stripe: checkout session ${providerReference} has no subscription`);
    const subscription = await this.stripe.subscriptions.retrieve(subscriptionId);
    if (subscription.status === 'canceled') return;
    await this.stripe.subscriptions.cancel(subscriptionId);
  }

  private async factsOfEvent(event: Stripe.Event): Promise<PaymentFact[]> {
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded': {
        const session = await this.stripe.checkout.sessions.retrieve(event.data.object.id);
        const reference = session.metadata?.[REFERENCE_KEY];
        const paymentIntentId = idOf(session.payment_intent);
        // subscription mode: the first invoice's invoice.paid counts the first month
        if (!reference || session.mode !== 'payment' || session.payment_status !== 'paid' || !paymentIntentId)
          return [];
        const paymentIntent = await this.paymentIntent(paymentIntentId);
        return this.factsOfSucceededPaymentIntent(paymentIntent, reference, session.amount_total, false);
      }
      case 'checkout.session.async_payment_failed': {
        const session = await this.stripe.checkout.sessions.retrieve(event.data.object.id);
        const reference = session.metadata?.[REFERENCE_KEY];
        const paymentIntentId = idOf(session.payment_intent);
        if (!reference || session.payment_status === 'paid') return [];
        const paymentIntent = paymentIntentId ? await this.paymentIntent(paymentIntentId) : undefined;
        if (!paymentIntent) return [this.failedSession(reference, session)];
        return [this.failed(reference, paymentIntent)];
      }
      case 'checkout.session.expired': {
        const session = await this.stripe.checkout.sessions.retrieve(event.data.object.id);
        const reference = session.metadata?.[REFERENCE_KEY];
        return reference && session.status === 'expired' ? [this.expired(reference, session)] : [];
      }
      case 'payment_intent.payment_failed': {
        const paymentIntent = await this.paymentIntent(event.data.object.id);
        const reference = paymentIntent.metadata?.[REFERENCE_KEY];
        // an invoice's payment intent carries no reference: monthly failures give no fact (see above)
        if (!reference || paymentIntent.status === 'succeeded' || paymentIntent.status === 'processing') return [];
        // whether the decline ends the gift depends on its checkout: still open, the donor may try again
        const sessions = await this.stripe.checkout.sessions.list({ payment_intent: paymentIntent.id, limit: 1 });
        return [this.declined(reference, paymentIntent, sessions.data[0])];
      }
      case 'invoice.paid': {
        const invoiceId = event.data.object.id;
        if (!invoiceId) return [];
        const invoice = await this.stripe.invoices.retrieve(invoiceId, { expand: ['payments'] });
        if (invoice.status !== 'paid') return [];
        const reference = await this.referenceOfInvoice(invoice);
        return reference ? this.factsOfPaidInvoice(invoice, reference, false) : [];
      }
      case 'customer.subscription.deleted': {
        const subscription = await this.stripe.subscriptions.retrieve(event.data.object.id);
        const reference = subscription.metadata?.[REFERENCE_KEY];
        return reference && subscription.status === 'canceled' ? [this.ended(reference, subscription)] : [];
      }
      case 'charge.refunded':
      case 'charge.refund.updated':
      case 'refund.created':
      case 'refund.updated':
      case 'refund.failed': {
        const chargeId = event.type === 'charge.refunded' ? event.data.object.id : idOf(event.data.object.charge);
        if (!chargeId) return [];
        const charge = await this.stripe.charges.retrieve(chargeId);
        const paymentIntentId = idOf(charge.payment_intent);
        const reference = await this.referenceOfPaymentIntent(paymentIntentId);
        if (!reference) return [];
        return this.refundsOf(reference, paymentIntentId ? { payment_intent: paymentIntentId } : { charge: charge.id });
      }
      case 'charge.dispute.created':
      case 'charge.dispute.updated':
      case 'charge.dispute.closed':
      case 'charge.dispute.funds_withdrawn':
      case 'charge.dispute.funds_reinstated': {
        const dispute = await this.stripe.disputes.retrieve(event.data.object.id);
        const reference = await this.referenceOfPaymentIntent(await this.paymentIntentOfDispute(dispute));
        return reference ? this.factsOfDispute(reference, dispute) : [];
      }
      case 'charge.succeeded':
      case 'charge.updated': {
        // the fee is known once the balance transaction exists, sometimes after the payment itself
        const charge = await this.stripe.charges.retrieve(event.data.object.id, { expand: ['balance_transaction'] });
        const paymentIntentId = idOf(charge.payment_intent);
        const reference = await this.referenceOfPaymentIntent(paymentIntentId);
        const fee = reference && paymentIntentId ? this.feeOf(reference, paymentIntentId, charge) : undefined;
        return fee ? [fee] : [];
      }
      default:
        return [];
    }
  }

  /** One-off payment: the payment, its fee when known, and (for reconciliation) its refunds and disputes. */
  private async factsOfSucceededPaymentIntent(
    paymentIntent: Stripe.PaymentIntent,
    reference: string,
    amountTotal: number | null,
    withAftermath = true,
  ): Promise<PaymentFact[]> {
    const charge = typeof paymentIntent.latest_charge === 'object' ? paymentIntent.latest_charge : null;
    const facts: PaymentFact[] = [
      {
        type: 'PaymentSucceeded',
        reference,
        providerPaymentId: paymentIntent.id,
        amountCents: amountTotal ?? paymentIntent.amount_received,
        at: isoOf(charge?.created ?? paymentIntent.created),
      },
    ];
    const fee = charge ? this.feeOf(reference, paymentIntent.id, charge) : undefined;
    if (fee) facts.push(fee);
    if (withAftermath) facts.push(...(await this.aftermathOf(paymentIntent, reference)));
    return facts;
  }

  /** A paid invoice of a monthly gift: the first is the gift's payment, later ones are monthly charges. */
  private async factsOfPaidInvoice(invoice: Stripe.Invoice, reference: string, withAftermath = true) {
    const payment = this.paymentOfInvoice(invoice);
    const paymentIntentId = idOf(payment?.payment.payment_intent);
    const providerPaymentId = paymentIntentId ?? idOf(payment?.payment.charge) ?? invoice.id;
    const at = isoOf(invoice.status_transitions.paid_at ?? invoice.created);
    const facts: PaymentFact[] = [
      invoice.billing_reason === 'subscription_create'
        ? { type: 'PaymentSucceeded', reference, providerPaymentId, amountCents: invoice.amount_paid, at }
        : { type: 'MonthlyChargeSucceeded', reference, providerPaymentId, amountCents: invoice.amount_paid, at },
    ];
    if (paymentIntentId) {
      const paymentIntent = await this.paymentIntent(paymentIntentId);
      const charge = typeof paymentIntent.latest_charge === 'object' ? paymentIntent.latest_charge : null;
      const fee = charge ? this.feeOf(reference, paymentIntentId, charge) : undefined;
      if (fee) facts.push(fee);
      if (withAftermath) facts.push(...(await this.aftermathOf(paymentIntent, reference)));
    }
    return facts;
  }

  /** The paid payment of an invoice whose `payments` were included. */
  private paymentOfInvoice(invoice: Stripe.Invoice): Stripe.InvoicePayment | undefined {
    return invoice.payments?.data.find((p) => p.status === 'paid') ?? invoice.payments?.data[0];
  }

  /** Refunds and disputes of a payment, as they stand now (reconciliation). */
  private async aftermathOf(paymentIntent: Stripe.PaymentIntent, reference: string): Promise<PaymentFact[]> {
    const refunds = await this.refundsOf(reference, { payment_intent: paymentIntent.id });
    const disputes = await everyItem(this.stripe.disputes.list({ payment_intent: paymentIntent.id, limit: 100 }));
    return [...refunds, ...disputes.flatMap((dispute) => this.factsOfDispute(reference, dispute))];
  }

  /**
   * Every refund of a payment: a succeeded one counts; a failed one (the card was closed, the money came back to
   * our balance) counted when it went through and no longer does, so it is stated as both, in that order.
   */
  private async refundsOf(
    reference: string,
    of: { payment_intent: string } | { charge: string },
  ): Promise<PaymentFact[]> {
    const refunds = await everyItem(
      this.stripe.refunds.list({ ...of, limit: 100, expand: ['data.failure_balance_transaction'] }),
    );
    // the payment id reported for that payment: its payment intent, or the charge of an invoice paid without one
    const providerPaymentId = 'payment_intent' in of ? of.payment_intent : of.charge;
    return refunds
      .sort((a, b) => a.created - b.created)
      .flatMap((refund): PaymentFact[] => {
        if (refund.status !== 'succeeded' && refund.status !== 'failed') return [];
        const succeeded: PaymentFact = {
          type: 'RefundSucceeded',
          reference,
          providerRefundId: refund.id,
          amountCents: refund.amount,
          providerPaymentId,
          at: isoOf(refund.created),
        };
        if (refund.status === 'succeeded') return [succeeded];
        const reversal = refund.failure_balance_transaction;
        return [
          succeeded,
          {
            type: 'RefundFailed',
            reference,
            providerRefundId: refund.id,
            amountCents: refund.amount,
            at: isoOf(reversal && typeof reversal === 'object' ? reversal.created : refund.created),
          },
        ];
      });
  }

  /**
   * A dispute by the money it moved (its balance transactions, always included): a withdrawal is a charge-back,
   * a reinstatement (or a dispute won) gives it back, the fees are the dispute's cost. An inquiry moved nothing.
   * From scratch a won dispute is both facts, so that the end state is right whatever was recorded before.
   */
  private factsOfDispute(reference: string, dispute: Stripe.Dispute): PaymentFact[] {
    const transactions = [...dispute.balance_transactions].sort((a, b) => a.created - b.created);
    const withdrawals = transactions.filter((transaction) => transaction.amount < 0);
    const reinstatements = transactions.filter((transaction) => transaction.amount > 0);
    const withdrawn = -withdrawals.reduce((sum, transaction) => sum + transaction.amount, 0);
    const reinstated = reinstatements.reduce((sum, transaction) => sum + transaction.amount, 0);
    const facts: PaymentFact[] = [];
    const [firstWithdrawal] = withdrawals;
    if (firstWithdrawal) {
      facts.push({
        type: 'ChargedBack',
        reference,
        providerChargebackId: dispute.id,
        amountCents: withdrawn,
        at: isoOf(firstWithdrawal.created),
      });
      const [firstReinstatement] = reinstatements;
      if (firstReinstatement || dispute.status === 'won') {
        facts.push({
          type: 'ChargebackReversed',
          reference,
          providerChargebackId: dispute.id,
          amountCents: firstReinstatement ? reinstated : withdrawn,
          at: isoOf((firstReinstatement ?? transactions[transactions.length - 1] ?? firstWithdrawal).created),
        });
      }
    }
    const charged = transactions.filter((transaction) => transaction.fee !== 0);
    const lastCharged = charged[charged.length - 1];
    if (lastCharged) {
      facts.push({
        type: 'FeeKnown',
        reference,
        providerPaymentId: dispute.id,
        feeCents: charged.reduce((sum, transaction) => sum + transaction.fee, 0),
        at: isoOf(lastCharged.created),
      });
    }
    return facts;
  }

  private feeOf(reference: string, providerPaymentId: string, charge: Stripe.Charge): PaymentFact | undefined {
    const transaction = charge.balance_transaction;
    if (!transaction || typeof transaction === 'string') return undefined;
    return {
      type: 'FeeKnown',
      reference,
      providerPaymentId,
      feeCents: transaction.fee,
      at: isoOf(transaction.created),
    };
  }

  private paymentIntent(id: string): Promise<Stripe.PaymentIntent> {
    return this.stripe.paymentIntents.retrieve(id, { expand: ['latest_charge.balance_transaction'] });
  }

  private async paymentIntentOfDispute(dispute: Stripe.Dispute): Promise<string | undefined> {
    const paymentIntentId = idOf(dispute.payment_intent);
    if (paymentIntentId) return paymentIntentId;
    const chargeId = idOf(dispute.charge);
    return chargeId ? idOf((await this.stripe.charges.retrieve(chargeId)).payment_intent) : undefined;
  }

  /** A one-off payment intent carries our reference; an invoice's does not, its subscription does. */
  private async referenceOfPaymentIntent(paymentIntentId: string | undefined): Promise<string | undefined> {
    if (!paymentIntentId) return undefined;
    const paymentIntent = await this.stripe.paymentIntents.retrieve(paymentIntentId);
    const own = paymentIntent.metadata?.[REFERENCE_KEY];
    if (own) return own;
    const payments = await this.stripe.invoicePayments.list({
      payment: { type: 'payment_intent', payment_intent: paymentIntentId },
      expand: ['data.invoice'],
    });
    const invoice = payments.data[0]?.invoice;
    return invoice && typeof invoice === 'object' && !invoice.deleted ? this.referenceOfInvoice(invoice) : undefined;
  }

  private async referenceOfInvoice(invoice: Stripe.Invoice): Promise<string | undefined> {
    const details = invoice.parent?.subscription_details;
    const snapshot = details?.metadata?.[REFERENCE_KEY];
    if (snapshot) return snapshot;
    const subscriptionId = idOf(details?.subscription);
    if (!subscriptionId) return undefined;
    return (await this.stripe.subscriptions.retrieve(subscriptionId)).metadata?.[REFERENCE_KEY];
  }

  /**
   * A declined payment intent, by the state of its checkout: open (or none known), one attempt the donor may follow
   * with another; expired, the payment expired; completed unpaid (a delayed payment that failed), final.
   */
  private declined(
    reference: string,
    paymentIntent: Stripe.PaymentIntent,
    session: Stripe.Checkout.Session | undefined,
  ): PaymentFact {
    if (session?.status === 'expired') return this.expired(reference, session);
    if (session?.status === 'complete' || paymentIntent.status === 'canceled')
      return this.failed(reference, paymentIntent);
    const { reason, at } = this.declineOf(paymentIntent);
    return {
      type: 'PaymentAttemptFailed',
      reference,
      providerPaymentId: paymentIntent.id,
      ...(reason ? { reason } : {}),
      at,
    };
  }

  private failed(reference: string, paymentIntent: Stripe.PaymentIntent): PaymentFact {
    const { reason, at } = this.declineOf(paymentIntent);
    return {
      type: 'PaymentFailed',
      reference,
      providerPaymentId: paymentIntent.id,
      outcome: paymentIntent.status === 'canceled' && !reason ? 'canceled' : 'failed',
      ...(reason ? { reason } : {}),
      at,
    };
  }

  /** Stripe's decline message and code, and when it was declined (the declined charge, when there is one). */
  private declineOf(paymentIntent: Stripe.PaymentIntent): { reason: string; at: string } {
    const error = paymentIntent.last_payment_error;
    const reason = [error?.message, error?.decline_code].filter(Boolean).join(' ');
    const charge = paymentIntent.latest_charge;
    const declinedCharge = charge && typeof charge === 'object' && charge.status === 'failed' ? charge : undefined;
    return { reason, at: isoOf(declinedCharge?.created ?? paymentIntent.created) };
  }

  private failedSession(reference: string, session: Stripe.Checkout.Session): PaymentFact {
    return {
      type: 'PaymentFailed',
      reference,
      providerPaymentId: session.id,
      outcome: 'failed',
      at: isoOf(session.created),
    };
  }

  private expired(reference: string, session: Stripe.Checkout.Session): PaymentFact {
    return {
      type: 'PaymentFailed',
      reference,
      providerPaymentId: idOf(session.payment_intent) ?? session.id,
      outcome: 'expired',
      at: isoOf(session.expires_at),
    };
  }

  private ended(reference: string, subscription: Stripe.Subscription): PaymentFact {
    return {
      type: 'SubscriptionEnded',
      reference,
      providerSubscriptionId: subscription.id,
      at: isoOf(subscription.ended_at ?? subscription.canceled_at ?? subscription.created),
    };
  }
}

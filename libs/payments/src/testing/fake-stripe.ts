import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { WebhookDelivery } from '../payment-provider';

type StripeObject = Record<string, unknown>;

/**
 * A scripted Stripe on a local HTTP port, for the real SDK: checkout sessions it creates (the same one again for
 * the same idempotency key), payments a test marks paid, refunds, and webhook bodies signed as Stripe signs them.
 * Only what the Stripe adapter asks for is answered; anything else is a 404.
 */
export class FakeStripe {
  readonly webhookSecret = 'whsec_fake_stripe';
  readonly secretKey = 'sk_test_fake_stripe';
  /** Every request the SDK sent, in order: method, path (with /v1/), idempotency key and (POST) form body. */
  readonly requests: { method: string; path: string; idempotencyKey?: string; body?: Record<string, string> }[] = [];
  private readonly objects = new Map<string, StripeObject>();
  private readonly sessionsByKey = new Map<string, string>();
  private readonly refundsByKey = new Map<string, StripeObject>();
  private readonly refundsOfCharge = new Map<string, StripeObject[]>();
  private readonly disputesOfPaymentIntent = new Map<string, StripeObject[]>();
  private counter = 0;
  private readonly now = Math.floor(Date.parse('2026-09-27T10:00:00Z') / 1000);

  private constructor(
    private readonly server: Server,
    readonly client: Stripe,
  ) {}

  static async start(): Promise<FakeStripe> {
    let fake: FakeStripe | undefined;
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const key = req.headers['idempotency-key'];
        const found = fake?.answer(req.method ?? '', url, body, typeof key === 'string' ? key : undefined);
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(found ?? { error: { type: 'invalid_request_error', message: `no ${url.pathname}` } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new Stripe('sk_test_fake_stripe', {
      host: '127.0.0.1',
      port,
      protocol: 'http',
      maxNetworkRetries: 0,
    });
    fake = new FakeStripe(server, client);
    return fake;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** The session of a checkout, as the fake holds it now. */
  session(sessionId: string): StripeObject {
    const session = this.objects.get(`checkout/sessions/${sessionId}`);
    if (!session) throw new Error(`fake Stripe: no session ${sessionId}`);
    return session;
  }

  /** The payer paid the session's amount: a succeeded payment intent with its charge. */
  markPaid(sessionId: string): { paymentIntentId: string; chargeId: string } {
    const session = this.session(sessionId);
    const { paymentIntentId, chargeId } = this.succeededPayment(++this.counter, {
      intentCreated: this.now + 30,
      chargeCreated: this.now + 60,
      amountReceived: session.amount_total,
      metadata: { ...(session.metadata as object) },
    });
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: paymentIntentId });
    return { paymentIntentId, chargeId };
  }

  /** A succeeded payment intent number `n` with its charge (no fee yet), as Stripe keeps them. */
  private succeededPayment(
    n: number,
    facts: { intentCreated: number; chargeCreated: number; amountReceived: unknown; metadata: object },
  ): { paymentIntentId: string; chargeId: string } {
    const paymentIntentId = `pi_fake_${n}`;
    const chargeId = `ch_fake_${n}`;
    const charge = {
      id: chargeId,
      object: 'charge',
      created: facts.chargeCreated,
      payment_intent: paymentIntentId,
      metadata: {},
      balance_transaction: null,
    };
    this.objects.set(`charges/${chargeId}`, charge);
    this.objects.set(`payment_intents/${paymentIntentId}`, {
      id: paymentIntentId,
      object: 'payment_intent',
      created: facts.intentCreated,
      status: 'succeeded',
      amount_received: facts.amountReceived,
      metadata: facts.metadata,
      last_payment_error: null,
      latest_charge: charge,
    });
    return { paymentIntentId, chargeId };
  }

  /**
   * The payer's bank declined a delayed payment (Bancontact to SEPA): the session completes unpaid, its payment
   * intent keeps Stripe's decline message and code.
   */
  markFailed(sessionId: string, message: string, declineCode: string): { paymentIntentId: string } {
    const session = this.session(sessionId);
    const paymentIntentId = `pi_fake_${++this.counter}`;
    this.objects.set(`payment_intents/${paymentIntentId}`, {
      id: paymentIntentId,
      object: 'payment_intent',
      created: this.now + 30,
      status: 'requires_payment_method',
      amount_received: 0,
      metadata: { ...(session.metadata as object) },
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: declineCode, message },
      latest_charge: null,
    });
    Object.assign(session, { status: 'complete', payment_status: 'unpaid', payment_intent: paymentIntentId });
    return { paymentIntentId };
  }

  /** The payer never finished: Stripe expires the session. */
  expire(sessionId: string): void {
    Object.assign(this.session(sessionId), { status: 'expired' });
  }

  /** A refund of part of a charge that went through at Stripe (as if asked in the dashboard). */
  addRefund(chargeId: string, amountCents: number): string {
    const refund = {
      id: `re_fake_${++this.counter}`,
      object: 'refund',
      amount: amountCents,
      status: 'succeeded',
      created: this.now + 600,
      charge: chargeId,
    };
    this.refundsOfCharge.set(chargeId, [...(this.refundsOfCharge.get(chargeId) ?? []), refund]);
    return refund.id;
  }

  /**
   * The payer completed a subscription-mode session: Stripe starts the subscription (our reference in its
   * metadata) and its first invoice (`subscription_create`) is paid. The invoice's payment intent has no metadata.
   */
  startSubscription(sessionId: string): {
    subscriptionId: string;
    invoiceId: string;
    paymentIntentId: string;
    chargeId: string;
  } {
    const session = this.session(sessionId);
    if (session.mode !== 'subscription') throw new Error(`fake Stripe: session ${sessionId} is not a subscription`);
    const subscriptionId = `sub_fake_${++this.counter}`;
    this.objects.set(`subscriptions/${subscriptionId}`, {
      id: subscriptionId,
      object: 'subscription',
      status: 'active',
      created: this.now + 60,
      canceled_at: null,
      ended_at: null,
      metadata: { rw_reference: session.fake_subscription_metadata },
      items: { object: 'list', data: [{ price: { recurring: { interval: session.fake_interval } } }] },
    });
    Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: subscriptionId });
    const first = this.payInvoice(subscriptionId, 'subscription_create');
    return { subscriptionId, ...first };
  }

  /** The subscription's invoice of another month is paid (`subscription_cycle`). */
  chargeMonth(subscriptionId: string): { invoiceId: string; paymentIntentId: string; chargeId: string } {
    return this.payInvoice(subscriptionId, 'subscription_cycle');
  }

  /** A month's invoice whose payment failed: it stays open, Stripe will retry it. */
  failMonth(subscriptionId: string): string {
    const invoiceId = `in_fake_${++this.counter}`;
    this.objects.set(`invoices/${invoiceId}`, this.invoice(subscriptionId, invoiceId, 'subscription_cycle', 'open'));
    return invoiceId;
  }

  subscription(subscriptionId: string): StripeObject {
    const subscription = this.objects.get(`subscriptions/${subscriptionId}`);
    if (!subscription) throw new Error(`fake Stripe: no subscription ${subscriptionId}`);
    return subscription;
  }

  /** Stripe ends a subscription (gave up retrying, or cancelled in the dashboard). */
  endSubscription(subscriptionId: string): void {
    Object.assign(this.subscription(subscriptionId), {
      status: 'canceled',
      canceled_at: this.now + 5_000,
      ended_at: this.now + 5_000,
    });
  }

  private invoice(subscriptionId: string, invoiceId: string, billingReason: string, status: string): StripeObject {
    const subscription = this.subscription(subscriptionId);
    const session = [...this.objects.values()].find(
      (object) => object.object === 'checkout.session' && object.subscription === subscriptionId,
    );
    return {
      id: invoiceId,
      object: 'invoice',
      status,
      billing_reason: billingReason,
      amount_paid: status === 'paid' ? session?.amount_total : 0,
      amount_due: session?.amount_total,
      created: this.now + 100 * this.counter,
      status_transitions: { paid_at: status === 'paid' ? this.now + 100 * this.counter : null },
      parent: {
        type: 'subscription_details',
        subscription_details: { metadata: { ...(subscription.metadata as object) }, subscription: subscriptionId },
      },
      payments: { object: 'list', data: [], has_more: false },
    };
  }

  private payInvoice(subscriptionId: string, billingReason: string) {
    const n = ++this.counter;
    const invoiceId = `in_fake_${n}`;
    const invoice = this.invoice(subscriptionId, invoiceId, billingReason, 'paid');
    const { paymentIntentId, chargeId } = this.succeededPayment(n, {
      intentCreated: this.now + 100 * n,
      chargeCreated: this.now + 100 * n,
      amountReceived: invoice.amount_paid,
      metadata: {},
    });
    invoice.payments = {
      object: 'list',
      has_more: false,
      data: [
        {
          id: `inpay_fake_${n}`,
          object: 'invoice_payment',
          status: 'paid',
          invoice: invoiceId,
          payment: { type: 'payment_intent', payment_intent: paymentIntentId },
        },
      ],
    };
    this.objects.set(`invoices/${invoiceId}`, invoice);
    return { invoiceId, paymentIntentId, chargeId };
  }

  /** A refund asked through the API goes through at the bank (Stripe: `pending` becomes `succeeded`). */
  confirmRefund(refundId: string): void {
    const refund = this.objects.get(`refunds/${refundId}`);
    if (!refund) throw new Error(`fake Stripe: no refund ${refundId}`);
    refund.status = 'succeeded';
  }

  /** A charge-back (Stripe: a lost dispute) of a payment intent, as opened by the payer's bank. */
  addDispute(paymentIntentId: string, amountCents: number): string {
    const dispute = {
      id: `dp_fake_${++this.counter}`,
      object: 'dispute',
      amount: amountCents,
      currency: 'eur',
      status: 'lost',
      created: this.now + 900,
      payment_intent: paymentIntentId,
      charge: null,
    };
    this.objects.set(`disputes/${dispute.id}`, dispute);
    this.disputesOfPaymentIntent.set(paymentIntentId, [
      ...(this.disputesOfPaymentIntent.get(paymentIntentId) ?? []),
      dispute,
    ]);
    return dispute.id;
  }

  /** Stripe's fee on a charge becomes known: its balance transaction (possibly long after the payment). */
  setFee(chargeId: string, feeCents: number): void {
    const charge = this.objects.get(`charges/${chargeId}`);
    if (!charge) throw new Error(`fake Stripe: no charge ${chargeId}`);
    charge.balance_transaction = {
      id: `txn_fake_${++this.counter}`,
      object: 'balance_transaction',
      fee: feeCents,
      created: this.now + 120,
    };
  }

  /** An event as Stripe delivers it: the JSON body and its `Stripe-Signature` (with our secret unless told). */
  signedEvent(type: string, object: StripeObject, options: { id?: string; secret?: string } = {}) {
    const payload = JSON.stringify({
      id: options.id ?? `evt_fake_${++this.counter}`,
      object: 'event',
      type,
      api_version: '2026-10-28.endive',
      created: this.now + 1_000,
      livemode: false,
      pending_webhooks: 1,
      request: null,
      data: { object },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? this.webhookSecret,
    });
    return { payload, signature };
  }

  /** The same, as a delivery for `parseWebhook`. */
  delivery(type: string, object: StripeObject, options: { id?: string; secret?: string } = {}): WebhookDelivery {
    const { payload, signature } = this.signedEvent(type, object, options);
    return { rawBody: Buffer.from(payload), headers: { 'stripe-signature': signature } };
  }

  private answer(method: string, url: URL, body: URLSearchParams, idempotencyKey?: string): unknown {
    this.requests.push({
      method,
      path: url.pathname,
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(method === 'POST' ? { body: Object.fromEntries(body) } : {}),
    });
    const path = url.pathname.replace(/^\/v1\//, '');
    if (method === 'POST' && path === 'checkout/sessions') return this.createSession(body, idempotencyKey);
    if (method === 'POST' && path === 'refunds') return this.createRefund(body, idempotencyKey);
    if (method === 'DELETE' && /^subscriptions\/sub_\w+$/.test(path)) {
      const subscription = this.objects.get(path);
      if (subscription) this.endSubscription(String(subscription.id));
      return subscription;
    }
    if (method !== 'GET') return undefined;
    const list = (data: unknown[]) => ({ object: 'list', data, has_more: false, url: `/v1/${path}` });
    if (path === 'refunds') return list(this.refundsOfCharge.get(url.searchParams.get('charge') ?? '') ?? []);
    if (path === 'disputes') {
      return list(this.disputesOfPaymentIntent.get(url.searchParams.get('payment_intent') ?? '') ?? []);
    }
    if (path === 'invoices') {
      const subscription = url.searchParams.get('subscription');
      const status = url.searchParams.get('status');
      return list(
        [...this.objects.values()].filter(
          (object) =>
            object.object === 'invoice' &&
            (object.parent as { subscription_details: { subscription: string } }).subscription_details.subscription ===
              subscription &&
            (!status || object.status === status),
        ),
      );
    }
    if (path === 'invoice_payments') {
      const paymentIntentId = url.searchParams.get('payment[payment_intent]');
      const invoice = [...this.objects.values()].find(
        (object) =>
          object.object === 'invoice' &&
          (object.payments as { data: { payment: { payment_intent: string } }[] }).data.some(
            (payment) => payment.payment.payment_intent === paymentIntentId,
          ),
      );
      return list(invoice ? [{ id: `inpay_of_${invoice.id}`, object: 'invoice_payment', invoice }] : []);
    }
    return this.objects.get(path);
  }

  private createSession(body: URLSearchParams, idempotencyKey?: string) {
    const existing = idempotencyKey ? this.sessionsByKey.get(idempotencyKey) : undefined;
    if (existing) return this.objects.get(`checkout/sessions/${existing}`);
    const id = `cs_test_fake_${++this.counter}`;
    const session = {
      id,
      object: 'checkout.session',
      created: this.now,
      expires_at: this.now + 86_400,
      url: `https://checkout.stripe.test/c/pay/${id}`,
      mode: body.get('mode'),
      status: 'open',
      payment_status: 'unpaid',
      client_reference_id: body.get('client_reference_id'),
      metadata: { rw_reference: body.get('metadata[rw_reference]') },
      amount_total: Number(body.get('line_items[0][price_data][unit_amount]')),
      // what the fake keeps of a subscription-mode session, to start its subscription when paid
      fake_subscription_metadata: body.get('subscription_data[metadata][rw_reference]'),
      fake_interval: body.get('line_items[0][price_data][recurring][interval]'),
      payment_intent: null,
      subscription: null,
      invoice: null,
    };
    this.objects.set(`checkout/sessions/${id}`, session);
    if (idempotencyKey) this.sessionsByKey.set(idempotencyKey, id);
    return session;
  }

  private createRefund(body: URLSearchParams, idempotencyKey?: string) {
    const existing = idempotencyKey ? this.refundsByKey.get(idempotencyKey) : undefined;
    if (existing) return existing;
    const paymentIntent = this.objects.get(`payment_intents/${body.get('payment_intent')}`);
    const charge = paymentIntent?.latest_charge as StripeObject | undefined;
    const refund = {
      id: `re_fake_${++this.counter}`,
      object: 'refund',
      amount: Number(body.get('amount')),
      status: 'pending',
      payment_intent: body.get('payment_intent'),
      charge: charge?.id ?? null,
      created: this.now + 600,
    };
    if (idempotencyKey) this.refundsByKey.set(idempotencyKey, refund);
    if (typeof charge?.id === 'string') {
      this.refundsOfCharge.set(charge.id, [...(this.refundsOfCharge.get(charge.id) ?? []), refund]);
    }
    this.objects.set(`refunds/${refund.id}`, refund);
    return refund;
  }
}

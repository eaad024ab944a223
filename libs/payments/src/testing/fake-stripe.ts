import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import type { WebhookDelivery } from '../payment-provider';

type StripeObject = Record<string, unknown>;

/** Where each object type lives in the API (`/v1/<path>/<id>`). */
const PATHS: Record<string, string> = {
  'checkout/sessions': 'checkout.session',
  payment_intents: 'payment_intent',
  charges: 'charge',
  refunds: 'refund',
  disputes: 'dispute',
  invoices: 'invoice',
  invoice_payments: 'invoice_payment',
  subscriptions: 'subscription',
  balance_transactions: 'balance_transaction',
};

/** Decline messages as Stripe writes them on `last_payment_error` and a failed charge. */
const DECLINE_MESSAGES: Record<string, string> = {
  insufficient_funds: 'Your card has insufficient funds.',
  generic_decline: 'Your card was declined.',
  lost_card: 'Your card was declined.',
};

const address = () => ({ city: null, country: null, line1: null, line2: null, postal_code: null, state: null });
const automaticTax = () => ({ enabled: false, liability: null, provider: null, status: null });
const clone = <T>(value: T): T => structuredClone(value);

/**
 * A scripted Stripe on a local HTTP port, for the real SDK, answering with Stripe's own object shapes (the pinned
 * API version's generated types, checked against Stripe's fixtures by fake-stripe.spec.ts): objects are stored
 * with their references collapsed to ids and expanded only when the request asks (`expand[]`), `invoice.payments`
 * only when included, lists page (`limit`, `starting_after`, `has_more`), newest first.
 *
 * What a test can make happen: a checkout paid, a card declined inside a session that stays open (and paid on a
 * later attempt), a delayed payment failing, a session expiring; refunds (asked through the API or made in the
 * dashboard) that succeed and may later fail; disputes from an inquiry (no money moves) to a charge-back (funds
 * withdrawn with a dispute fee) that is won (funds reinstated) or lost; fees known late; monthly subscriptions
 * with their invoices. Webhook bodies are signed as Stripe signs them. Anything else is a 404.
 */
export class FakeStripe {
  readonly webhookSecret = 'whsec_fake_stripe';
  readonly secretKey = 'sk_test_fake_stripe';
  /** Every request the SDK sent, in order: method, path (with /v1/), query, idempotency key and (POST) form body. */
  readonly requests: {
    method: string;
    path: string;
    query: Record<string, string>;
    idempotencyKey?: string;
    body?: Record<string, string>;
  }[] = [];
  /** Every object or list the fake answered with, as sent (for the shape check against Stripe's fixtures). */
  readonly responses: StripeObject[] = [];
  private readonly objects = new Map<string, StripeObject>();
  /** Creation order, to list newest first when `created` is equal. */
  private readonly order = new Map<string, number>();
  private readonly sessionsByKey = new Map<string, string>();
  private readonly refundsByKey = new Map<string, string>();
  /** What a subscription-mode session asked for its subscription (Stripe keeps it on the session's side). */
  private readonly subscriptionData = new Map<string, { metadata: Record<string, string>; interval: string }>();
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
        if (found) fake?.responses.push(clone(found));
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

  // ---------------------------------------------------------------- checkout

  /** The session of a checkout, as the fake holds it now (references collapsed to ids). */
  session(sessionId: string): StripeObject {
    return this.get(sessionId, 'checkout.session');
  }

  /**
   * The payer paid the session's amount: its payment intent succeeds (the one of an earlier declined attempt, or a
   * new one) with a succeeded charge, and the session completes.
   */
  markPaid(sessionId: string): { paymentIntentId: string; chargeId: string } {
    const session = this.session(sessionId);
    if (session.status === 'expired') throw new Error(`fake Stripe: session ${sessionId} has expired`);
    const amount = Number(session.amount_total);
    const paymentIntentId =
      typeof session.payment_intent === 'string'
        ? session.payment_intent
        : this.paymentIntent(amount, { ...(session.metadata as object) }, this.now + 30).id;
    const chargeId = this.charge(paymentIntentId, 'succeeded', this.now + 60 + this.counter).id;
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: paymentIntentId });
    return { paymentIntentId, chargeId };
  }

  /**
   * A card declined inside a session that stays open (Stripe sends `payment_intent.payment_failed`, not a session
   * event): the payment intent goes back to `requires_payment_method` with the decline, a failed charge remains.
   * The payer may try again in the same session (`markPaid`), or leave it to expire.
   */
  decline(sessionId: string, declineCode = 'insufficient_funds'): { paymentIntentId: string; chargeId: string } {
    const session = this.session(sessionId);
    if (session.status !== 'open') throw new Error(`fake Stripe: session ${sessionId} is not open`);
    const paymentIntentId =
      typeof session.payment_intent === 'string'
        ? session.payment_intent
        : this.paymentIntent(Number(session.amount_total), { ...(session.metadata as object) }, this.now + 30).id;
    session.payment_intent = paymentIntentId;
    const chargeId = this.charge(paymentIntentId, 'failed', this.now + 40 + this.counter, declineCode).id;
    return { paymentIntentId, chargeId };
  }

  /**
   * The payer's bank declined a delayed payment (Bancontact to SEPA): the session completed unpaid and is over;
   * its payment intent keeps Stripe's decline message and code.
   */
  markFailed(sessionId: string, message: string, declineCode: string): { paymentIntentId: string } {
    const session = this.session(sessionId);
    const paymentIntent = this.paymentIntent(Number(session.amount_total), { ...(session.metadata as object) });
    this.charge(paymentIntent.id, 'failed', this.now + 40, declineCode, message);
    Object.assign(session, { status: 'complete', payment_status: 'unpaid', payment_intent: paymentIntent.id });
    return { paymentIntentId: paymentIntent.id };
  }

  /** The payer never finished: Stripe expires the session (and cancels a payment intent left unpaid). */
  expire(sessionId: string): void {
    const session = this.session(sessionId);
    Object.assign(session, { status: 'expired' });
    if (typeof session.payment_intent === 'string') {
      Object.assign(this.get(session.payment_intent, 'payment_intent'), {
        status: 'canceled',
        canceled_at: Number(session.expires_at),
        cancellation_reason: 'automatic',
      });
    }
  }

  // ---------------------------------------------------------------- refunds

  /** A refund of part of a charge that went through at Stripe (as if made in the dashboard). */
  addRefund(chargeId: string, amountCents: number): string {
    const charge = this.get(chargeId, 'charge');
    const refund = this.refund(chargeId, String(charge.payment_intent), amountCents, 'succeeded', {});
    return String(refund.id);
  }

  /** A refund asked through the API goes through at the bank (Stripe: `pending` becomes `succeeded`). */
  confirmRefund(refundId: string): void {
    this.get(refundId, 'refund').status = 'succeeded';
  }

  /**
   * The refund could not be carried out after all (the card was closed): Stripe marks it `failed`, says why, and
   * gives the money back to our balance with a `failure_balance_transaction`.
   */
  failRefund(refundId: string, reason = 'expired_or_canceled_card'): string {
    const refund = this.get(refundId, 'refund');
    const transaction = this.balanceTransaction({
      amount: Number(refund.amount),
      fee: 0,
      type: 'refund_failure',
      reportingCategory: 'refund_failure',
      source: refundId,
      created: Number(refund.created) + 86_400,
      description: 'REFUND FOR FAILED REFUND',
    });
    Object.assign(refund, { status: 'failed', failure_reason: reason, failure_balance_transaction: transaction.id });
    const charge = this.get(String(refund.charge), 'charge');
    charge.amount_refunded = Number(charge.amount_refunded) - Number(refund.amount);
    charge.refunded = false;
    return String(transaction.id);
  }

  // ---------------------------------------------------------------- disputes

  /**
   * The payer's bank disputes a payment intent's charge. By default a charge-back (`needs_response`): the amount is
   * withdrawn from our balance at once, with Stripe's dispute fee. `inquiry`: a question from the bank
   * (`warning_needs_response`, no balance transaction: no money moved).
   */
  addDispute(
    paymentIntentId: string,
    amountCents: number,
    options: { inquiry?: boolean; feeCents?: number; status?: 'needs_response' | 'lost' } = {},
  ): string {
    const paymentIntent = this.get(paymentIntentId, 'payment_intent');
    const chargeId = String(paymentIntent.latest_charge);
    const id = this.nextId('dp');
    const created = this.now + 900 + this.counter;
    const dispute: StripeObject = {
      id,
      object: 'dispute',
      amount: amountCents,
      balance_transactions: [],
      charge: chargeId,
      created,
      currency: 'eur',
      enhanced_eligibility_types: [],
      evidence: {
        access_activity_log: null,
        billing_address: null,
        customer_email_address: null,
        customer_name: null,
        product_description: null,
        receipt: null,
        uncategorized_text: null,
      },
      evidence_details: { due_by: created + 21 * 86_400, has_evidence: false, past_due: false, submission_count: 0 },
      intended_submission_method: null,
      is_charge_refundable: false,
      livemode: false,
      metadata: {},
      payment_intent: paymentIntentId,
      payment_method_details: {
        card: { brand: 'visa', case_type: options.inquiry ? 'inquiry' : 'chargeback', network_reason_code: '10.4' },
        type: 'card',
      },
      reason: 'fraudulent',
      status: options.inquiry ? 'warning_needs_response' : (options.status ?? 'needs_response'),
    };
    this.put(dispute);
    this.get(chargeId, 'charge').disputed = true;
    if (!options.inquiry) this.withdraw(dispute, options.feeCents ?? 0);
    return id;
  }

  /** An inquiry becomes a charge-back: the funds are withdrawn now. */
  escalateDispute(disputeId: string, feeCents = 0): void {
    const dispute = this.get(disputeId, 'dispute');
    dispute.status = 'needs_response';
    this.withdraw(dispute, feeCents);
  }

  /**
   * The dispute is decided. Won: the funds come back (`charge.dispute.funds_reinstated`; the fee too when
   * `feeRefunded`), or an inquiry closes (`warning_closed`). Lost: the withdrawal stays.
   */
  closeDispute(disputeId: string, outcome: 'won' | 'lost', options: { feeRefunded?: boolean } = {}): void {
    const dispute = this.get(disputeId, 'dispute');
    const transactions = dispute.balance_transactions as StripeObject[];
    if (transactions.length === 0) {
      dispute.status = outcome === 'won' ? 'warning_closed' : 'lost';
      return;
    }
    dispute.status = outcome;
    if (outcome === 'lost') return;
    const withdrawal = transactions[0] as StripeObject;
    const transaction = this.balanceTransaction({
      amount: -Number(withdrawal.amount),
      fee: options.feeRefunded ? -Number(withdrawal.fee) : 0,
      type: 'adjustment',
      reportingCategory: 'dispute_reversal',
      source: disputeId,
      created: Number(dispute.created) + 30 * 86_400,
      description: `Chargeback reversal for ${dispute.charge}`,
    });
    transactions.push(transaction);
  }

  private withdraw(dispute: StripeObject, feeCents: number): void {
    const transaction = this.balanceTransaction({
      amount: -Number(dispute.amount),
      fee: feeCents,
      type: 'adjustment',
      reportingCategory: 'dispute',
      source: String(dispute.id),
      created: Number(dispute.created) + 60,
      description: `Chargeback withdrawal for ${dispute.charge}`,
    });
    (dispute.balance_transactions as StripeObject[]).push(transaction);
  }

  // ---------------------------------------------------------------- fees

  /** Stripe's fee on a charge becomes known: its balance transaction (possibly long after the payment). */
  setFee(chargeId: string, feeCents: number): void {
    const charge = this.get(chargeId, 'charge');
    const transaction = this.balanceTransaction({
      amount: Number(charge.amount),
      fee: feeCents,
      type: 'charge',
      reportingCategory: 'charge',
      source: chargeId,
      created: this.now + 120,
      description: null,
    });
    charge.balance_transaction = transaction.id;
  }

  // ---------------------------------------------------------------- subscriptions

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
    const asked = this.subscriptionData.get(sessionId);
    if (session.mode !== 'subscription' || !asked) {
      throw new Error(`fake Stripe: session ${sessionId} is not a subscription`);
    }
    const subscriptionId = this.nextId('sub');
    const created = this.now + 60;
    this.put({
      id: subscriptionId,
      object: 'subscription',
      application: null,
      application_fee_percent: null,
      automatic_tax: { enabled: false, liability: null, disabled_reason: null },
      billing_cycle_anchor: created,
      billing_cycle_anchor_config: null,
      billing_mode: { type: 'classic' },
      billing_schedules: [],
      billing_thresholds: null,
      cancel_at: null,
      cancel_at_period_end: false,
      canceled_at: null,
      cancellation_details: { comment: null, feedback: null, reason: null },
      collection_method: 'charge_automatically',
      created,
      currency: 'eur',
      customer: 'cus_fake_donor',
      customer_account: null,
      days_until_due: null,
      default_payment_method: null,
      default_source: null,
      description: null,
      discounts: [],
      ended_at: null,
      invoice_settings: { account_tax_ids: null, issuer: { type: 'self' } },
      items: {
        object: 'list',
        data: [
          {
            id: this.nextId('si'),
            object: 'subscription_item',
            created,
            discounts: [],
            metadata: {},
            price: {
              id: this.nextId('price'),
              object: 'price',
              active: false,
              currency: 'eur',
              recurring: { interval: asked.interval, interval_count: 1, meter: null, usage_type: 'licensed' },
              type: 'recurring',
              unit_amount: session.amount_total,
            },
            quantity: 1,
            subscription: subscriptionId,
            tax_rates: [],
            current_period_end: created + 30 * 86_400,
            current_period_start: created,
          },
        ],
        has_more: false,
        url: `/v1/subscription_items?subscription=${subscriptionId}`,
      },
      latest_invoice: null,
      livemode: false,
      managed_payments: null,
      metadata: { ...asked.metadata },
      next_pending_invoice_item_invoice: null,
      on_behalf_of: null,
      pause_collection: null,
      payment_settings: null,
      pending_invoice_item_interval: null,
      pending_setup_intent: null,
      pending_update: null,
      schedule: null,
      start_date: created,
      status: 'active',
      test_clock: null,
      transfer_data: null,
      trial_end: null,
      trial_settings: { end_behavior: { missing_payment_method: 'create_invoice' } },
      trial_start: null,
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
    const invoice = this.invoice(subscriptionId, 'subscription_cycle');
    Object.assign(invoice, { attempt_count: 1, attempted: true, next_payment_attempt: Number(invoice.created) + 3 });
    return String(invoice.id);
  }

  subscription(subscriptionId: string): StripeObject {
    return this.get(subscriptionId, 'subscription');
  }

  /** Stripe ends a subscription (gave up retrying, or cancelled in the dashboard). */
  endSubscription(subscriptionId: string): void {
    Object.assign(this.subscription(subscriptionId), {
      status: 'canceled',
      canceled_at: this.now + 5_000,
      ended_at: this.now + 5_000,
    });
  }

  private invoice(subscriptionId: string, billingReason: string): StripeObject {
    const subscription = this.subscription(subscriptionId);
    const n = ++this.counter;
    const id = `in_fake_${n}`;
    const created = this.now + 100 * n;
    const amount = Number(
      (subscription.items as { data: { price: { unit_amount: number } }[] }).data[0]?.price.unit_amount,
    );
    const invoice: StripeObject = {
      id,
      object: 'invoice',
      account_country: 'BE',
      account_name: 'Refugee Walk',
      account_tax_ids: null,
      amount_due: amount,
      amount_overpaid: 0,
      amount_paid: 0,
      amount_remaining: amount,
      amount_shipping: 0,
      application: null,
      attempt_count: 0,
      attempted: false,
      automatic_tax: automaticTax(),
      automatically_finalizes_at: null,
      billing_reason: billingReason,
      collection_method: 'charge_automatically',
      created,
      currency: 'eur',
      custom_fields: null,
      customer: subscription.customer,
      customer_account: null,
      customer_address: null,
      customer_email: null,
      customer_name: null,
      customer_phone: null,
      customer_shipping: null,
      customer_tax_exempt: 'none',
      default_payment_method: null,
      default_source: null,
      default_tax_rates: [],
      description: null,
      discounts: [],
      due_date: null,
      effective_at: created,
      ending_balance: 0,
      footer: null,
      from_invoice: null,
      issuer: { type: 'self' },
      last_finalization_error: null,
      latest_revision: null,
      lines: { object: 'list', data: [], has_more: false, url: `/v1/invoices/${id}/lines` },
      livemode: false,
      metadata: {},
      next_payment_attempt: null,
      number: `FAKE-${n}`,
      on_behalf_of: null,
      parent: {
        quote_details: null,
        subscription_details: { metadata: { ...(subscription.metadata as object) }, subscription: subscriptionId },
        type: 'subscription_details',
      },
      payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
      period_end: created,
      period_start: created,
      post_payment_credit_notes_amount: 0,
      pre_payment_credit_notes_amount: 0,
      receipt_number: null,
      rendering: null,
      shipping_cost: null,
      shipping_details: null,
      starting_balance: 0,
      statement_descriptor: null,
      status: 'open',
      status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: null, voided_at: null },
      subtotal: amount,
      subtotal_excluding_tax: amount,
      test_clock: null,
      total: amount,
      total_discount_amounts: [],
      total_excluding_tax: amount,
      total_pretax_credit_amounts: [],
      total_taxes: [],
      webhooks_delivered_at: created,
    };
    this.put(invoice);
    subscription.latest_invoice = id;
    return invoice;
  }

  private payInvoice(subscriptionId: string, billingReason: string) {
    const invoice = this.invoice(subscriptionId, billingReason);
    const created = Number(invoice.created);
    const amount = Number(invoice.amount_due);
    const paymentIntent = this.paymentIntent(amount, {}, created);
    const chargeId = String(this.charge(paymentIntent.id, 'succeeded', created).id);
    Object.assign(invoice, {
      status: 'paid',
      amount_paid: amount,
      amount_remaining: 0,
      attempt_count: 1,
      attempted: true,
      status_transitions: { finalized_at: created, marked_uncollectible_at: null, paid_at: created, voided_at: null },
    });
    this.put({
      id: this.nextId('inpay'),
      object: 'invoice_payment',
      amount_paid: amount,
      amount_requested: amount,
      created,
      currency: 'eur',
      invoice: invoice.id,
      is_default: true,
      livemode: false,
      payment: { type: 'payment_intent', payment_intent: paymentIntent.id },
      status: 'paid',
      status_transitions: { canceled_at: null, paid_at: created },
    });
    return { invoiceId: String(invoice.id), paymentIntentId: String(paymentIntent.id), chargeId };
  }

  // ---------------------------------------------------------------- webhooks

  /**
   * An event as Stripe delivers it: the JSON body and its `Stripe-Signature` (with our secret unless told). The
   * event carries the object as the fake holds it now, overlaid with `object`'s fields (a test may make the copy
   * stale on purpose: the adapter must fetch it again).
   */
  signedEvent(type: string, object: StripeObject, options: { id?: string; secret?: string } = {}) {
    const held = typeof object.id === 'string' ? this.objects.get(object.id) : undefined;
    const payload = JSON.stringify({
      id: options.id ?? `evt_fake_${++this.counter}`,
      object: 'event',
      api_version: '2026-10-28.endive',
      created: this.now + 1_000,
      data: { object: { ...(held ? clone(held) : {}), ...object } },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
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

  // ---------------------------------------------------------------- the objects

  private nextId(prefix: string): string {
    return `${prefix}_fake_${++this.counter}`;
  }

  private put(object: StripeObject): StripeObject & { id: string } {
    this.objects.set(String(object.id), object);
    this.order.set(String(object.id), this.order.size);
    return object as StripeObject & { id: string };
  }

  private get(id: string, type: string): StripeObject {
    const object = this.objects.get(id);
    if (!object || object.object !== type) throw new Error(`fake Stripe: no ${type} ${id}`);
    return object;
  }

  private paymentIntent(amount: number, metadata: Record<string, unknown>, created = this.now + 30) {
    const id = this.nextId('pi');
    return this.put({
      id,
      object: 'payment_intent',
      allowed_payment_method_types: null,
      amount,
      amount_capturable: 0,
      amount_received: 0,
      application: null,
      application_fee_amount: null,
      automatic_payment_methods: null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic',
      client_secret: `${id}_secret_fake`,
      confirmation_method: 'automatic',
      created,
      currency: 'eur',
      customer: null,
      customer_account: null,
      description: null,
      excluded_payment_method_types: null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      managed_payments: null,
      metadata,
      next_action: null,
      on_behalf_of: null,
      payment_method: null,
      payment_method_configuration_details: null,
      payment_method_options: {},
      payment_method_types: ['card'],
      payment_record: null,
      processing: null,
      receipt_email: null,
      review: null,
      setup_future_usage: null,
      shipping: null,
      source: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status: 'requires_payment_method',
      transfer_group: null,
    }) as StripeObject & { id: string };
  }

  /** A charge of a payment intent: succeeded (the intent succeeds with it) or failed (the intent keeps the decline). */
  private charge(
    paymentIntentId: string,
    status: 'succeeded' | 'failed',
    created: number,
    declineCode?: string,
    message?: string,
  ): StripeObject & { id: string } {
    const paymentIntent = this.get(paymentIntentId, 'payment_intent');
    const amount = Number(paymentIntent.amount);
    const succeeded = status === 'succeeded';
    const failureMessage = succeeded
      ? null
      : (message ?? DECLINE_MESSAGES[declineCode ?? ''] ?? DECLINE_MESSAGES.generic_decline);
    const charge = this.put({
      id: this.nextId('ch'),
      object: 'charge',
      amount,
      amount_captured: succeeded ? amount : 0,
      amount_refunded: 0,
      application: null,
      application_fee: null,
      application_fee_amount: null,
      balance_transaction: null,
      billing_details: { address: address(), email: null, name: null, phone: null, tax_id: null },
      calculated_statement_descriptor: 'REFUGEE WALK',
      captured: succeeded,
      created,
      currency: 'eur',
      customer: null,
      description: null,
      disputed: false,
      failure_balance_transaction: null,
      failure_code: succeeded ? null : 'card_declined',
      failure_message: failureMessage,
      fraud_details: {},
      livemode: false,
      metadata: {},
      on_behalf_of: null,
      outcome: {
        advice_code: null,
        network_advice_code: null,
        network_decline_code: null,
        network_status: succeeded ? 'approved_by_network' : 'declined_by_network',
        reason: succeeded ? null : (declineCode ?? 'generic_decline'),
        seller_message: succeeded ? 'Payment complete.' : 'The bank did not return any further details.',
        type: succeeded ? 'authorized' : 'issuer_declined',
      },
      paid: succeeded,
      payment_intent: paymentIntentId,
      payment_method: `pm_fake_${this.counter}`,
      payment_method_details: { card: { brand: 'visa', country: 'BE', last4: '4242' }, type: 'card' },
      receipt_email: null,
      receipt_number: null,
      receipt_url: null,
      refunded: false,
      review: null,
      shipping: null,
      source: null,
      source_transfer: null,
      statement_descriptor: null,
      statement_descriptor_suffix: null,
      status,
      transfer_data: null,
      transfer_group: null,
    });
    paymentIntent.latest_charge = charge.id;
    if (succeeded) {
      Object.assign(paymentIntent, { status: 'succeeded', amount_received: amount, last_payment_error: null });
    } else {
      Object.assign(paymentIntent, {
        status: 'requires_payment_method',
        last_payment_error: {
          type: 'card_error',
          charge: charge.id,
          code: 'card_declined',
          decline_code: declineCode ?? 'generic_decline',
          doc_url: 'https://docs.stripe.com/error-codes/card-declined',
          message: failureMessage,
        },
      });
    }
    return charge;
  }

  private refund(
    chargeId: string,
    paymentIntentId: string,
    amount: number,
    status: 'pending' | 'succeeded',
    metadata: Record<string, string>,
  ): StripeObject {
    const id = this.nextId('re');
    const created = this.now + 600 + this.counter;
    const transaction = this.balanceTransaction({
      amount: -amount,
      fee: 0,
      type: 'refund',
      reportingCategory: 'refund',
      source: id,
      created,
      description: 'REFUND FOR CHARGE',
    });
    const refund = this.put({
      id,
      object: 'refund',
      amount,
      balance_transaction: transaction.id,
      charge: chargeId,
      created,
      currency: 'eur',
      customer: null,
      customer_account: null,
      destination_details: { card: { type: 'refund' }, type: 'card' },
      metadata,
      payment_intent: paymentIntentId,
      payment_method: null,
      reason: null,
      receipt_number: null,
      source_transfer_reversal: null,
      status,
      transfer_reversal: null,
    });
    const charge = this.get(chargeId, 'charge');
    charge.amount_refunded = Number(charge.amount_refunded) + amount;
    charge.refunded = charge.amount_refunded === charge.amount;
    return refund;
  }

  private balanceTransaction(facts: {
    amount: number;
    fee: number;
    type: string;
    reportingCategory: string;
    source: string;
    created: number;
    description: string | null;
  }): StripeObject {
    return this.put({
      id: this.nextId('txn'),
      object: 'balance_transaction',
      amount: facts.amount,
      available_on: facts.created + 7 * 86_400,
      balance_type: 'payments',
      created: facts.created,
      currency: 'eur',
      description: facts.description,
      exchange_rate: null,
      fee: facts.fee,
      fee_details: facts.fee
        ? [{ amount: facts.fee, application: null, currency: 'eur', description: 'Stripe fee', type: 'stripe_fee' }]
        : [],
      net: facts.amount - facts.fee,
      reporting_category: facts.reportingCategory,
      source: facts.source,
      status: 'pending',
      type: facts.type,
    });
  }

  // ---------------------------------------------------------------- the API

  private answer(method: string, url: URL, body: URLSearchParams, idempotencyKey?: string): StripeObject | undefined {
    this.requests.push({
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      ...(idempotencyKey ? { idempotencyKey } : {}),
      ...(method === 'POST' ? { body: Object.fromEntries(body) } : {}),
    });
    const path = url.pathname.replace(/^\/v1\//, '');
    const expand = [...(method === 'GET' ? url.searchParams : body).entries()]
      .filter(([key]) => /^expand\[\d*\]$/.test(key))
      .map(([, value]) => value);
    if (method === 'POST' && path === 'checkout/sessions') return this.createSession(body, idempotencyKey);
    if (method === 'POST' && path === 'refunds') {
      const refund = this.createRefund(body, idempotencyKey);
      return refund && this.expanded(refund, expand);
    }
    if (method === 'DELETE' && /^subscriptions\/sub_\w+$/.test(path)) {
      const subscription = this.objects.get(path.slice('subscriptions/'.length));
      if (!subscription) return undefined;
      if (subscription.status !== 'canceled') this.endSubscription(String(subscription.id));
      return this.expanded(subscription, expand);
    }
    if (method !== 'GET') return undefined;
    const type = PATHS[path];
    if (type) return this.list(path, type, url.searchParams, expand);
    const slash = path.lastIndexOf('/');
    const object = this.objects.get(path.slice(slash + 1));
    return object && PATHS[path.slice(0, slash)] === object.object ? this.expanded(object, expand) : undefined;
  }

  /** A list call: filtered as Stripe filters it, newest first, one page of `limit` after `starting_after`. */
  private list(path: string, type: string, query: URLSearchParams, expand: string[]): StripeObject {
    const filters: [string, (object: StripeObject) => unknown][] = [
      ['payment_intent', (object) => object.payment_intent],
      ['charge', (object) => object.charge],
      [
        'subscription',
        (object) =>
          (object.parent as { subscription_details?: { subscription?: string } } | null)?.subscription_details
            ?.subscription,
      ],
      ['status', (object) => object.status],
      ['invoice', (object) => object.invoice],
      [
        'payment[payment_intent]',
        (object) => (object.payment as { payment_intent?: string } | undefined)?.payment_intent,
      ],
    ];
    const all = [...this.objects.values()]
      .filter((object) => object.object === type)
      .filter((object) => filters.every(([name, read]) => !query.has(name) || read(object) === query.get(name)))
      .sort(
        (a, b) =>
          Number(b.created) - Number(a.created) ||
          (this.order.get(String(b.id)) ?? 0) - (this.order.get(String(a.id)) ?? 0),
      );
    const after = query.get('starting_after');
    const start = after ? all.findIndex((object) => object.id === after) + 1 : 0;
    const limit = Math.min(Number(query.get('limit') ?? 10), 100);
    const page = all.slice(start, start + limit);
    const inner = expand.filter((path) => path.startsWith('data.')).map((path) => path.slice('data.'.length));
    return {
      object: 'list',
      data: page.map((object) => this.expanded(object, inner)),
      has_more: start + limit < all.length,
      url: `/v1/${path}`,
    };
  }

  /** A copy of a stored object with the paths asked for expanded (ids replaced by the objects) or included. */
  private expanded(object: StripeObject, paths: string[]): StripeObject {
    const copy = clone(object);
    // a dispute's balance transactions are always given in full
    if (copy.object === 'dispute') copy.balance_transactions = clone(object.balance_transactions);
    for (const path of paths) this.expandPath(copy, path.split('.'));
    return copy;
  }

  private expandPath(object: StripeObject, [field, ...rest]: string[]): void {
    if (!field) return;
    if (field === 'payments' && object.object === 'invoice') {
      object.payments = this.list(
        'invoice_payments',
        'invoice_payment',
        new URLSearchParams({ invoice: String(object.id) }),
        [],
      );
      for (const payment of (object.payments as { data: StripeObject[] }).data) this.expandPath(payment, rest);
      return;
    }
    const value = object[field];
    if (typeof value === 'string' && this.objects.has(value)) object[field] = clone(this.objects.get(value));
    const next = object[field];
    if (next && typeof next === 'object') {
      if ((next as StripeObject).object === 'list' && rest[0] === 'data') {
        for (const item of (next as { data: StripeObject[] }).data) this.expandPath(item, rest.slice(1));
      } else this.expandPath(next as StripeObject, rest);
    }
  }

  private createSession(body: URLSearchParams, idempotencyKey?: string) {
    const existing = idempotencyKey ? this.sessionsByKey.get(idempotencyKey) : undefined;
    if (existing) return clone(this.session(existing));
    const id = `cs_test_fake_${++this.counter}`;
    const mode = body.get('mode');
    const amount = Number(body.get('line_items[0][price_data][unit_amount]'));
    const methods = [...body.entries()]
      .filter(([key]) => key.startsWith('allowed_payment_method_types['))
      .map(([, v]) => v);
    const session = this.put({
      id,
      object: 'checkout.session',
      adaptive_pricing: { enabled: false },
      after_expiration: null,
      allow_promotion_codes: null,
      allowed_payment_method_types: methods.length > 0 ? methods : null,
      amount_subtotal: amount,
      amount_total: amount,
      automatic_tax: automaticTax(),
      billing_address_collection: null,
      cancel_url: body.get('cancel_url'),
      client_reference_id: body.get('client_reference_id'),
      client_secret: null,
      collected_information: null,
      consent: null,
      consent_collection: null,
      created: this.now,
      currency: 'eur',
      currency_conversion: null,
      custom_fields: [],
      custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
      customer: null,
      customer_account: null,
      customer_creation: mode === 'subscription' ? 'always' : 'if_required',
      customer_details: null,
      customer_email: body.get('customer_email'),
      discounts: [],
      expires_at: this.now + 86_400,
      integration_identifier: null,
      invoice: null,
      invoice_creation: null,
      livemode: false,
      locale: null,
      managed_payments: null,
      metadata: { rw_reference: body.get('metadata[rw_reference]') },
      mode,
      origin_context: null,
      payment_intent: null,
      payment_link: null,
      payment_method_collection: mode === 'subscription' ? 'always' : null,
      payment_method_configuration_details: null,
      payment_method_options: {},
      payment_method_types: methods.length > 0 ? methods : ['card'],
      payment_status: 'unpaid',
      permissions: null,
      recovered_from: null,
      saved_payment_method_options: null,
      setup_intent: null,
      shipping_address_collection: null,
      shipping_cost: null,
      shipping_options: [],
      status: 'open',
      submit_type: null,
      subscription: null,
      success_url: body.get('success_url'),
      total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
      ui_mode: 'hosted',
      url: `https://checkout.stripe.test/c/pay/${id}`,
      wallet_options: null,
    });
    if (mode === 'subscription') {
      this.subscriptionData.set(id, {
        metadata: { rw_reference: body.get('subscription_data[metadata][rw_reference]') ?? '' },
        interval: body.get('line_items[0][price_data][recurring][interval]') ?? 'month',
      });
    }
    if (idempotencyKey) this.sessionsByKey.set(idempotencyKey, id);
    return clone(session);
  }

  /** A refund asked through the API, of a payment intent or a charge; `pending` until `confirmRefund`. */
  private createRefund(body: URLSearchParams, idempotencyKey?: string) {
    const existing = idempotencyKey ? this.refundsByKey.get(idempotencyKey) : undefined;
    if (existing) return this.get(existing, 'refund');
    const chargeId = body.get('charge');
    const charge = chargeId
      ? this.objects.get(chargeId)
      : this.objects.get(String(this.objects.get(body.get('payment_intent') ?? '')?.latest_charge));
    if (charge?.object !== 'charge' || charge.status !== 'succeeded') return undefined;
    const amount = body.has('amount')
      ? Number(body.get('amount'))
      : Number(charge.amount) - Number(charge.amount_refunded);
    if (amount <= 0 || amount > Number(charge.amount) - Number(charge.amount_refunded)) return undefined;
    const metadata = Object.fromEntries(
      [...body.entries()]
        .filter(([key]) => key.startsWith('metadata['))
        .map(([key, value]) => [key.slice(9, -1), value]),
    );
    const refund = this.refund(String(charge.id), String(charge.payment_intent), amount, 'pending', metadata);
    if (idempotencyKey) this.refundsByKey.set(idempotencyKey, String(refund.id));
    return refund;
  }
}

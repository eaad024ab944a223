import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { idempotencyKeyFor, InvalidWebhook, type PaymentFact } from '../payment-provider';
import { FakeStripe } from '../testing/fake-stripe';
import { StripePaymentProvider } from './stripe';

/** What the SDK sent to our fake Stripe. */
interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: URLSearchParams;
  idempotencyKey?: string;
}

const T0 = 1_790_000_000; // 2026-09-21T…, seconds as Stripe counts
const iso = (seconds: number) => new Date(seconds * 1000).toISOString();
const list = (data: unknown[]) => ({ object: 'list', data, has_more: false, url: '/v1/list' });

const balanceTransaction = (id: string, fee: number) => ({ id, object: 'balance_transaction', fee, created: T0 + 5 });
const charge = (id: string, paymentIntent: string, fee?: number) => ({
  id,
  object: 'charge',
  created: T0 + 2,
  payment_intent: paymentIntent,
  metadata: {},
  balance_transaction: fee === undefined ? null : balanceTransaction(`txn_${id}`, fee),
});
const paymentIntent = (id: string, fields: Record<string, unknown>) => ({
  id,
  object: 'payment_intent',
  created: T0 + 1,
  amount_received: 0,
  metadata: {},
  last_payment_error: null,
  latest_charge: null,
  ...fields,
});
const session = (id: string, fields: Record<string, unknown>) => ({
  id,
  object: 'checkout.session',
  created: T0,
  expires_at: T0 + 86_400,
  url: `https://checkout.stripe.test/c/pay/${id}`,
  payment_intent: null,
  subscription: null,
  invoice: null,
  amount_total: null,
  ...fields,
});
const invoice = (id: string, fields: Record<string, unknown>) => ({
  id,
  object: 'invoice',
  created: T0 + 10,
  status: 'paid',
  amount_paid: 10_00,
  status_transitions: { paid_at: T0 + 11 },
  ...fields,
});
const paidBy = (paymentIntentId: string) =>
  list([
    {
      id: `inpay_${paymentIntentId}`,
      object: 'invoice_payment',
      status: 'paid',
      payment: { type: 'payment_intent', payment_intent: paymentIntentId },
    },
  ]);

const firstInvoice = invoice('in_first', {
  billing_reason: 'subscription_create',
  parent: {
    type: 'subscription_details',
    subscription_details: { metadata: { rw_reference: 'don-4' }, subscription: 'sub_1' },
  },
  payments: paidBy('pi_inv1'),
});
// made before June 2023: no metadata snapshot, so the reference comes from the subscription itself
const laterInvoice = invoice('in_later', {
  billing_reason: 'subscription_cycle',
  created: T0 + 2_600_000,
  status_transitions: { paid_at: T0 + 2_600_001 },
  parent: { type: 'subscription_details', subscription_details: { metadata: null, subscription: 'sub_1' } },
  payments: paidBy('pi_inv2'),
});

const objects: Record<string, unknown> = {
  'checkout/sessions/cs_pay': session('cs_pay', {
    mode: 'payment',
    status: 'complete',
    payment_status: 'paid',
    payment_intent: 'pi_1',
    amount_total: 25_00,
    metadata: { rw_reference: 'don-1' },
  }),
  'checkout/sessions/cs_failed': session('cs_failed', {
    mode: 'payment',
    status: 'complete',
    payment_status: 'unpaid',
    payment_intent: 'pi_failed',
    metadata: { rw_reference: 'don-2' },
  }),
  'checkout/sessions/cs_expired': session('cs_expired', {
    mode: 'payment',
    status: 'expired',
    payment_status: 'unpaid',
    metadata: { rw_reference: 'don-3' },
  }),
  'checkout/sessions/cs_sub': session('cs_sub', {
    mode: 'subscription',
    status: 'complete',
    payment_status: 'paid',
    subscription: 'sub_1',
    amount_total: 10_00,
    metadata: { rw_reference: 'don-4' },
  }),
  'checkout/sessions/cs_sub_active': session('cs_sub_active', {
    mode: 'subscription',
    status: 'complete',
    payment_status: 'paid',
    subscription: 'sub_2',
    metadata: { rw_reference: 'don-5' },
  }),
  'payment_intents/pi_1': paymentIntent('pi_1', {
    status: 'succeeded',
    amount_received: 25_00,
    metadata: { rw_reference: 'don-1' },
    latest_charge: charge('ch_1', 'pi_1', 63),
  }),
  'payment_intents/pi_failed': paymentIntent('pi_failed', {
    status: 'requires_payment_method',
    metadata: { rw_reference: 'don-2' },
    last_payment_error: { message: 'Your card has insufficient funds.', decline_code: 'insufficient_funds' },
  }),
  'payment_intents/pi_inv1': paymentIntent('pi_inv1', {
    status: 'succeeded',
    amount_received: 10_00,
    latest_charge: charge('ch_inv1', 'pi_inv1', 40),
  }),
  'payment_intents/pi_inv2': paymentIntent('pi_inv2', {
    status: 'succeeded',
    amount_received: 10_00,
    latest_charge: charge('ch_inv2', 'pi_inv2'),
  }),
  'invoices/in_first': firstInvoice,
  'invoices/in_later': laterInvoice,
  'invoices/in_failed': invoice('in_failed', { status: 'open', amount_paid: 0, billing_reason: 'subscription_cycle' }),
  'subscriptions/sub_1': {
    id: 'sub_1',
    object: 'subscription',
    status: 'canceled',
    created: T0,
    canceled_at: T0 + 5_000_000,
    ended_at: T0 + 5_000_001,
    metadata: { rw_reference: 'don-4' },
  },
  'subscriptions/sub_2': {
    id: 'sub_2',
    object: 'subscription',
    status: 'active',
    created: T0,
    canceled_at: null,
    ended_at: null,
    metadata: { rw_reference: 'don-5' },
  },
  'charges/ch_1': charge('ch_1', 'pi_1', 63),
  'charges/ch_inv2': { ...charge('ch_inv2', 'pi_inv2'), balance_transaction: balanceTransaction('txn_late', 35) },
  // a charge-back: the disputed amount was withdrawn from the balance, with Stripe's dispute fee
  'disputes/dp_1': {
    id: 'dp_1',
    object: 'dispute',
    amount: 25_00,
    created: T0 + 900,
    charge: 'ch_1',
    payment_intent: 'pi_1',
    status: 'needs_response',
    balance_transactions: [
      { id: 'txn_dp_1', object: 'balance_transaction', amount: -25_00, fee: 15_00, created: T0 + 901 },
    ],
  },
};

const refundOfCh1 = (id: string, amount: number, status: string, created: number) => ({
  id,
  object: 'refund',
  amount,
  status,
  created,
  charge: 'ch_1',
  payment_intent: 'pi_1',
});
const refundsOfCh1 = [
  refundOfCh1('re_3', 2_00, 'succeeded', T0 + 300),
  refundOfCh1('re_2', 3_00, 'pending', T0 + 200),
  refundOfCh1('re_1', 5_00, 'succeeded', T0 + 100),
];

/** Canned answers of the Stripe API, by method and path (without /v1/). */
function answer(method: string, path: string, query: URLSearchParams, body: URLSearchParams): unknown {
  if (method === 'POST' && path === 'checkout/sessions') {
    const id = `cs_new_${body.get('client_reference_id')}`;
    return session(id, { mode: body.get('mode'), status: 'open', payment_status: 'unpaid' });
  }
  if (method === 'POST' && path === 'refunds') {
    return { id: 're_new', object: 'refund', amount: Number(body.get('amount')), status: 'pending' };
  }
  if (method === 'DELETE' && path === 'subscriptions/sub_2')
    return { ...(objects[path] as object), status: 'canceled' };
  if (method !== 'GET') return undefined;
  if (path === 'refunds') {
    return list(query.get('charge') === 'ch_1' || query.get('payment_intent') === 'pi_1' ? refundsOfCh1 : []);
  }
  if (path === 'checkout/sessions') {
    const sessions = Object.values(objects).filter(
      (object) =>
        (object as { object: string }).object === 'checkout.session' &&
        (object as { payment_intent: unknown }).payment_intent === query.get('payment_intent'),
    );
    return list(sessions);
  }
  if (path === 'disputes') return list(query.get('payment_intent') === 'pi_1' ? [objects['disputes/dp_1']] : []);
  if (path === 'invoices') return list(query.get('subscription') === 'sub_1' ? [laterInvoice, firstInvoice] : []);
  if (path === 'invoice_payments') {
    const invoiceOf: Record<string, unknown> = { pi_inv1: firstInvoice, pi_inv2: laterInvoice };
    const paid = invoiceOf[query.get('payment[payment_intent]') ?? ''];
    return list(paid ? [{ id: 'inpay_x', object: 'invoice_payment', invoice: paid }] : []);
  }
  return objects[path];
}

describe('Stripe payment provider', () => {
  const webhookSecret = 'whsec_test_secret';
  const requests: RecordedRequest[] = [];
  let server: Server;
  let provider: StripePaymentProvider;

  beforeAll(async () => {
    server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const path = url.pathname.replace(/^\/v1\//, '');
        const body = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const key = req.headers['idempotency-key'];
        requests.push({
          method: req.method ?? '',
          path: url.pathname,
          query: url.searchParams,
          body,
          ...(typeof key === 'string' ? { idempotencyKey: key } : {}),
        });
        const found = answer(req.method ?? '', path, url.searchParams, body);
        res.writeHead(found ? 200 : 404, { 'content-type': 'application/json' });
        res.end(JSON.stringify(found ?? { error: { type: 'invalid_request_error', message: `no ${url.pathname}` } }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const client = new Stripe('sk_test_fake', { host: '127.0.0.1', port, protocol: 'http', maxNetworkRetries: 0 });
    provider = new StripePaymentProvider({ secretKey: 'sk_test_fake', webhookSecret }, client);
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    requests.length = 0;
  });

  /** A delivery as Stripe signs it; the event's copy of the object is stale on purpose. */
  function delivery(
    type: string,
    object: Record<string, unknown>,
    options: { secret?: string; timestamp?: number } = {},
  ) {
    const payload = JSON.stringify({
      id: `evt_${type.replace(/\W/g, '_')}`,
      object: 'event',
      type,
      api_version: '2026-10-28.endive',
      created: T0 + 1_000,
      livemode: false,
      pending_webhooks: 1,
      request: null,
      data: { object },
    });
    const signature = Stripe.webhooks.generateTestHeaderString({
      payload,
      secret: options.secret ?? webhookSecret,
      ...(options.timestamp ? { timestamp: options.timestamp } : {}),
    });
    return { rawBody: Buffer.from(payload), headers: { 'stripe-signature': signature } };
  }
  const factsOf = async (type: string, object: Record<string, unknown>) =>
    (await provider.parseWebhook(delivery(type, object))).facts;

  const refundFact = (providerRefundId: string, amountCents: number, at: number): PaymentFact => ({
    type: 'RefundSucceeded',
    reference: 'don-1',
    providerRefundId,
    amountCents,
    providerPaymentId: 'pi_1',
    at: iso(at),
  });
  const chargedBack: PaymentFact[] = [
    { type: 'ChargedBack', reference: 'don-1', providerChargebackId: 'dp_1', amountCents: 25_00, at: iso(T0 + 901) },
    { type: 'FeeKnown', reference: 'don-1', providerPaymentId: 'dp_1', feeCents: 15_00, at: iso(T0 + 901) },
  ];
  const oneOffPaid: PaymentFact[] = [
    { type: 'PaymentSucceeded', reference: 'don-1', providerPaymentId: 'pi_1', amountCents: 25_00, at: iso(T0 + 2) },
    { type: 'FeeKnown', reference: 'don-1', providerPaymentId: 'pi_1', feeCents: 63, at: iso(T0 + 5) },
  ];

  describe('checkout', () => {
    const request = {
      reference: 'don-1',
      amountCents: 25_00,
      frequency: 'one_off' as const,
      description: 'Gift to the Refugee Walk',
      returnUrl: 'https://walk.example/donations/don-1/result',
      idempotencyKey: idempotencyKeyFor('don-1'),
    };

    it('opens a one-off payment session in euro cents, our reference in session, intent and client reference', async () => {
      await expect(provider.createCheckout({ ...request, method: 'bancontact' })).resolves.toEqual({
        checkoutUrl: 'https://checkout.stripe.test/c/pay/cs_new_don-1',
        providerReference: 'cs_new_don-1',
      });
      expect(requests).toHaveLength(1);
      const [sent] = requests;
      expect(sent.method).toBe('POST');
      expect(sent.path).toBe('/v1/checkout/sessions');
      expect(sent.idempotencyKey).toBe('rw-checkout-don-1');
      expect(Object.fromEntries(sent.body)).toEqual({
        mode: 'payment',
        client_reference_id: 'don-1',
        'metadata[rw_reference]': 'don-1',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'eur',
        'line_items[0][price_data][unit_amount]': '2500',
        'line_items[0][price_data][product_data][name]': 'Gift to the Refugee Walk',
        'payment_intent_data[metadata][rw_reference]': 'don-1',
        'allowed_payment_method_types[0]': 'bancontact',
        success_url: 'https://walk.example/donations/don-1/result',
        cancel_url: 'https://walk.example/donations/don-1/result',
      });
    });

    it('opens a monthly subscription session with a month interval and the reference on the subscription', async () => {
      await provider.createCheckout({
        ...request,
        reference: 'don-4',
        amountCents: 10_00,
        frequency: 'monthly',
        method: 'sepa',
        payerEmail: 'an@example.be',
        idempotencyKey: idempotencyKeyFor('don-4'),
      });
      const [sent] = requests;
      expect(sent.idempotencyKey).toBe('rw-checkout-don-4');
      expect(Object.fromEntries(sent.body)).toEqual({
        mode: 'subscription',
        client_reference_id: 'don-4',
        'metadata[rw_reference]': 'don-4',
        'line_items[0][quantity]': '1',
        'line_items[0][price_data][currency]': 'eur',
        'line_items[0][price_data][unit_amount]': '1000',
        'line_items[0][price_data][product_data][name]': 'Gift to the Refugee Walk',
        'line_items[0][price_data][recurring][interval]': 'month',
        'subscription_data[metadata][rw_reference]': 'don-4',
        'allowed_payment_method_types[0]': 'sepa_debit',
        customer_email: 'an@example.be',
        success_url: 'https://walk.example/donations/don-1/result',
        cancel_url: 'https://walk.example/donations/don-1/result',
      });
    });

    it('maps creditcard to card, and refuses a method or an amount it cannot send', async () => {
      await provider.createCheckout({ ...request, method: 'creditcard' });
      expect(requests[0].body.get('allowed_payment_method_types[0]')).toBe('card');
      await expect(provider.createCheckout({ ...request, method: 'cash' })).rejects.toThrow(/unknown payment method/);
      await expect(provider.createCheckout({ ...request, amountCents: 12.5 })).rejects.toThrow(/whole number/);
      expect(requests).toHaveLength(1);
    });
  });

  describe('webhook signatures', () => {
    it('accepts a validly signed delivery and names it by the event id', async () => {
      const parsed = await provider.parseWebhook(
        delivery('checkout.session.completed', { id: 'cs_pay', object: 'checkout.session', payment_status: 'unpaid' }),
      );
      expect(parsed).toEqual({ deliveryId: 'evt_checkout_session_completed', facts: oneOffPaid });
    });

    it('refuses a delivery signed with another secret, without asking Stripe anything', async () => {
      const forged = delivery('checkout.session.completed', { id: 'cs_pay' }, { secret: 'whsec_someone_else' });
      await expect(provider.parseWebhook(forged)).rejects.toThrow(InvalidWebhook);
      await expect(provider.parseWebhook(forged)).rejects.toThrow(/expected signature/);
      expect(requests).toEqual([]);
    });

    it('refuses a delivery whose signature is older than the tolerance (a replay)', async () => {
      const stale = delivery(
        'checkout.session.completed',
        { id: 'cs_pay' },
        { timestamp: Math.floor(Date.now() / 1000) - 3_600 },
      );
      await expect(provider.parseWebhook(stale)).rejects.toThrow(InvalidWebhook);
      await expect(provider.parseWebhook(stale)).rejects.toThrow(/tolerance/);
    });

    it('names a verified delivery by its event id without asking Stripe, and refuses a forged one the same way', () => {
      const signed = delivery('checkout.session.completed', { id: 'cs_pay' });
      expect(provider.deliveryIdOf(signed)).toBe('evt_checkout_session_completed');
      const forged = delivery('checkout.session.completed', { id: 'cs_pay' }, { secret: 'whsec_someone_else' });
      expect(() => provider.deliveryIdOf(forged)).toThrow(InvalidWebhook);
      expect(requests).toEqual([]);
    });

    it('refuses a delivery without a signature, or whose body was changed', async () => {
      const signed = delivery('checkout.session.completed', { id: 'cs_pay' });
      await expect(provider.parseWebhook({ rawBody: signed.rawBody, headers: {} })).rejects.toThrow(InvalidWebhook);
      const altered = Buffer.from(signed.rawBody.toString().replace('cs_pay', 'cs_sub'));
      await expect(provider.parseWebhook({ ...signed, rawBody: altered })).rejects.toThrow(InvalidWebhook);
    });
  });

  describe('webhook events, re-fetched', () => {
    it('counts a completed one-off session from the session and payment intent as Stripe has them now', async () => {
      expect(await factsOf('checkout.session.completed', { id: 'cs_pay', object: 'checkout.session' })).toEqual(
        oneOffPaid,
      );
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /v1/checkout/sessions/cs_pay',
        'GET /v1/payment_intents/pi_1',
      ]);
      expect(requests[1].query.get('expand[0]')).toBe('latest_charge.balance_transaction');
    });

    it('counts a delayed payment (SEPA after Bancontact) once it succeeds', async () => {
      expect(await factsOf('checkout.session.async_payment_succeeded', { id: 'cs_pay' })).toEqual(oneOffPaid);
    });

    it('gives no fact for a completed subscription session: the first invoice counts the first month', async () => {
      expect(await factsOf('checkout.session.completed', { id: 'cs_sub', object: 'checkout.session' })).toEqual([]);
    });

    it('reports a failed delayed payment with the decline reason', async () => {
      expect(await factsOf('checkout.session.async_payment_failed', { id: 'cs_failed' })).toEqual([
        {
          type: 'PaymentFailed',
          reference: 'don-2',
          providerPaymentId: 'pi_failed',
          outcome: 'failed',
          reason: 'Your card has insufficient funds. insufficient_funds',
          at: iso(T0 + 1),
        },
      ]);
    });

    it('reports a failed payment intent with the decline reason', async () => {
      expect(await factsOf('payment_intent.payment_failed', { id: 'pi_failed', object: 'payment_intent' })).toEqual([
        {
          type: 'PaymentFailed',
          reference: 'don-2',
          providerPaymentId: 'pi_failed',
          outcome: 'failed',
          reason: 'Your card has insufficient funds. insufficient_funds',
          at: iso(T0 + 1),
        },
      ]);
    });

    it('ignores a stale payment_intent.payment_failed when the intent has succeeded since', async () => {
      expect(await factsOf('payment_intent.payment_failed', { id: 'pi_1', status: 'requires_payment_method' })).toEqual(
        [],
      );
    });

    it('reports an expired session as an expired payment', async () => {
      expect(await factsOf('checkout.session.expired', { id: 'cs_expired' })).toEqual([
        {
          type: 'PaymentFailed',
          reference: 'don-3',
          providerPaymentId: 'cs_expired',
          outcome: 'expired',
          at: iso(T0 + 86_400),
        },
      ]);
    });

    it("counts the first invoice of a monthly gift as the gift's payment, with its fee", async () => {
      expect(await factsOf('invoice.paid', { id: 'in_first', object: 'invoice' })).toEqual([
        {
          type: 'PaymentSucceeded',
          reference: 'don-4',
          providerPaymentId: 'pi_inv1',
          amountCents: 10_00,
          at: iso(T0 + 11),
        },
        { type: 'FeeKnown', reference: 'don-4', providerPaymentId: 'pi_inv1', feeCents: 40, at: iso(T0 + 5) },
      ]);
      expect(requests[0].query.get('expand[0]')).toBe('payments');
    });

    it("counts a later invoice as a monthly charge, the reference read from the subscription's metadata", async () => {
      expect(await factsOf('invoice.paid', { id: 'in_later', object: 'invoice' })).toEqual([
        {
          type: 'MonthlyChargeSucceeded',
          reference: 'don-4',
          providerPaymentId: 'pi_inv2',
          amountCents: 10_00,
          at: iso(T0 + 2_600_001),
        },
      ]);
      expect(requests.map((r) => `${r.method} ${r.path}`)).toContain('GET /v1/subscriptions/sub_1');
    });

    it('gives no money fact for a failed invoice (Stripe retries; a given-up subscription ends)', async () => {
      expect(await factsOf('invoice.payment_failed', { id: 'in_failed', object: 'invoice' })).toEqual([]);
      expect(requests).toEqual([]);
    });

    it('reports the end of a deleted subscription', async () => {
      expect(await factsOf('customer.subscription.deleted', { id: 'sub_1', status: 'active' })).toEqual([
        { type: 'SubscriptionEnded', reference: 'don-4', providerSubscriptionId: 'sub_1', at: iso(T0 + 5_000_001) },
      ]);
    });

    it('reports one refund fact per succeeded refund in the charge’s refund list', async () => {
      expect(await factsOf('charge.refunded', { id: 'ch_1', object: 'charge', refunds: null })).toEqual([
        refundFact('re_1', 5_00, T0 + 100),
        refundFact('re_3', 2_00, T0 + 300),
      ]);
      const listed = requests.find((r) => r.path === '/v1/refunds');
      // every refund of the payment intent (a retried payment has several charges), failed ones included
      expect(listed?.query.get('payment_intent')).toBe('pi_1');
      expect(listed?.query.get('expand[0]')).toBe('data.failure_balance_transaction');
    });

    it('reports a dispute whose funds were withdrawn as a chargeback, and its fee as the dispute’s cost', async () => {
      expect(await factsOf('charge.dispute.created', { id: 'dp_1', object: 'dispute' })).toEqual(chargedBack);
    });

    it('reports a fee that arrives late with the balance transaction of a monthly charge', async () => {
      expect(await factsOf('charge.updated', { id: 'ch_inv2', object: 'charge', balance_transaction: null })).toEqual([
        { type: 'FeeKnown', reference: 'don-4', providerPaymentId: 'pi_inv2', feeCents: 35, at: iso(T0 + 5) },
      ]);
      const fetched = requests.find((r) => r.path === '/v1/charges/ch_inv2');
      expect(fetched?.query.get('expand[0]')).toBe('balance_transaction');
      const viaInvoice = requests.find((r) => r.path === '/v1/invoice_payments');
      expect(viaInvoice?.query.get('payment[payment_intent]')).toBe('pi_inv2');
    });

    it('gives no fact, and asks nothing, for an event type it does not map', async () => {
      const parsed = await provider.parseWebhook(delivery('customer.created', { id: 'cus_1', object: 'customer' }));
      expect(parsed).toEqual({ deliveryId: 'evt_customer_created', facts: [] });
      expect(requests).toEqual([]);
    });
  });

  describe('reconciliation', () => {
    it('lists everything that holds now for a one-off gift: payment, fee, succeeded refunds, dispute', async () => {
      expect(await provider.currentFacts('don-1', 'cs_pay')).toEqual([
        ...oneOffPaid,
        refundFact('re_1', 5_00, T0 + 100),
        refundFact('re_3', 2_00, T0 + 300),
        ...chargedBack,
      ]);
    });

    it('lists every paid invoice of a monthly gift and its end', async () => {
      expect(await provider.currentFacts('don-4', 'cs_sub')).toEqual([
        {
          type: 'MonthlyChargeSucceeded',
          reference: 'don-4',
          providerPaymentId: 'pi_inv2',
          amountCents: 10_00,
          at: iso(T0 + 2_600_001),
        },
        {
          type: 'PaymentSucceeded',
          reference: 'don-4',
          providerPaymentId: 'pi_inv1',
          amountCents: 10_00,
          at: iso(T0 + 11),
        },
        { type: 'FeeKnown', reference: 'don-4', providerPaymentId: 'pi_inv1', feeCents: 40, at: iso(T0 + 5) },
        { type: 'SubscriptionEnded', reference: 'don-4', providerSubscriptionId: 'sub_1', at: iso(T0 + 5_000_001) },
      ]);
      const listed = requests.find((r) => r.path === '/v1/invoices');
      expect(Object.fromEntries(listed?.query ?? [])).toEqual({
        subscription: 'sub_1',
        status: 'paid',
        'expand[0]': 'data.payments',
      });
    });

    it('reports a failed and an expired checkout', async () => {
      expect(await provider.currentFacts('don-2', 'cs_failed')).toEqual([
        expect.objectContaining({ type: 'PaymentFailed', outcome: 'failed', providerPaymentId: 'pi_failed' }),
      ]);
      expect(await provider.currentFacts('don-3', 'cs_expired')).toEqual([
        expect.objectContaining({ type: 'PaymentFailed', outcome: 'expired', providerPaymentId: 'cs_expired' }),
      ]);
    });
  });

  describe('refunds and cancellations', () => {
    it('asks a refund of the payment intent with our idempotency key', async () => {
      await expect(
        provider.refund({
          reference: 'don-1',
          providerPaymentId: 'pi_1',
          amountCents: 5_00,
          idempotencyKey: idempotencyKeyFor('don-1', 'refund-1'),
        }),
      ).resolves.toEqual({ providerRefundId: 're_new' });
      const [sent] = requests;
      expect(`${sent.method} ${sent.path}`).toBe('POST /v1/refunds');
      expect(sent.idempotencyKey).toBe('rw-refund-1-don-1');
      expect(Object.fromEntries(sent.body)).toEqual({
        payment_intent: 'pi_1',
        amount: '500',
        'metadata[rw_reference]': 'don-1',
      });
    });

    it("cancels the checkout's subscription", async () => {
      await provider.cancelSubscription('don-5', 'cs_sub_active');
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        'GET /v1/checkout/sessions/cs_sub_active',
        'GET /v1/subscriptions/sub_2',
        'DELETE /v1/subscriptions/sub_2',
      ]);
    });

    it('leaves an already cancelled subscription alone', async () => {
      await provider.cancelSubscription('don-4', 'cs_sub');
      expect(requests.map((r) => r.method)).toEqual(['GET', 'GET']);
    });
  });
});

/** The adapter against the fake Stripe, which answers with Stripe's own shapes (see fake-stripe.spec.ts). */
describe('Stripe payment provider, on Stripe’s real shapes', () => {
  let fake: FakeStripe;
  let provider: StripePaymentProvider;
  beforeEach(async () => {
    fake = await FakeStripe.start();
    provider = new StripePaymentProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret }, fake.client);
  });
  afterEach(() => fake.stop());

  const factsOf = async (type: string, id: string) => (await provider.parseWebhook(fake.delivery(type, { id }))).facts;
  const ofType = <T extends PaymentFact['type']>(facts: PaymentFact[], type: T) =>
    facts.filter((fact): fact is Extract<PaymentFact, { type: T }> => fact.type === type);
  const open = async (reference: string, amountCents: number, frequency: 'one_off' | 'monthly' = 'one_off') => {
    const checkout = await provider.createCheckout({
      reference,
      amountCents,
      frequency,
      description: 'Gift to the Refugee Walk',
      returnUrl: `https://walk.example.org/donations/${reference}/result`,
      idempotencyKey: idempotencyKeyFor(reference),
    });
    return checkout.providerReference;
  };
  const paid = async (reference: string, amountCents: number) => {
    const sessionId = await open(reference, amountCents);
    return { sessionId, ...fake.markPaid(sessionId) };
  };

  describe('a declined card inside an open checkout', () => {
    it('is one failed attempt with the decline reason; the same session paid afterwards is the payment', async () => {
      const sessionId = await open('don-retry', 25_00);
      const { paymentIntentId } = fake.decline(sessionId, 'insufficient_funds');
      const attempt = {
        type: 'PaymentAttemptFailed',
        reference: 'don-retry',
        providerPaymentId: paymentIntentId,
        reason: 'Your card has insufficient funds. insufficient_funds',
        at: expect.any(String),
      };
      expect(await factsOf('payment_intent.payment_failed', paymentIntentId)).toEqual([attempt]);
      expect(await provider.currentFacts('don-retry', sessionId)).toEqual([attempt]);

      fake.markPaid(sessionId);
      const completed = await factsOf('checkout.session.completed', sessionId);
      expect(completed).toEqual([
        expect.objectContaining({ type: 'PaymentSucceeded', providerPaymentId: paymentIntentId, amountCents: 25_00 }),
      ]);
      // the decline's webhook arriving late says nothing more: the payment intent has succeeded since
      expect(await factsOf('payment_intent.payment_failed', paymentIntentId)).toEqual([]);
      expect(await provider.currentFacts('don-retry', sessionId)).toEqual(completed);
    });

    it('ends the gift only when the session expires: then both webhooks say it expired', async () => {
      const sessionId = await open('don-gone', 25_00);
      const { paymentIntentId } = fake.decline(sessionId, 'generic_decline');
      expect(ofType(await factsOf('payment_intent.payment_failed', paymentIntentId), 'PaymentFailed')).toEqual([]);
      fake.expire(sessionId);
      const expired = [
        {
          type: 'PaymentFailed',
          reference: 'don-gone',
          providerPaymentId: paymentIntentId,
          outcome: 'expired',
          at: expect.any(String),
        },
      ];
      expect(await factsOf('checkout.session.expired', sessionId)).toEqual(expired);
      expect(await factsOf('payment_intent.payment_failed', paymentIntentId)).toEqual(expired);
      expect(await provider.currentFacts('don-gone', sessionId)).toEqual(expired);
    });

    it('fails for good when a delayed payment fails: the session is over, unpaid', async () => {
      const sessionId = await open('don-sepa', 25_00);
      const { paymentIntentId } = fake.markFailed(sessionId, 'The bank refused the debit.', 'generic_decline');
      const failed = [
        expect.objectContaining({
          type: 'PaymentFailed',
          providerPaymentId: paymentIntentId,
          outcome: 'failed',
          reason: 'The bank refused the debit. generic_decline',
        }),
      ];
      expect(await factsOf('checkout.session.async_payment_failed', sessionId)).toEqual(failed);
      expect(await factsOf('payment_intent.payment_failed', paymentIntentId)).toEqual(failed);
    });
  });

  describe('disputes, by the money they moved', () => {
    it('gives no fact for an inquiry (no funds withdrawn), then a charge-back and its fee once funds go', async () => {
      const gift = await paid('don-inquiry', 40_00);
      const disputeId = fake.addDispute(gift.paymentIntentId, 40_00, { inquiry: true });
      expect(await factsOf('charge.dispute.created', disputeId)).toEqual([]);
      expect(ofType(await provider.currentFacts('don-inquiry', gift.sessionId), 'ChargedBack')).toEqual([]);

      fake.escalateDispute(disputeId, 15_00);
      const withdrawn = [
        {
          type: 'ChargedBack',
          reference: 'don-inquiry',
          providerChargebackId: disputeId,
          amountCents: 40_00,
          at: expect.any(String),
        },
        {
          type: 'FeeKnown',
          reference: 'don-inquiry',
          providerPaymentId: disputeId,
          feeCents: 15_00,
          at: expect.any(String),
        },
      ];
      expect(await factsOf('charge.dispute.funds_withdrawn', disputeId)).toEqual(withdrawn);
      const current = await provider.currentFacts('don-inquiry', gift.sessionId);
      const ofDispute = (fact: PaymentFact) =>
        fact.type === 'ChargedBack' || (fact.type === 'FeeKnown' && fact.providerPaymentId === disputeId);
      expect(current.filter(ofDispute)).toEqual(withdrawn);
    });

    it('gives the money back for a won dispute, stated with its charge-back so that it holds from scratch', async () => {
      const gift = await paid('don-won', 30_00);
      const disputeId = fake.addDispute(gift.paymentIntentId, 30_00, { feeCents: 15_00 });
      fake.closeDispute(disputeId, 'won', { feeRefunded: true });
      const won = [
        expect.objectContaining({ type: 'ChargedBack', providerChargebackId: disputeId, amountCents: 30_00 }),
        expect.objectContaining({ type: 'ChargebackReversed', providerChargebackId: disputeId, amountCents: 30_00 }),
        expect.objectContaining({ type: 'FeeKnown', providerPaymentId: disputeId, feeCents: 0 }),
      ];
      expect(await factsOf('charge.dispute.closed', disputeId)).toEqual(won);
      expect(await factsOf('charge.dispute.funds_reinstated', disputeId)).toEqual(won);
      const current = await provider.currentFacts('don-won', gift.sessionId);
      expect(ofType(current, 'ChargedBack')).toHaveLength(1);
      expect(ofType(current, 'ChargebackReversed')).toEqual([won[1]]);
    });

    it('keeps a lost dispute a charge-back, its fee a cost', async () => {
      const gift = await paid('don-lost', 30_00);
      const disputeId = fake.addDispute(gift.paymentIntentId, 30_00, { feeCents: 15_00 });
      fake.closeDispute(disputeId, 'lost');
      expect(await factsOf('charge.dispute.closed', disputeId)).toEqual([
        expect.objectContaining({ type: 'ChargedBack', amountCents: 30_00 }),
        expect.objectContaining({ type: 'FeeKnown', providerPaymentId: disputeId, feeCents: 15_00 }),
      ]);
    });
  });

  describe('refunds', () => {
    it('states a refund that failed after it went through as failed, after its success, naming the payment', async () => {
      const gift = await paid('don-refund', 50_00);
      const { providerRefundId } = await provider.refund({
        reference: 'don-refund',
        providerPaymentId: gift.paymentIntentId,
        amountCents: 20_00,
        idempotencyKey: idempotencyKeyFor('don-refund', 'refund-1'),
      });
      fake.confirmRefund(providerRefundId);
      const succeeded = {
        type: 'RefundSucceeded',
        reference: 'don-refund',
        providerRefundId,
        amountCents: 20_00,
        providerPaymentId: gift.paymentIntentId,
        at: expect.any(String),
      };
      expect(await factsOf('refund.updated', providerRefundId)).toEqual([succeeded]);

      fake.failRefund(providerRefundId);
      const failed = [
        succeeded,
        { type: 'RefundFailed', reference: 'don-refund', providerRefundId, amountCents: 20_00, at: expect.any(String) },
      ];
      expect(await factsOf('refund.failed', providerRefundId)).toEqual(failed);
      expect(await factsOf('charge.refund.updated', providerRefundId)).toEqual(failed);
      const current = await provider.currentFacts('don-refund', gift.sessionId);
      expect(current.filter((fact) => fact.type.startsWith('Refund'))).toEqual(failed);
    });

    it('refunds a monthly charge by the payment id it reported for it, and names that charge in the refund', async () => {
      const sessionId = await open('don-monthly', 10_00, 'monthly');
      const { subscriptionId } = fake.startSubscription(sessionId);
      const second = fake.chargeMonth(subscriptionId);
      const [charge] = ofType(await factsOf('invoice.paid', second.invoiceId), 'MonthlyChargeSucceeded');
      if (!charge) throw new Error('no monthly charge');
      const { providerRefundId } = await provider.refund({
        reference: 'don-monthly',
        providerPaymentId: charge.providerPaymentId,
        amountCents: 10_00,
        idempotencyKey: idempotencyKeyFor('don-monthly', 'refund-2'),
      });
      fake.confirmRefund(providerRefundId);
      expect(await factsOf('charge.refunded', second.chargeId)).toEqual([
        expect.objectContaining({
          type: 'RefundSucceeded',
          reference: 'don-monthly',
          providerRefundId,
          providerPaymentId: charge.providerPaymentId,
          amountCents: 10_00,
        }),
      ]);
      // an invoice id (what the adapter reports for an invoice paid without a payment intent) refunds its payment
      const third = fake.chargeMonth(subscriptionId);
      await provider.refund({
        reference: 'don-monthly',
        providerPaymentId: third.invoiceId,
        amountCents: 4_00,
        idempotencyKey: idempotencyKeyFor('don-monthly', 'refund-3'),
      });
      expect(fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds').map((r) => r.body)).toEqual([
        expect.objectContaining({ payment_intent: second.paymentIntentId, amount: '1000' }),
        expect.objectContaining({ payment_intent: third.paymentIntentId, amount: '400' }),
      ]);
    });
  });

  describe('reconciliation reads every page', () => {
    it('sees every paid invoice of a long monthly gift, and every refund and dispute of a payment', async () => {
      const sessionId = await open('don-long', 10_00, 'monthly');
      const { subscriptionId } = fake.startSubscription(sessionId);
      for (let month = 0; month < 14; month++) fake.chargeMonth(subscriptionId);
      const facts = await provider.currentFacts('don-long', sessionId);
      expect(ofType(facts, 'PaymentSucceeded')).toHaveLength(1);
      expect(ofType(facts, 'MonthlyChargeSucceeded')).toHaveLength(14);
      const invoicePages = fake.requests.filter((r) => r.path === '/v1/invoices');
      expect(invoicePages.length).toBeGreaterThan(1);
      expect(invoicePages[1]?.query.starting_after).toEqual(expect.stringMatching(/^in_/));

      // more than a page of 100 refunds and of 100 disputes (all inquiries but the first: no money moved)
      const gift = await paid('don-many', 150_00);
      for (let n = 0; n < 101; n++) fake.addRefund(gift.chargeId, 1_00);
      for (let n = 0; n < 101; n++) fake.addDispute(gift.paymentIntentId, 1_00, { inquiry: n > 0 });
      fake.requests.length = 0;
      const current = await provider.currentFacts('don-many', gift.sessionId);
      expect(ofType(current, 'RefundSucceeded')).toHaveLength(101);
      expect(ofType(current, 'ChargedBack')).toHaveLength(1);
      for (const path of ['/v1/refunds', '/v1/disputes']) {
        const pages = fake.requests.filter((r) => r.path === path);
        expect(pages.map((page) => page.query.starting_after ?? 'first')).toEqual(['first', expect.any(String)]);
      }
    });
  });
});

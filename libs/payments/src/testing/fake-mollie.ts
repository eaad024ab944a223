import type { WebhookDelivery } from '../payment-provider';
import { nock } from './nock';

export const MOLLIE_API = 'https://api.mollie.com';

type Json = Record<string, unknown>;
type Amount = { value: string; currency: string };

/** A reply as Mollie gives it: HAL JSON (a reply function's plain object would not be typed as JSON). */
const json = (status: number, body: unknown): [number, string, Record<string, string>] => [
  status,
  JSON.stringify(body),
  { 'content-type': 'application/hal+json' },
];
const parsed = (body: unknown): Json => (typeof body === 'string' ? JSON.parse(body || '{}') : (body ?? {})) as Json;

const eur = (cents: number): Amount => ({
  value: `${cents < 0 ? '-' : ''}${Math.floor(Math.abs(cents) / 100)}.${String(Math.abs(cents) % 100).padStart(2, '0')}`,
  currency: 'EUR',
});
/** Cents of a Mollie amount, negative ones included ("-13.00"). */
const centsOf = (amount: unknown): number => {
  const value = (amount as Amount).value;
  const [whole, part = ''] = value.replace('-', '').split('.');
  return (value.startsWith('-') ? -1 : 1) * (Number(whole) * 100 + Number(part.padEnd(2, '0')));
};
const link = (href: string, type = 'application/hal+json') => ({ href, type });
const docs = (page: string) => link(`https://docs.mollie.com/reference/v2/${page}`, 'text/html');
const notFound = (what: string) => json(404, { status: 404, title: 'Not Found', detail: `No ${what}.` });

/**
 * A scripted Mollie behind nock, for the real `@mollie/api-client`, answering in the shapes Mollie itself writes
 * (the payloads of the client's own tests; `fake-mollie.shape.spec.ts` holds every answer against them):
 * - payments: `open` with a checkout link when created (the same one again for the same idempotency key); `paid`
 *   with `amountRefunded`, `amountRemaining`, `details` and a `settlementAmount` equal to the amount (it is not the
 *   amount minus a fee); refunds and chargebacks embedded only when asked (`embed=refunds,chargebacks`);
 * - recurring payments of a subscription: no metadata of their own, `redirectUrl: null`, `_links.checkout: null`;
 * - refunds (`pending` until confirmed, then `refunded`) with a negative `settlementAmount`; chargebacks with negative
 *   amounts (`-13.00`), `amountChargedBack` on the payment the sum of its chargebacks, `reversedAt` once reversed;
 * - customers and subscriptions (`active`, `suspended`, `canceled`).
 * Metadata is kept and answered exactly as sent. Webhook bodies are `id=tr_…` (Mollie signs nothing, the adapter
 * re-fetches). Real network stays off, local connections (the platform under supertest) are let through.
 * `stop()` takes nock out again.
 */
export class FakeMollie {
  readonly apiKey = 'test_fakeMollieKeyOfThirtyCharsXX';
  /** Every request the client sent: method, path and idempotency key. */
  readonly requests: { method: string; path: string; idempotencyKey?: string; body?: Json }[] = [];
  /** The next n subscription creations are refused with 429, as Mollie does when it is asked too often. */
  refuseSubscriptions = 0;
  private readonly payments = new Map<string, Json>();
  private readonly refunds = new Map<string, Json[]>();
  private readonly chargebacks = new Map<string, Json[]>();
  private readonly subscriptions = new Map<string, Json>();
  private readonly byKey = new Map<string, Json>();
  private counter = 0;

  private constructor() {}

  static start(): FakeMollie {
    const fake = new FakeMollie();
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
    // nock 15 hands fetch's Request (from Node's realm, not Jest's) to reply functions: what a request sent is
    // caught by matchers instead, and paths are matched by functions (a Jest-realm RegExp is not one to nock)
    const sent: { path: string; body: Json; idempotencyKey?: string } = { path: '', body: {} };
    const matching = (pattern: RegExp) => (path: string) => {
      if (!pattern.test(path)) return false;
      sent.path = path;
      return true;
    };
    const keep = (body: unknown) => {
      sent.body = parsed(body);
      return true;
    };
    const record = (method: string, withBody = true) =>
      fake.requests.push({
        method,
        path: sent.path,
        ...(withBody ? { body: sent.body } : {}),
        ...(sent.idempotencyKey ? { idempotencyKey: sent.idempotencyKey } : {}),
      });
    const idIn = (pattern: RegExp) => pattern.exec(sent.path)?.[1] ?? '';
    nock(MOLLIE_API, {
      reqheaders: {
        'idempotency-key': (value: string | null) => {
          sent.idempotencyKey = value ?? undefined;
          return true;
        },
      },
    })
      .persist()
      .post(matching(/^\/v2\/payments$/), keep)
      .reply(() => {
        record('POST');
        return json(201, fake.createPayment(sent.body, sent.idempotencyKey));
      })
      .post(matching(/^\/v2\/payments\/tr_\w+\/refunds$/), keep)
      .reply(() => {
        record('POST');
        const paymentId = idIn(/\/v2\/payments\/(tr_\w+)\//);
        if (!fake.payments.has(paymentId)) return notFound(`payment exists with token ${paymentId}`);
        return json(201, fake.createRefund(paymentId, sent.body, sent.idempotencyKey));
      })
      .post(matching(/^\/v2\/customers$/), keep)
      .reply(() => {
        record('POST');
        return json(201, fake.createCustomer(sent.body, sent.idempotencyKey));
      })
      .post(matching(/^\/v2\/customers\/cst_\w+\/subscriptions$/), keep)
      .reply(() => {
        record('POST');
        if (fake.refuseSubscriptions > 0) {
          fake.refuseSubscriptions--;
          return json(429, { status: 429, title: 'Too Many Requests', detail: 'You are sending too many requests.' });
        }
        const customerId = idIn(/\/customers\/(cst_\w+)\//);
        return json(201, fake.createSubscription(customerId, sent.body, sent.idempotencyKey));
      })
      .delete(matching(/^\/v2\/customers\/cst_\w+\/subscriptions\/sub_\w+(\?.*)?$/))
      .reply(() => {
        record('DELETE', false);
        const id = idIn(/\/subscriptions\/(sub_\w+)/);
        const subscription = fake.subscriptions.get(id);
        if (!subscription) return notFound(`subscription ${id}`);
        if (subscription.status === 'canceled' || subscription.status === 'completed') {
          return json(422, { status: 422, title: 'Unprocessable Entity', detail: 'The subscription has ended.' });
        }
        Object.assign(subscription, { status: 'canceled', canceledAt: '2026-10-15T09:00:00+00:00' });
        return json(200, subscription);
      });
    nock(MOLLIE_API)
      .persist()
      .get(matching(/^\/v2\/customers\/cst_\w+\/subscriptions\/sub_\w+\/payments(\?.*)?$/))
      .reply(() => {
        record('GET', false);
        const id = idIn(/\/subscriptions\/(sub_\w+)/);
        const charges = [...fake.payments.values()].filter((payment) => payment.subscriptionId === id);
        return json(200, fake.list('payments', charges, sent.path));
      })
      .get(matching(/^\/v2\/customers\/cst_\w+\/subscriptions\/sub_\w+(\?.*)?$/))
      .reply(() => {
        record('GET', false);
        const subscription = fake.subscriptions.get(idIn(/\/subscriptions\/(sub_\w+)/));
        return subscription ? json(200, subscription) : notFound('subscription');
      })
      .get(matching(/^\/v2\/customers\/cst_\w+\/subscriptions(\?.*)?$/))
      .reply(() => {
        record('GET', false);
        const customerId = idIn(/\/customers\/(cst_\w+)/);
        const ofCustomer = [...fake.subscriptions.values()].filter((sub) => sub.customerId === customerId);
        return json(200, fake.list('subscriptions', ofCustomer, sent.path));
      })
      .get(matching(/^\/v2\/payments\/tr_\w+(\?.*)?$/))
      .reply(() => {
        record('GET', false);
        const id = idIn(/\/v2\/payments\/(tr_\w+)/);
        const embed = new URLSearchParams(sent.path.split('?')[1] ?? '').get('embed')?.split(',') ?? [];
        return fake.payments.has(id)
          ? json(200, fake.paymentAsAnswered(id, embed))
          : notFound(`payment exists with token ${id}`);
      });
    return fake;
  }

  stop(): void {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  }

  /** A payment as this fake holds it (without its refunds and chargebacks: see `paymentAsAnswered`). */
  payment(id: string): Json {
    const payment = this.payments.get(id);
    if (!payment) throw new Error(`fake Mollie: no payment ${id}`);
    return payment;
  }

  /** A payment as `GET /v2/payments/:id` answers it, with the embeds asked (`refunds`, `chargebacks`). */
  paymentAsAnswered(id: string, embed: string[] = []): Json {
    const payment = this.payment(id);
    const embedded = {
      ...(embed.includes('refunds') ? { refunds: this.refunds.get(id) ?? [] } : {}),
      ...(embed.includes('chargebacks') ? { chargebacks: this.chargebacks.get(id) ?? [] } : {}),
    };
    return Object.keys(embedded).length > 0 ? { ...payment, _embedded: embedded } : { ...payment };
  }

  /** The payer pays (by iDEAL unless the payment named its method): Mollie's paid payment, as in its own payloads. */
  markPaid(paymentId: string): void {
    const payment = this.payment(paymentId);
    const { isCancelable: _cancelable, expiresAt: _expires, ...rest } = payment;
    this.payments.set(paymentId, {
      ...rest,
      method: payment.method ?? 'ideal',
      status: 'paid',
      paidAt: '2026-09-27T10:03:00+00:00',
      amountRefunded: eur(0),
      amountRemaining: payment.amount,
      details: { consumerName: 'S. CLAES', consumerAccount: 'BE68539007547034', consumerBic: 'GKCCBEBB' },
      locale: 'nl_BE',
      countryCode: 'BE',
      // Mollie's own paid EUR payments state the amount itself here: it says nothing of a fee
      settlementAmount: payment.amount,
      // a first payment of a customer makes the mandate later months are charged on
      ...(payment.sequenceType === 'first' ? { mandateId: `mdt_fake_${paymentId}` } : {}),
      // no checkout link any more, nothing to pay
      _links: {
        self: link(`${MOLLIE_API}/v2/payments/${paymentId}`),
        documentation: docs('payments-api/get-payment'),
      },
    });
  }

  /** The payer's bank refused the payment (Mollie: `failed`, with its reason in `details`). */
  markFailed(paymentId: string, failureReason = 'insufficient_funds', message = 'Insufficient funds'): void {
    Object.assign(this.payment(paymentId), {
      status: 'failed',
      isCancelable: false,
      failedAt: '2026-09-27T10:03:00+00:00',
      details: { failureReason, failureMessage: message },
    });
  }

  /** The payer never finished: Mollie expires the payment. */
  markExpired(paymentId: string): void {
    Object.assign(this.payment(paymentId), {
      status: 'expired',
      isCancelable: false,
      expiredAt: '2026-09-27T10:15:00+00:00',
    });
  }

  /** A subscription this fake holds, as Mollie has it now. */
  subscription(id: string): Json {
    const subscription = this.subscriptions.get(id);
    if (!subscription) throw new Error(`fake Mollie: no subscription ${id}`);
    return subscription;
  }

  /** The subscription started for a customer (undefined before any). */
  subscriptionOfCustomer(customerId: string): Json | undefined {
    return [...this.subscriptions.values()].find((subscription) => subscription.customerId === customerId);
  }

  /** Mollie suspends a subscription (its charges kept failing, or its mandate became invalid): it charges no more. */
  suspendSubscription(id: string): void {
    this.subscription(id).status = 'suspended';
  }

  /**
   * Mollie charges a subscription's month: a new `recurring` payment by direct debit on the mandate, carrying no
   * metadata of its own (the adapter finds our reference on the subscription). Its webhook is `webhook(id)`.
   */
  chargeMonth(subscriptionId: string, status: 'paid' | 'failed' = 'paid'): string {
    const subscription = this.subscription(subscriptionId);
    const id = `tr_fake${++this.counter}`;
    const customerId = String(subscription.customerId);
    const mandateId = String(subscription.mandateId);
    this.payments.set(id, {
      resource: 'payment',
      id,
      mode: 'test',
      createdAt: '2026-10-27T06:00:00+00:00',
      amount: subscription.amount,
      description: subscription.description,
      method: 'directdebit',
      metadata: null,
      status,
      isCancelable: false,
      expiresAt: '2026-11-27T06:00:00+00:00',
      ...(status === 'paid'
        ? {
            paidAt: `2026-10-27T06:${String(this.counter % 60).padStart(2, '0')}:00+00:00`,
            amountRefunded: eur(0),
            amountRemaining: subscription.amount,
          }
        : { failedAt: '2026-10-27T06:00:00+00:00' }),
      locale: 'nl_BE',
      profileId: 'pfl_fake',
      customerId,
      mandateId,
      subscriptionId,
      sequenceType: 'recurring',
      redirectUrl: null,
      cancelUrl: null,
      webhookUrl: subscription.webhookUrl,
      settlementAmount: subscription.amount,
      details: {
        transferReference: `SD${String(this.counter).padStart(2, '0')}-6850-2204-6029`,
        creditorIdentifier: 'BE68ZZZ0123456789',
        consumerName: 'S. Claes',
        consumerAccount: 'BE68539007547034',
        consumerBic: 'GKCCBEBB',
        dueDate: '2026-10-29',
        signatureDate: '2026-09-27',
        ...(status === 'failed' ? { bankReasonCode: 'AM04', bankReason: 'Insufficient funds' } : {}),
      },
      _links: {
        self: link(`${MOLLIE_API}/v2/payments/${id}`),
        checkout: null,
        customer: link(`${MOLLIE_API}/v2/customers/${customerId}`),
        mandate: link(`${MOLLIE_API}/v2/customers/${customerId}/mandates/${mandateId}`),
        subscription: link(`${MOLLIE_API}/v2/customers/${customerId}/subscriptions/${subscriptionId}`),
      },
    });
    return id;
  }

  /** A refund asked through the API goes through (Mollie: `pending` becomes `refunded`). */
  confirmRefund(refundId: string): void {
    const refund = [...this.refunds.values()].flat().find((known) => known.id === refundId);
    if (!refund) throw new Error(`fake Mollie: no refund ${refundId}`);
    refund.status = 'refunded';
    this.updateRefunded(String(refund.paymentId));
  }

  /** A refund that went through (Mollie: `refunded`), made in Mollie's dashboard; the payment stays `paid`. */
  addRefund(paymentId: string, amountCents: number): string {
    const refund = this.newRefund(paymentId, amountCents, 'refunded', 'Refund from the dashboard', null);
    this.updateRefunded(paymentId);
    return String(refund.id);
  }

  /**
   * A chargeback by the payer's bank; the payment stays `paid`. Its amount is written negative, as in Mollie's own
   * payloads, and `amountChargedBack` is the sum of the payment's chargebacks.
   */
  addChargeback(paymentId: string, amountCents: number): string {
    const id = `chb_fake${++this.counter}`;
    const chargeback: Json = {
      resource: 'chargeback',
      id,
      amount: eur(-amountCents),
      createdAt: '2026-09-27T13:00:00+00:00',
      paymentId,
      settlementAmount: eur(-amountCents),
      _links: {
        self: link(`${MOLLIE_API}/v2/payments/${paymentId}/chargebacks/${id}`),
        payment: link(`${MOLLIE_API}/v2/payments/${paymentId}`),
        documentation: docs('chargebacks-api/get-chargeback'),
      },
    };
    const known = [...(this.chargebacks.get(paymentId) ?? []), chargeback];
    this.chargebacks.set(paymentId, known);
    this.payment(paymentId).amountChargedBack = eur(known.reduce((sum, each) => sum - centsOf(each.amount), 0));
    return id;
  }

  /** The payer's bank gives a chargeback back (Mollie: `reversedAt` on the chargeback). */
  reverseChargeback(paymentId: string, chargebackId: string, at = '2026-10-20T09:00:00+00:00'): void {
    const chargeback = (this.chargebacks.get(paymentId) ?? []).find((known) => known.id === chargebackId);
    if (!chargeback) throw new Error(`fake Mollie: no chargeback ${chargebackId} on ${paymentId}`);
    chargeback.reversedAt = at;
  }

  list(name: string, items: unknown[], path = `/v2/${name}`) {
    return {
      _embedded: { [name]: items },
      _links: {
        documentation: docs(`${name}-api/list-${name}`),
        self: link(`${MOLLIE_API}${path}`),
        previous: null,
        next: null,
      },
      count: items.length,
    };
  }

  /** What Mollie posts to the webhook URL. */
  webhook(paymentId: string): WebhookDelivery {
    return {
      rawBody: Buffer.from(`id=${encodeURIComponent(paymentId)}`),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }

  private createPayment(body: Json, idempotencyKey?: string): Json {
    const existing = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
    if (existing) return this.payment(String(existing.id));
    const id = `tr_fake${++this.counter}`;
    const payment: Json = {
      resource: 'payment',
      id,
      mode: 'test',
      createdAt: '2026-09-27T10:00:00+00:00',
      amount: body.amount,
      description: body.description,
      method: body.method ?? null,
      metadata: body.metadata ?? null,
      status: 'open',
      isCancelable: false,
      expiresAt: '2026-09-27T10:15:00+00:00',
      details: null,
      profileId: 'pfl_fake',
      ...(body.customerId ? { customerId: body.customerId } : {}),
      sequenceType: body.sequenceType ?? 'oneoff',
      redirectUrl: body.redirectUrl,
      cancelUrl: body.cancelUrl ?? null,
      webhookUrl: body.webhookUrl,
      _links: {
        self: link(`${MOLLIE_API}/v2/payments/${id}`),
        checkout: link(`https://www.mollie.com/checkout/select-method/${id}`, 'text/html'),
        dashboard: link(`https://www.mollie.com/dashboard/org_fake/payments/${id}`, 'text/html'),
        documentation: docs('payments-api/create-payment'),
      },
    };
    this.payments.set(id, payment);
    if (idempotencyKey) this.byKey.set(idempotencyKey, payment);
    return payment;
  }

  private createRefund(paymentId: string, body: Json, idempotencyKey?: string): Json {
    const existing = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
    if (existing) return existing;
    const refund = this.newRefund(
      paymentId,
      centsOf(body.amount),
      'pending',
      String(body.description ?? ''),
      body.metadata ?? null,
    );
    // as created, a refund links to the documentation of creating one; listed or embedded, it does not
    const answer = {
      ...refund,
      _links: { ...(refund._links as Json), documentation: docs('refunds-api/create-refund') },
    };
    if (idempotencyKey) this.byKey.set(idempotencyKey, answer);
    return answer;
  }

  private newRefund(paymentId: string, amountCents: number, status: string, description: string, metadata: unknown) {
    const id = `re_fake${++this.counter}`;
    const refund: Json = {
      resource: 'refund',
      id,
      amount: eur(amountCents),
      status,
      createdAt: '2026-09-27T12:00:00+00:00',
      description,
      metadata,
      paymentId,
      settlementAmount: eur(-amountCents),
      _links: {
        self: link(`${MOLLIE_API}/v2/payments/${paymentId}/refunds/${id}`),
        payment: link(`${MOLLIE_API}/v2/payments/${paymentId}`),
      },
    };
    this.refunds.set(paymentId, [...(this.refunds.get(paymentId) ?? []), refund]);
    return refund;
  }

  /** `amountRefunded` / `amountRemaining` of a payment: its refunds that went through. */
  private updateRefunded(paymentId: string): void {
    const payment = this.payment(paymentId);
    const refunded = (this.refunds.get(paymentId) ?? [])
      .filter((refund) => refund.status === 'refunded')
      .reduce((sum, refund) => sum + centsOf(refund.amount), 0);
    payment.amountRefunded = eur(refunded);
    payment.amountRemaining = eur(centsOf(payment.amount) - refunded);
  }

  private createCustomer(body: Json, idempotencyKey?: string): Json {
    const existing = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
    if (existing) return existing;
    const id = `cst_fake${++this.counter}`;
    const customer: Json = {
      resource: 'customer',
      id,
      mode: 'test',
      name: body.name ?? null,
      email: body.email ?? null,
      locale: body.locale ?? null,
      metadata: body.metadata ?? null,
      recentlyUsedMethods: [],
      createdAt: '2026-09-27T09:59:00+00:00',
      _links: { documentation: docs('customers-api/create-customer') },
    };
    if (idempotencyKey) this.byKey.set(idempotencyKey, customer);
    return customer;
  }

  private createSubscription(customerId: string, body: Json, idempotencyKey?: string): Json {
    const existing = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
    if (existing) return existing;
    const id = `sub_fake${++this.counter}`;
    const subscription: Json = {
      resource: 'subscription',
      id,
      mode: 'test',
      createdAt: '2026-09-27T10:04:00+00:00',
      status: 'active',
      amount: body.amount,
      description: body.description,
      method: body.method ?? null,
      times: body.times ?? null,
      interval: body.interval,
      startDate: body.startDate,
      webhookUrl: body.webhookUrl ?? null,
      metadata: body.metadata ?? null,
      customerId,
      ...(body.mandateId ? { mandateId: body.mandateId } : {}),
      _links: {
        self: link(`${MOLLIE_API}/v2/customers/${customerId}/subscriptions/${id}`),
        customer: link(`${MOLLIE_API}/v2/customers/${customerId}`),
        documentation: docs('subscriptions-api/create-subscription'),
      },
    };
    this.subscriptions.set(id, subscription);
    if (idempotencyKey) this.byKey.set(idempotencyKey, subscription);
    return subscription;
  }
}

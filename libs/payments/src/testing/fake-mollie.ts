import type { WebhookDelivery } from '../payment-provider';
import { nock } from './nock';

export const MOLLIE_API = 'https://api.mollie.com';

type MolliePayment = Record<string, unknown> & {
  id: string;
  status: string;
  _embedded: { refunds: Record<string, unknown>[]; chargebacks: Record<string, unknown>[] };
};

/** A reply as Mollie gives it: HAL JSON (a reply function's plain object would not be typed as JSON). */
const json = (status: number, body: unknown): [number, string, Record<string, string>] => [
  status,
  JSON.stringify(body),
  { 'content-type': 'application/hal+json' },
];
const parsed = (body: unknown): Record<string, unknown> =>
  (typeof body === 'string' ? JSON.parse(body || '{}') : (body ?? {})) as Record<string, unknown>;

const centsToValue = (cents: number) => `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;

/**
 * A scripted Mollie behind nock, for the real `@mollie/api-client`: payments it creates (the same one again for the
 * same idempotency key), payments a test marks paid, refunds embedded in their payment, and webhook bodies
 * (`id=tr_…`; Mollie signs nothing, the adapter re-fetches). Real network stays off, local connections (the
 * platform under supertest) are let through. `stop()` takes nock out again.
 */
export class FakeMollie {
  readonly apiKey = 'test_fakeMollieKeyOfThirtyCharsXX';
  /** Every request the client sent: method, path and idempotency key. */
  readonly requests: { method: string; path: string; idempotencyKey?: string; body?: Record<string, unknown> }[] = [];
  private readonly payments = new Map<string, MolliePayment>();
  private readonly subscriptions = new Map<string, Record<string, unknown>>();
  private readonly byKey = new Map<string, unknown>();
  private counter = 0;

  private constructor() {}

  static start(): FakeMollie {
    const fake = new FakeMollie();
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/);
    // nock 15 hands fetch's Request (from Node's realm, not Jest's) to reply functions: what a request sent is
    // caught by matchers instead, and paths are matched by functions (a Jest-realm RegExp is not one to nock)
    const sent: { path: string; body: Record<string, unknown>; idempotencyKey?: string } = { path: '', body: {} };
    const matching = (pattern: RegExp) => (path: string) => {
      if (!pattern.test(path)) return false;
      sent.path = path;
      return true;
    };
    const keep = (body: unknown) => {
      sent.body = parsed(body);
      return true;
    };
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
      .reply(() => json(201, fake.createPayment(sent.body, sent.idempotencyKey)))
      .post(matching(/^\/v2\/payments\/tr_\w+\/refunds$/), keep)
      .reply(() => json(201, fake.createRefund(sent.path, sent.body, sent.idempotencyKey)))
      .post(matching(/^\/v2\/customers$/), keep)
      .reply(() => {
        fake.requests.push({
          method: 'POST',
          path: '/v2/customers',
          body: sent.body,
          ...(sent.idempotencyKey ? { idempotencyKey: sent.idempotencyKey } : {}),
        });
        return json(201, { resource: 'customer', id: `cst_fake_${++fake.counter}`, mode: 'test', _links: {} });
      })
      .post(matching(/^\/v2\/customers\/cst_\w+\/subscriptions$/), keep)
      .reply(() => json(201, fake.createSubscription(sent.path, sent.body, sent.idempotencyKey)))
      .delete(matching(/^\/v2\/customers\/cst_\w+\/subscriptions\/sub_\w+(\?.*)?$/))
      .reply(() => {
        const id = /\/subscriptions\/(sub_\w+)/.exec(sent.path)?.[1] ?? '';
        fake.requests.push({
          method: 'DELETE',
          path: sent.path,
          ...(sent.idempotencyKey ? { idempotencyKey: sent.idempotencyKey } : {}),
        });
        const subscription = fake.subscriptions.get(id);
        if (!subscription) return json(404, { status: 404, title: 'Not Found', detail: `No subscription ${id}.` });
        if (subscription.status !== 'canceled') {
          Object.assign(subscription, { status: 'canceled', canceledAt: '2026-10-15T09:00:00+00:00' });
        }
        return json(200, subscription);
      });
    nock(MOLLIE_API)
      .persist()
      .get(matching(/^\/v2\/customers\/cst_\w+\/subscriptions\/sub_\w+\/payments(\?.*)?$/))
      .reply(() => {
        const id = /\/subscriptions\/(sub_\w+)/.exec(sent.path)?.[1] ?? '';
        fake.requests.push({ method: 'GET', path: sent.path });
        const payments = [...fake.payments.values()].filter((payment) => payment.subscriptionId === id);
        return json(200, fake.list('payments', payments));
      })
      .get(matching(/^\/v2\/customers\/cst_\w+\/subscriptions\/sub_\w+(\?.*)?$/))
      .reply(() => {
        const id = /\/subscriptions\/(sub_\w+)/.exec(sent.path)?.[1] ?? '';
        fake.requests.push({ method: 'GET', path: sent.path });
        const subscription = fake.subscriptions.get(id);
        return subscription
          ? json(200, subscription)
          : json(404, { status: 404, title: 'Not Found', detail: `No subscription ${id}.` });
      })
      .get(matching(/^\/v2\/customers\/cst_\w+\/subscriptions(\?.*)?$/))
      .reply(() => {
        const customerId = /\/customers\/(cst_\w+)/.exec(sent.path)?.[1] ?? '';
        fake.requests.push({ method: 'GET', path: sent.path });
        const ofCustomer = [...fake.subscriptions.values()].filter((sub) => sub.customerId === customerId);
        return json(200, fake.list('subscriptions', ofCustomer));
      })
      .get(matching(/^\/v2\/payments\/tr_\w+/))
      .reply(() => {
        const id = /\/v2\/payments\/(tr_\w+)/.exec(sent.path)?.[1] ?? '';
        fake.requests.push({ method: 'GET', path: sent.path });
        const payment = fake.payments.get(id);
        return payment
          ? json(200, payment)
          : json(404, { status: 404, title: 'Not Found', detail: `No payment exists with token ${id}.` });
      });
    return fake;
  }

  stop(): void {
    nock.cleanAll();
    nock.enableNetConnect();
    nock.restore();
  }

  payment(id: string): MolliePayment {
    const payment = this.payments.get(id);
    if (!payment) throw new Error(`fake Mollie: no payment ${id}`);
    return payment;
  }

  markPaid(paymentId: string): void {
    Object.assign(this.payment(paymentId), {
      status: 'paid',
      paidAt: '2026-09-27T10:03:00+00:00',
      method: 'bancontact',
      isCancelable: false,
      amountRemaining: this.payment(paymentId).amount,
      // a first payment of a customer makes the mandate later months are charged on
      ...(this.payment(paymentId).sequenceType === 'first' ? { mandateId: `mdt_fake_${paymentId}` } : {}),
    });
  }

  /** A subscription this fake holds, as Mollie has it now. */
  subscription(id: string): Record<string, unknown> {
    const subscription = this.subscriptions.get(id);
    if (!subscription) throw new Error(`fake Mollie: no subscription ${id}`);
    return subscription;
  }

  /** The subscription started for a customer (undefined before any). */
  subscriptionOfCustomer(customerId: string): Record<string, unknown> | undefined {
    return [...this.subscriptions.values()].find((subscription) => subscription.customerId === customerId);
  }

  /**
   * Mollie charges a subscription's month: a new `recurring` payment, already paid, carrying no metadata of its
   * own (the adapter finds our reference on the subscription). Its webhook is `webhook(id)`.
   */
  chargeMonth(subscriptionId: string, status: 'paid' | 'failed' = 'paid'): string {
    const subscription = this.subscription(subscriptionId);
    const id = `tr_fake${++this.counter}`;
    this.payments.set(id, {
      resource: 'payment',
      id,
      mode: 'test',
      createdAt: '2026-10-27T06:00:00+00:00',
      status,
      isCancelable: false,
      amount: subscription.amount,
      description: subscription.description,
      method: 'directdebit',
      metadata: null,
      sequenceType: 'recurring',
      customerId: subscription.customerId,
      subscriptionId,
      mandateId: subscription.mandateId,
      profileId: 'pfl_fake',
      ...(status === 'paid'
        ? { paidAt: `2026-10-27T06:${String(this.counter % 60).padStart(2, '0')}:00+00:00` }
        : { failedAt: '2026-10-27T06:00:00+00:00', details: { failureReason: 'insufficient_funds' } }),
      webhookUrl: subscription.webhookUrl,
      _embedded: { refunds: [], chargebacks: [] },
      _links: { self: { href: `${MOLLIE_API}/v2/payments/${id}`, type: 'application/hal+json' } },
    });
    return id;
  }

  /** The payer's bank refused the payment (Mollie: `failed`, with its reason in `details`). */
  markFailed(paymentId: string, failureReason = 'insufficient_funds', message = 'Insufficient funds'): void {
    Object.assign(this.payment(paymentId), {
      status: 'failed',
      failedAt: '2026-09-27T10:03:00+00:00',
      details: { failureReason, failureMessage: message },
    });
  }

  /** The payer never finished: Mollie expires the payment. */
  markExpired(paymentId: string): void {
    Object.assign(this.payment(paymentId), { status: 'expired', expiredAt: '2026-09-27T10:15:00+00:00' });
  }

  /** Mollie's fee becomes known: the settlement amount is the payment's amount minus the fee. */
  setFee(paymentId: string, feeCents: number): void {
    const payment = this.payment(paymentId);
    const [whole, part = ''] = (payment.amount as { value: string }).value.split('.');
    const amountCents = Number(whole) * 100 + Number(part.padEnd(2, '0'));
    payment.settlementAmount = { currency: 'EUR', value: centsToValue(amountCents - feeCents) };
  }

  /** A refund asked through the API goes through (Mollie: `pending` becomes `refunded`, embedded in its payment). */
  confirmRefund(refundId: string): void {
    const refund = [...this.byKey.values()].find(
      (value) => (value as { resource?: string }).resource === 'refund' && (value as { id?: string }).id === refundId,
    ) as Record<string, unknown> | undefined;
    if (!refund) throw new Error(`fake Mollie: no refund ${refundId}`);
    refund.status = 'refunded';
    const payment = this.payment(String(refund.paymentId));
    if (!payment._embedded.refunds.some((known) => known.id === refundId)) payment._embedded.refunds.push(refund);
    payment.amountRefunded = { currency: 'EUR', value: centsToValue(this.refundedCents(payment)) };
  }

  list(name: string, items: unknown[]) {
    return {
      count: items.length,
      _embedded: { [name]: items },
      _links: { self: { href: `${MOLLIE_API}/v2/${name}`, type: 'application/hal+json' }, previous: null, next: null },
    };
  }

  private createSubscription(path: string, body: Record<string, unknown>, idempotencyKey?: string) {
    this.requests.push({
      method: 'POST',
      path,
      body,
      ...(idempotencyKey ? { idempotencyKey } : {}),
    });
    const existing = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
    if (existing) return existing;
    const customerId = /\/customers\/(cst_\w+)\//.exec(path)?.[1] ?? '';
    const id = `sub_fake${++this.counter}`;
    const subscription = {
      resource: 'subscription',
      id,
      mode: 'test',
      status: 'active',
      amount: body.amount,
      times: null,
      interval: body.interval,
      startDate: body.startDate,
      description: body.description,
      method: null,
      createdAt: '2026-09-27T10:04:00+00:00',
      webhookUrl: body.webhookUrl,
      metadata: body.metadata ?? null,
      customerId,
      mandateId: body.mandateId ?? null,
      _links: {
        self: { href: `${MOLLIE_API}/v2/customers/${customerId}/subscriptions/${id}`, type: 'application/hal+json' },
      },
    };
    this.subscriptions.set(id, subscription);
    if (idempotencyKey) this.byKey.set(idempotencyKey, subscription);
    return subscription;
  }

  /** A refund that went through (Mollie: `refunded`), embedded in its payment, which stays `paid`. */
  addRefund(paymentId: string, amountCents: number): string {
    const payment = this.payment(paymentId);
    const refund = this.refund(paymentId, amountCents, 'refunded');
    payment._embedded.refunds.push(refund);
    payment.amountRefunded = { currency: 'EUR', value: centsToValue(this.refundedCents(payment)) };
    return refund.id;
  }

  /** A charge-back by the payer's bank, embedded in its payment, which stays `paid`. */
  addChargeback(paymentId: string, amountCents: number): string {
    const payment = this.payment(paymentId);
    const chargeback = {
      resource: 'chargeback',
      id: `chb_fake${++this.counter}`,
      amount: { currency: 'EUR', value: centsToValue(amountCents) },
      createdAt: '2026-09-27T13:00:00+00:00',
      reversedAt: null,
      paymentId,
      _links: {},
    };
    payment._embedded.chargebacks.push(chargeback);
    payment.amountChargedBack = chargeback.amount;
    return chargeback.id;
  }

  /** What Mollie posts to the webhook URL. */
  webhook(paymentId: string): WebhookDelivery {
    return {
      rawBody: Buffer.from(`id=${encodeURIComponent(paymentId)}`),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    };
  }

  private createPayment(body: Record<string, unknown>, idempotencyKey?: string) {
    this.requests.push({ method: 'POST', path: '/v2/payments', ...(idempotencyKey ? { idempotencyKey } : {}) });
    const existing = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
    if (existing) return existing;
    const id = `tr_fake${++this.counter}`;
    const checkout = `https://www.mollie.com/checkout/select-method/${id}`;
    const payment: MolliePayment = {
      resource: 'payment',
      id,
      mode: 'test',
      createdAt: '2026-09-27T10:00:00+00:00',
      status: 'open',
      isCancelable: false,
      amount: body.amount,
      description: body.description,
      method: body.method ?? null,
      metadata: body.metadata ?? null,
      locale: 'nl_BE',
      profileId: 'pfl_fake',
      sequenceType: body.sequenceType ?? 'oneoff',
      ...(body.customerId ? { customerId: body.customerId } : {}),
      redirectUrl: body.redirectUrl,
      webhookUrl: body.webhookUrl,
      _embedded: { refunds: [], chargebacks: [] },
      _links: {
        self: { href: `${MOLLIE_API}/v2/payments/${id}`, type: 'application/hal+json' },
        checkout: { href: checkout, type: 'text/html' },
      },
    };
    this.payments.set(id, payment);
    if (idempotencyKey) this.byKey.set(idempotencyKey, payment);
    return payment;
  }

  private createRefund(uri: string, body: Record<string, unknown>, idempotencyKey?: string) {
    this.requests.push({ method: 'POST', path: uri, ...(idempotencyKey ? { idempotencyKey } : {}) });
    const existing = idempotencyKey ? this.byKey.get(idempotencyKey) : undefined;
    if (existing) return existing;
    const paymentId = /\/v2\/payments\/(tr_\w+)\//.exec(uri)?.[1] ?? '';
    const value = (body.amount as { value: string }).value;
    const [whole, part = ''] = value.split('.');
    const refund = this.refund(paymentId, Number(whole) * 100 + Number(part.padEnd(2, '0')), 'pending');
    if (idempotencyKey) this.byKey.set(idempotencyKey, refund);
    return refund;
  }

  private refund(paymentId: string, amountCents: number, status: string) {
    return {
      resource: 'refund',
      id: `re_fake${++this.counter}`,
      mode: 'test',
      amount: { currency: 'EUR', value: centsToValue(amountCents) },
      description: '',
      metadata: null,
      status,
      paymentId,
      createdAt: '2026-09-27T12:00:00+00:00',
      _links: {},
    };
  }

  private refundedCents(payment: MolliePayment): number {
    return payment._embedded.refunds
      .map((refund) => (refund.amount as { value: string }).value.replace('.', ''))
      .reduce((sum, cents) => sum + Number(cents), 0);
  }
}

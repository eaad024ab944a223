import { describeWithReferences, readReferenceJson } from '../../../../test/support/references';
import { FakeMollie, MOLLIE_API } from './fake-mollie';

type Json = Record<string, unknown>;

/** Mollie's own answers, from the unit tests of its Node client (sources and licence in the README beside that file). */
const reference = () =>
  readReferenceJson<{ payloads: Record<string, { body: Json }> }>('payments/mollie-api-node-test-payloads.json')
    .payloads;
/** The first item of a list payload of the reference. */
const firstOf = (payload: string, name: string) => {
  const items = (reference()[payload]?.body._embedded as Record<string, Json[]> | undefined)?.[name];
  if (!items?.[0]) throw new Error(`the reference has no ${name} in ${payload}`);
  return items[0];
};

interface ShapeRules {
  /** Keys the fake may add, each a field of the client's own types that the 2018 test payload happens to lack. */
  extra?: string[];
  /** Keys the fake may answer `null` where the reference has a value (optional input the adapter never sends). */
  nullable?: string[];
}

const kind = (value: unknown) => (value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value);

/**
 * Where `actual` does not have the shape of `expected`, recursively: every key of the reference is there with a
 * value of the same JSON type, no key is added unless allowed, array items have the shape of the reference's first.
 * A `null` in the reference (a field it left empty) admits any value; `metadata` is the merchant's own JSON.
 */
function shapeDifferences(actual: unknown, expected: unknown, rules: ShapeRules, path = '$'): string[] {
  const key = path.split('.').at(-1) ?? '';
  if (expected === null) return [];
  if (actual === null && rules.nullable?.includes(key)) return [];
  if (kind(actual) !== kind(expected)) return [`${path}: ${kind(actual)} where Mollie has ${kind(expected)}`];
  if (key === 'metadata') return [];
  if (Array.isArray(expected)) {
    const [model] = expected;
    if (model === undefined) return [];
    return (actual as unknown[]).flatMap((item, i) => shapeDifferences(item, model, rules, `${path}[${i}]`));
  }
  if (kind(expected) !== 'object') return [];
  const have = actual as Json;
  const want = expected as Json;
  return [
    ...Object.keys(want).flatMap((name) =>
      name in have ? shapeDifferences(have[name], want[name], rules, `${path}.${name}`) : [`${path}.${name}: missing`],
    ),
    ...Object.keys(have)
      .filter((name) => !(name in want) && !rules.extra?.includes(name))
      .map((name) => `${path}.${name}: not in Mollie's payload`),
  ];
}

/** A request to the fake as the client makes it, answered as raw JSON. */
async function call(method: string, path: string, body?: Json, idempotencyKey?: string): Promise<Json> {
  const response = await fetch(`${MOLLIE_API}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  expect(response.headers.get('content-type')).toBe('application/hal+json');
  return (await response.json()) as Json;
}

/** A payment: the ids of its customer, mandate and subscription, its charged-back sum and its embeds may be added. */
const PAYMENT: ShapeRules = {
  extra: ['customerId', 'mandateId', 'subscriptionId', 'amountChargedBack', '_embedded'],
  // the adapter sends no cancelUrl: Mollie then has none
  nullable: ['cancelUrl'],
};

describeWithReferences('fake Mollie answers in the shapes of Mollie’s own payloads', () => {
  let fake: FakeMollie;
  beforeEach(() => {
    fake = FakeMollie.start();
  });
  afterEach(() => fake.stop());

  const newPayment = (extra: Json = {}, key = 'rw-checkout-shape') =>
    call(
      'POST',
      '/v2/payments',
      {
        amount: { currency: 'EUR', value: '20.00' },
        description: 'Gift to the Refugee Walk',
        redirectUrl: 'https://walk.example.org/donations/d/result',
        webhookUrl: 'https://walk.example.org/api/webhooks/mollie',
        metadata: { rw_reference: 'don-shape' },
        ...extra,
      },
      key,
    );

  it('tells a drift: a value of another type, a missing key, an added key', () => {
    expect(shapeDifferences({ a: '1', b: { c: 2 }, d: 3 }, { a: 'x', b: { c: 'y' }, e: null }, {})).toEqual([
      '$.b.c: number where Mollie has string',
      '$.e: missing',
      "$.d: not in Mollie's payload",
    ]);
  });

  it('answers a created payment, then the paid one, as Mollie does', async () => {
    const created = await newPayment();
    expect(shapeDifferences(created, reference().payment_create_response?.body, PAYMENT)).toEqual([]);
    // metadata comes back exactly as sent
    expect(created.metadata).toEqual({ rw_reference: 'don-shape' });

    fake.markPaid(String(created.id));
    const paid = await call('GET', `/v2/payments/${created.id}`);
    expect(shapeDifferences(paid, reference().payment_get?.body, PAYMENT)).toEqual([]);
    expect(
      shapeDifferences(paid, reference().payment_oneoff_paid_ideal?.body, { ...PAYMENT, extra: ['paidAt'] }),
    ).toEqual([]);
    // as in Mollie's paid EUR payments: the settlement amount is the amount, no fee taken off
    expect(paid.settlementAmount).toEqual(paid.amount);
  });

  it('answers a refund as Mollie does, when asked and once it went through (embedded in its payment)', async () => {
    const payment = await newPayment();
    fake.markPaid(String(payment.id));
    const asked = await call(
      'POST',
      `/v2/payments/${payment.id}/refunds`,
      { amount: { currency: 'EUR', value: '2.00' }, metadata: { rw_reference: 'don-shape' } },
      'rw-refund-shape',
    );
    expect(shapeDifferences(asked, reference().refund_create_response?.body, { extra: ['metadata'] })).toEqual([]);
    fake.confirmRefund(String(asked.id));
    const paid = await call('GET', `/v2/payments/${payment.id}?embed=refunds`);
    const listed = firstOf('refunds_list', 'refunds');
    const refunds = (paid._embedded as { refunds: Json[] }).refunds;
    expect(refunds).toHaveLength(1);
    expect(shapeDifferences(refunds[0], listed, { extra: ['metadata'] })).toEqual([]);
    expect(shapeDifferences(paid, reference().payment_get?.body, PAYMENT)).toEqual([]);
    expect(paid.amountRefunded).toEqual({ value: '2.00', currency: 'EUR' });
  });

  it('answers chargebacks as Mollie does: negative amounts, summed in amountChargedBack, reversedAt once reversed', async () => {
    const payment = await newPayment();
    const id = String(payment.id);
    fake.markPaid(id);
    const first = fake.addChargeback(id, 13_00);
    fake.addChargeback(id, 37);
    fake.reverseChargeback(id, first, '2026-10-20T09:00:00+00:00');
    const answered = await call('GET', `/v2/payments/${id}?embed=refunds%2Cchargebacks`);
    const model = firstOf('chargebacks_list', 'chargebacks');
    const chargebacks = (answered._embedded as { chargebacks: Json[] }).chargebacks;
    expect(chargebacks).toHaveLength(2);
    for (const chargeback of chargebacks) {
      expect(shapeDifferences(chargeback, model, { extra: ['reversedAt'] })).toEqual([]);
    }
    expect(chargebacks.map((chargeback) => [chargeback.amount, chargeback.reversedAt])).toEqual([
      [{ value: '-13.00', currency: 'EUR' }, '2026-10-20T09:00:00+00:00'],
      [{ value: '-0.37', currency: 'EUR' }, undefined],
    ]);
    expect(answered.amountChargedBack).toEqual({ value: '13.37', currency: 'EUR' });
    expect(answered.status).toBe('paid');
    expect(shapeDifferences(answered, reference().payment_get?.body, PAYMENT)).toEqual([]);
  });

  it('answers a customer, a subscription (active, suspended, canceled) and its recurring payments as Mollie does', async () => {
    const customer = await call('POST', '/v2/customers', { metadata: { rw_reference: 'don-m' } }, 'rw-customer');
    expect(
      shapeDifferences(customer, reference().customer_create_response?.body, { nullable: ['name', 'email'] }),
    ).toEqual([]);
    const first = await newPayment({ customerId: customer.id, sequenceType: 'first' }, 'rw-first');
    expect(shapeDifferences(first, reference().payment_create_response?.body, PAYMENT)).toEqual([]);
    fake.markPaid(String(first.id));
    const paidFirst = await call('GET', `/v2/payments/${first.id}`);
    expect(shapeDifferences(paidFirst, reference().payment_get?.body, PAYMENT)).toEqual([]);

    const subscriptionRules = { extra: ['metadata', 'customerId', 'mandateId'] };
    const subscription = await call(
      'POST',
      `/v2/customers/${customer.id}/subscriptions`,
      {
        amount: { currency: 'EUR', value: '10.00' },
        interval: '1 month',
        startDate: '2026-10-27',
        description: 'Monthly gift',
        webhookUrl: 'https://walk.example.org/api/webhooks/mollie',
        mandateId: paidFirst.mandateId,
        metadata: { rw_reference: 'don-m' },
      },
      'rw-subscription',
    );
    expect(subscription.status).toBe('active');
    expect(shapeDifferences(subscription, reference().subscription_create_response?.body, subscriptionRules)).toEqual(
      [],
    );

    fake.chargeMonth(String(subscription.id));
    fake.chargeMonth(String(subscription.id), 'failed');
    const listed = await call('GET', `/v2/customers/${customer.id}/subscriptions/${subscription.id}/payments`);
    const mollieList = reference().subscription_payments_list_recurring_directdebit?.body as Json;
    expect(
      // a charge states when it was paid (and what of it is refundable) or when it failed, and why (its bank's code)
      shapeDifferences(listed, mollieList, {
        extra: ['paidAt', 'amountRefunded', 'amountRemaining', 'failedAt', 'bankReasonCode', 'bankReason'],
      }),
    ).toEqual([]);
    const charges = (listed._embedded as { payments: Json[] }).payments;
    expect(charges.map((charge) => [charge.status, charge.redirectUrl, (charge._links as Json).checkout])).toEqual([
      ['paid', null, null],
      ['failed', null, null],
    ]);
    // Mollie makes a subscription's payments without metadata of their own
    expect(charges.map((charge) => charge.metadata)).toEqual([null, null]);

    fake.suspendSubscription(String(subscription.id));
    const suspended = await call('GET', `/v2/customers/${customer.id}/subscriptions/${subscription.id}`);
    expect(suspended.status).toBe('suspended');
    expect(shapeDifferences(suspended, reference().subscription_create_response?.body, subscriptionRules)).toEqual([]);

    const canceled = await call('DELETE', `/v2/customers/${customer.id}/subscriptions/${subscription.id}`);
    expect(canceled.status).toBe('canceled');
    expect(shapeDifferences(canceled, reference().subscription_cancel_response?.body, subscriptionRules)).toEqual([]);
  });
});

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type Stripe from 'stripe';
import { describeWithReferences, readReferenceJson } from '../../../../test/support/references';
import { FakeStripe } from './fake-stripe';

/**
 * The fake answers as Stripe does, or the adapter's tests prove nothing. Every object the fake sends (through the
 * real SDK) is compared with two outside sources: the `stripe` SDK's generated types for the pinned API version
 * (which fields exist, which are always there, which may be null) and Stripe's own fixture of the same object type
 * in the reference file `payments/stripe-fixtures3-subset.json`, kept outside the repository (see
 * `test/support/references.ts`; each value's type, recursively). A field the fake invents, leaves out, or gives
 * another type fails here.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

// ------------------------------------------------------------------ the SDK's generated types, read as text

interface Field {
  optional: boolean;
  type: string;
}
interface Declared {
  /** The interface's full dotted name (`PaymentIntent.LastPaymentError`). */
  name: string;
  fields: Map<string, Field>;
}

/** Every interface of one of the SDK's resource declaration files, by full dotted name, with its fields. */
function declarationsOf(file: string): Map<string, Declared> {
  const found = new Map<string, Declared>();
  const stack: { indent: number; name: string; declared?: Declared }[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const opened = /^(\s*)(?:export )?(?:declare )?(namespace|interface) (\w+)(?: extends [^{]+)? \{$/.exec(line);
    if (opened) {
      const indent = opened[1]?.length ?? 0;
      const name = [...stack.map((scope) => scope.name), opened[3]].join('.');
      const declared = opened[2] === 'interface' ? { name, fields: new Map<string, Field>() } : undefined;
      if (declared) found.set(name, declared);
      stack.push({ indent, name: opened[3] ?? '', declared });
      continue;
    }
    const top = stack[stack.length - 1];
    if (!top) continue;
    const closed = /^(\s*)\}$/.exec(line);
    if (closed && (closed[1]?.length ?? 0) === top.indent) {
      stack.pop();
      continue;
    }
    const field = /^(\s*)(\w+)(\?)?: (.+);$/.exec(line);
    if (field && top.declared && (field[1]?.length ?? 0) === top.indent + 4) {
      top.declared.fields.set(field[2] ?? '', { optional: field[3] === '?', type: field[4] ?? '' });
    }
  }
  return found;
}

/** Where each object type is declared in the SDK. */
const DECLARED_IN: Record<string, [file: string, name: string]> = {
  'checkout.session': ['Checkout/Sessions', 'Session'],
  payment_intent: ['PaymentIntents', 'PaymentIntent'],
  charge: ['Charges', 'Charge'],
  dispute: ['Disputes', 'Dispute'],
  refund: ['Refunds', 'Refund'],
  invoice: ['Invoices', 'Invoice'],
  invoice_payment: ['InvoicePayments', 'InvoicePayment'],
  subscription: ['Subscriptions', 'Subscription'],
  balance_transaction: ['BalanceTransactions', 'BalanceTransaction'],
  event: ['Events', 'EventBase'],
};
const OBJECT_TYPES = Object.keys(DECLARED_IN);

const sdkResources = join(dirname(require.resolve('stripe')), 'resources');
const declarations = new Map(
  Object.entries(DECLARED_IN).map(([type, [file]]) => [type, declarationsOf(join(sdkResources, `${file}.d.ts`))]),
);

/** The interface a field's type names (`Dispute.Evidence`), looked up from the scope it is written in. */
function declaredType(all: Map<string, Declared>, within: Declared, field: Field | undefined): Declared | undefined {
  if (!field) return undefined;
  const named = field.type
    .split(' | ')
    .map((member) => /^Array<(.+)>$/.exec(member)?.[1] ?? member)
    .find((member) => /^[A-Z][\w.]*$/.test(member));
  if (!named) return undefined;
  const scopes = within.name.split('.').slice(0, -1);
  for (let depth = scopes.length; depth >= 0; depth--) {
    const candidate = all.get([...scopes.slice(0, depth), named].join('.'));
    if (candidate) return candidate;
  }
  return undefined;
}

// ------------------------------------------------------------------ the comparison

const kind = (value: Json): string =>
  value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value === 'object' ? 'object' : typeof value;
const isObject = (value: Json | undefined): value is JsonObject => kind(value ?? null) === 'object';

/**
 * The differences between a fake value and Stripe's (empty when it has Stripe's shape). `reference`: the fixture's
 * value at the same place when there is one; `sdk`: the interface the generated types declare for the value (or
 * for each element of an array) when known; `field`: the field's declaration it is the value of.
 */
function shapeProblems(
  fixtures: Record<string, JsonObject>,
  path: string,
  fake: Json,
  reference: Json | undefined,
  sdk: { all: Map<string, Declared>; declared: Declared } | undefined,
  field?: Field,
): string[] {
  // an expanded reference, an includable list or a list of Stripe objects: compared with Stripe's own type
  if (isObject(fake) && typeof fake.object === 'string') {
    if (fake.object === 'list') return listProblems(fixtures, path, fake, reference);
    if (OBJECT_TYPES.includes(fake.object) && (!isObject(reference) || reference.object !== fake.object)) {
      // Stripe's value there is an id (expandable), absent (includable) or another object (an event's data)
      if (reference !== undefined && reference !== null && typeof reference !== 'string' && !isObject(reference)) {
        return [`${path}: an expanded ${fake.object} where Stripe has a ${kind(reference)}`];
      }
      return objectProblems(fixtures, path, fake);
    }
  }
  if (fake === null) {
    const nullable = reference === null || (field?.type.split(' | ').includes('null') ?? false);
    return nullable ? [] : [`${path}: null where Stripe has ${kind(reference ?? null)} (${field?.type ?? 'no type'})`];
  }
  if (reference !== undefined && reference !== null && kind(reference) !== kind(fake)) {
    return [`${path}: ${kind(fake)} where Stripe has ${kind(reference)}`];
  }
  if (field && (typeof fake === 'number' || typeof fake === 'boolean') && !field.type.includes(typeof fake)) {
    return [`${path}: ${typeof fake} where the SDK declares ${field.type}`];
  }
  if (Array.isArray(fake)) {
    const element = Array.isArray(reference) ? reference[0] : undefined;
    return fake.flatMap((item, i) => shapeProblems(fixtures, `${path}[${i}]`, item, element, sdk));
  }
  if (!isObject(fake)) return [];
  // metadata: the keys are ours
  if (path.endsWith('.metadata')) {
    return Object.entries(fake)
      .filter(([, value]) => typeof value !== 'string')
      .map(([key]) => `${path}.${key}: metadata values are strings`);
  }
  return fieldsProblems(fixtures, path, fake, isObject(reference) ? reference : undefined, sdk);
}

function fieldsProblems(
  fixtures: Record<string, JsonObject>,
  path: string,
  fake: JsonObject,
  reference: JsonObject | undefined,
  sdk: { all: Map<string, Declared>; declared: Declared } | undefined,
): string[] {
  return Object.entries(fake).flatMap(([key, value]) => {
    const field = sdk?.declared.fields.get(key);
    // where the SDK declares the object, its fields decide (the fixture is older); elsewhere the fixture does
    if (sdk ? !field : !(reference && key in reference)) {
      return [`${path}.${key}: a field Stripe does not have`];
    }
    const declared = sdk ? declaredType(sdk.all, sdk.declared, field) : undefined;
    const own = sdk && declared ? { all: sdk.all, declared } : undefined;
    return shapeProblems(fixtures, `${path}.${key}`, value, reference?.[key], own, field);
  });
}

/** A Stripe object at the top of its type: every field the pinned types always carry, none they lack. */
function objectProblems(fixtures: Record<string, JsonObject>, path: string, fake: JsonObject): string[] {
  const type = String(fake.object);
  const [, name] = DECLARED_IN[type] ?? [];
  const all = declarations.get(type);
  const declared = name ? all?.get(name) : undefined;
  if (!all || !declared) return [`${path}: no declaration of ${type} in the SDK`];
  const missing = [...declared.fields]
    .filter(([key, field]) => !field.optional && !(key in fake))
    .map(([key]) => `${path}.${key}: missing (the SDK always has it on a ${type})`);
  return [...missing, ...fieldsProblems(fixtures, `${path}<${type}>`, fake, fixtures[type], { all, declared })];
}

function listProblems(
  fixtures: Record<string, JsonObject>,
  path: string,
  fake: JsonObject,
  reference: Json | undefined,
): string[] {
  const keys = Object.keys(fake).sort();
  const problems = keys.join() === 'data,has_more,object,url' ? [] : [`${path}: a list with ${keys.join()}`];
  const element = isObject(reference) && Array.isArray(reference.data) ? reference.data[0] : undefined;
  const items = Array.isArray(fake.data) ? fake.data : [];
  return [
    ...problems,
    ...items.flatMap((item, i) => shapeProblems(fixtures, `${path}.data[${i}]`, item, element, undefined)),
  ];
}

// ------------------------------------------------------------------ the tests

const oneOff = (reference: string, amountCents: number): Stripe.Checkout.SessionCreateParams => ({
  mode: 'payment',
  client_reference_id: reference,
  metadata: { rw_reference: reference },
  line_items: [
    { quantity: 1, price_data: { currency: 'eur', unit_amount: amountCents, product_data: { name: 'Gift' } } },
  ],
  payment_intent_data: { metadata: { rw_reference: reference } },
  success_url: 'https://walk.example.org/result',
  cancel_url: 'https://walk.example.org/result',
});
const monthly = (reference: string, amountCents: number): Stripe.Checkout.SessionCreateParams => ({
  mode: 'subscription',
  client_reference_id: reference,
  metadata: { rw_reference: reference },
  line_items: [
    {
      quantity: 1,
      price_data: {
        currency: 'eur',
        unit_amount: amountCents,
        product_data: { name: 'Gift' },
        recurring: { interval: 'month' },
      },
    },
  ],
  subscription_data: { metadata: { rw_reference: reference } },
  success_url: 'https://walk.example.org/result',
  cancel_url: 'https://walk.example.org/result',
});

describe('fake Stripe: objects as Stripe sends them', () => {
  let fake: FakeStripe;
  let stripe: Stripe;
  beforeEach(async () => {
    fake = await FakeStripe.start();
    stripe = fake.client;
  });
  afterEach(() => fake.stop());

  it('collapses references to ids unless expanded, and includes invoice.payments only when asked', async () => {
    const session = await stripe.checkout.sessions.create(oneOff('don-1', 25_00), { idempotencyKey: 'k-1' });
    const { paymentIntentId, chargeId } = fake.markPaid(session.id);
    fake.setFee(chargeId, 63);
    const collapsed = await stripe.paymentIntents.retrieve(paymentIntentId);
    expect(collapsed.latest_charge).toBe(chargeId);
    const expanded = await stripe.paymentIntents.retrieve(paymentIntentId, {
      expand: ['latest_charge.balance_transaction'],
    });
    const charge = expanded.latest_charge as Stripe.Charge;
    expect(charge.id).toBe(chargeId);
    expect(charge.payment_intent).toBe(paymentIntentId);
    expect((charge.balance_transaction as Stripe.BalanceTransaction).fee).toBe(63);
    expect((await stripe.checkout.sessions.retrieve(session.id)).payment_intent).toBe(paymentIntentId);

    const subscriptionSession = await stripe.checkout.sessions.create(monthly('don-2', 10_00));
    const { invoiceId } = fake.startSubscription(subscriptionSession.id);
    const plain = await stripe.invoices.retrieve(invoiceId);
    expect('payments' in plain).toBe(false);
    expect(plain.parent?.subscription_details?.subscription).toEqual(expect.stringMatching(/^sub_/));
    const withPayments = await stripe.invoices.retrieve(invoiceId, { expand: ['payments'] });
    expect(withPayments.payments?.data).toEqual([
      expect.objectContaining({ object: 'invoice_payment', invoice: invoiceId, status: 'paid' }),
    ]);
  });

  it('keeps a session open after a declined card, and pays the same payment intent on the next attempt', async () => {
    const session = await stripe.checkout.sessions.create(oneOff('don-3', 25_00));
    const declined = fake.decline(session.id, 'insufficient_funds');
    const afterDecline = await stripe.checkout.sessions.retrieve(session.id);
    expect(afterDecline).toMatchObject({
      status: 'open',
      payment_status: 'unpaid',
      payment_intent: declined.paymentIntentId,
    });
    const intent = await stripe.paymentIntents.retrieve(declined.paymentIntentId);
    expect(intent.status).toBe('requires_payment_method');
    expect(intent.last_payment_error).toMatchObject({
      decline_code: 'insufficient_funds',
      message: 'Your card has insufficient funds.',
      charge: declined.chargeId,
    });
    const paid = fake.markPaid(session.id);
    expect(paid.paymentIntentId).toBe(declined.paymentIntentId);
    expect(paid.chargeId).not.toBe(declined.chargeId);
    expect(await stripe.paymentIntents.retrieve(paid.paymentIntentId)).toMatchObject({
      status: 'succeeded',
      last_payment_error: null,
      latest_charge: paid.chargeId,
    });
    expect(await stripe.checkout.sessions.retrieve(session.id)).toMatchObject({
      status: 'complete',
      payment_status: 'paid',
    });
  });

  it('moves no money on an inquiry, withdraws on a charge-back (with the fee) and reinstates a won one', async () => {
    const session = await stripe.checkout.sessions.create(oneOff('don-4', 40_00));
    const { paymentIntentId } = fake.markPaid(session.id);
    const inquiry = await stripe.disputes.retrieve(fake.addDispute(paymentIntentId, 40_00, { inquiry: true }));
    expect(inquiry).toMatchObject({ status: 'warning_needs_response', balance_transactions: [] });
    const disputeId = fake.addDispute(paymentIntentId, 40_00, { feeCents: 15_00 });
    expect(await stripe.disputes.retrieve(disputeId)).toMatchObject({
      status: 'needs_response',
      balance_transactions: [{ object: 'balance_transaction', amount: -40_00, fee: 15_00, net: -55_00 }],
    });
    fake.closeDispute(disputeId, 'won');
    expect(await stripe.disputes.retrieve(disputeId)).toMatchObject({
      status: 'won',
      balance_transactions: [
        { amount: -40_00, reporting_category: 'dispute' },
        { amount: 40_00, fee: 0, reporting_category: 'dispute_reversal' },
      ],
    });
  });

  it('fails a refund after it went through, giving the money back to the balance', async () => {
    const session = await stripe.checkout.sessions.create(oneOff('don-5', 30_00));
    const { paymentIntentId, chargeId } = fake.markPaid(session.id);
    const asked = await stripe.refunds.create(
      { payment_intent: paymentIntentId, amount: 10_00 },
      { idempotencyKey: 'r' },
    );
    expect(asked).toMatchObject({ status: 'pending', charge: chargeId, payment_intent: paymentIntentId });
    expect(
      await stripe.refunds.create({ payment_intent: paymentIntentId, amount: 10_00 }, { idempotencyKey: 'r' }),
    ).toEqual(asked);
    fake.confirmRefund(asked.id);
    const transactionId = fake.failRefund(asked.id);
    const failed = await stripe.refunds.retrieve(asked.id, { expand: ['failure_balance_transaction'] });
    expect(failed).toMatchObject({
      status: 'failed',
      failure_reason: 'expired_or_canceled_card',
      failure_balance_transaction: { id: transactionId, amount: 10_00, type: 'refund_failure' },
    });
    expect(await stripe.charges.retrieve(chargeId)).toMatchObject({ amount_refunded: 0, refunded: false });
  });

  it('pages lists newest first: limit, has_more and starting_after, and the SDK reads every page', async () => {
    const session = await stripe.checkout.sessions.create(monthly('don-6', 10_00));
    const { subscriptionId, invoiceId: first } = fake.startSubscription(session.id);
    const later = Array.from({ length: 11 }, () => fake.chargeMonth(subscriptionId).invoiceId);
    const page = await stripe.invoices.list({ subscription: subscriptionId });
    expect(page.data.map((invoice) => invoice.id)).toEqual([...later].reverse().slice(0, 10));
    expect(page.has_more).toBe(true);
    const next = await stripe.invoices.list({ subscription: subscriptionId, starting_after: page.data[9]?.id });
    expect(next.data.map((invoice) => invoice.id)).toEqual([later[0], first]);
    expect(next.has_more).toBe(false);
    const every = await stripe.invoices
      .list({ subscription: subscriptionId, limit: 5 })
      .autoPagingToArray({ limit: 100 });
    expect(every).toHaveLength(12);
  });
});

describeWithReferences('fake Stripe: the shape of every object it sends, against Stripe’s fixtures and the SDK', () => {
  const fixtures = readReferenceJson<{ resources: Record<string, JsonObject> }>(
    'payments/stripe-fixtures3-subset.json',
  ).resources;
  let fake: FakeStripe;
  afterAll(() => fake?.stop());

  it('reads the SDK declarations it compares with', () => {
    for (const [type, [, name]] of Object.entries(DECLARED_IN)) {
      expect(declarations.get(type)?.get(name)?.fields.size ?? 0).toBeGreaterThan(10);
    }
    expect(declarations.get('dispute')?.get('Dispute.Evidence')?.fields.has('customer_name')).toBe(true);
  });

  it('answers every object type as Stripe does: no field invented, none the types always carry left out', async () => {
    fake = await FakeStripe.start();
    const stripe = fake.client;
    const events: JsonObject[] = [];
    const signed = (type: string, id: string) =>
      events.push(JSON.parse(fake.signedEvent(type, { id }).payload) as JsonObject);

    // a one-off gift declined once, then paid; its fee; refunds that succeed and fail; every kind of dispute
    const session = await stripe.checkout.sessions.create(
      { ...oneOff('don-1', 60_00), allowed_payment_method_types: ['card', 'bancontact'] },
      { idempotencyKey: 'k-1' },
    );
    const declined = fake.decline(session.id);
    await stripe.checkout.sessions.list({ payment_intent: declined.paymentIntentId, limit: 1 });
    await stripe.paymentIntents.retrieve(declined.paymentIntentId, { expand: ['latest_charge.balance_transaction'] });
    signed('payment_intent.payment_failed', declined.paymentIntentId);
    const { paymentIntentId, chargeId } = fake.markPaid(session.id);
    fake.setFee(chargeId, 115);
    signed('checkout.session.completed', session.id);
    signed('charge.updated', chargeId);
    await stripe.checkout.sessions.retrieve(session.id);
    await stripe.paymentIntents.retrieve(paymentIntentId);
    await stripe.paymentIntents.retrieve(paymentIntentId, { expand: ['latest_charge.balance_transaction'] });
    await stripe.charges.retrieve(chargeId, { expand: ['balance_transaction'] });
    const refund = await stripe.refunds.create(
      { payment_intent: paymentIntentId, amount: 10_00 },
      { idempotencyKey: 'r' },
    );
    fake.confirmRefund(refund.id);
    fake.addRefund(chargeId, 5_00);
    const failure = fake.failRefund(refund.id);
    signed('refund.failed', refund.id);
    await stripe.refunds.list({ payment_intent: paymentIntentId, expand: ['data.failure_balance_transaction'] });
    await stripe.balanceTransactions.retrieve(failure);
    const inquiry = fake.addDispute(paymentIntentId, 20_00, { inquiry: true });
    const lost = fake.addDispute(paymentIntentId, 20_00, { feeCents: 15_00, status: 'lost' });
    const won = fake.addDispute(paymentIntentId, 20_00, { feeCents: 15_00 });
    fake.closeDispute(won, 'won', { feeRefunded: true });
    for (const id of [inquiry, lost, won]) await stripe.disputes.retrieve(id);
    await stripe.disputes.list({ payment_intent: paymentIntentId, limit: 100 });
    signed('charge.dispute.funds_reinstated', won);

    // a monthly gift: its subscription, paid and failed invoices, their payments
    const monthlySession = await stripe.checkout.sessions.create(monthly('don-2', 10_00), { idempotencyKey: 'k-2' });
    const started = fake.startSubscription(monthlySession.id);
    fake.chargeMonth(started.subscriptionId);
    fake.failMonth(started.subscriptionId);
    signed('invoice.paid', started.invoiceId);
    await stripe.invoices.retrieve(started.invoiceId, { expand: ['payments'] });
    await stripe.invoices.list({ subscription: started.subscriptionId, status: 'paid', expand: ['data.payments'] });
    await stripe.invoicePayments.list({
      payment: { type: 'payment_intent', payment_intent: started.paymentIntentId },
      expand: ['data.invoice'],
    });
    await stripe.subscriptions.retrieve(started.subscriptionId);
    await stripe.subscriptions.cancel(started.subscriptionId);
    signed('customer.subscription.deleted', started.subscriptionId);

    const answers = fake.responses as JsonObject[];
    const problems = [...answers, ...events].flatMap((answer, i) =>
      shapeProblems(fixtures, `#${i}`, answer, undefined, undefined),
    );
    expect(problems).toEqual([]);

    // and every object type was among them, at the top or expanded
    const seen = new Set<string>();
    const visit = (value: Json) => {
      if (Array.isArray(value)) value.forEach(visit);
      else if (isObject(value)) {
        if (typeof value.object === 'string') seen.add(value.object);
        Object.values(value).forEach(visit);
      }
    };
    [...answers, ...events].forEach(visit);
    expect(OBJECT_TYPES.filter((type) => !seen.has(type))).toEqual([]);
  });

  it('finds the differences it is there to find', () => {
    const refund = { ...fixtures.refund, object: 'refund' } as JsonObject;
    expect(shapeProblems(fixtures, 'r', refund, undefined, undefined)).toEqual([]);
    const { currency: _left, ...withoutCurrency } = refund;
    expect(shapeProblems(fixtures, 'r', { ...withoutCurrency, refunded_at: 1 }, undefined, undefined)).toEqual([
      'r.currency: missing (the SDK always has it on a refund)',
      'r<refund>.refunded_at: a field Stripe does not have',
    ]);
    expect(shapeProblems(fixtures, 'r', { ...refund, amount: '1.00', charge: null }, undefined, undefined)).toEqual([
      'r<refund>.amount: string where Stripe has number',
    ]);
    expect(shapeProblems(fixtures, 'r', { ...refund, created: null }, undefined, undefined)).toEqual([
      'r<refund>.created: null where Stripe has number (number)',
    ]);
  });
});

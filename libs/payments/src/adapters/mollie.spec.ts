import { Module } from 'node:module';
import { PaymentMethod } from '@mollie/api-client';
import { PAYMENT_METHODS } from '../payment-methods';
import { idempotencyKeyFor, InvalidWebhook } from '../payment-provider';
import { MOLLIE_METHODS, MolliePaymentProvider } from './mollie';

// nock 15 is ESM only and Jest (without --experimental-vm-modules) cannot require it: Node's own loader can, and
// nock then patches the core http/https modules that Jest shares with the code under test.
const nock: typeof import('nock').default = (
  Module as unknown as { _load(request: string): typeof import('nock') }
)._load(require.resolve('nock')).default;

const MOLLIE = 'https://api.mollie.com';
const WEBHOOK_URL = 'https://walk.example.org/api/webhooks/mollie';
const CHECKOUT_HREF = 'https://www.mollie.com/checkout/select-method/7UhSN1zuXS';

function payment(overrides: Record<string, unknown> = {}) {
  return {
    resource: 'payment',
    id: 'tr_one',
    mode: 'test',
    createdAt: '2026-11-24T10:00:00+00:00',
    status: 'open',
    isCancelable: false,
    amount: { currency: 'EUR', value: '25.00' },
    description: 'Gift to the Refugee Walk',
    method: null,
    metadata: { rw_reference: 'don-1' },
    locale: 'nl_BE',
    profileId: 'pfl_QkEhN94Ba',
    sequenceType: 'oneoff',
    redirectUrl: 'https://walk.example.org/donations/don-1/result',
    webhookUrl: WEBHOOK_URL,
    _links: {
      self: { href: `${MOLLIE}/v2/payments/tr_one`, type: 'application/hal+json' },
      checkout: { href: CHECKOUT_HREF, type: 'text/html' },
      dashboard: { href: 'https://www.mollie.com/dashboard/payments/tr_one', type: 'text/html' },
    },
    ...overrides,
  };
}

function subscription(overrides: Record<string, unknown> = {}) {
  return {
    resource: 'subscription',
    id: 'sub_1',
    mode: 'test',
    status: 'active',
    amount: { currency: 'EUR', value: '10.00' },
    times: null,
    interval: '1 month',
    startDate: '2026-12-24',
    description: 'Monthly gift to the Refugee Walk',
    method: null,
    createdAt: '2026-11-24T10:05:00+00:00',
    webhookUrl: WEBHOOK_URL,
    metadata: { rw_reference: 'don-2' },
    customerId: 'cst_1',
    mandateId: 'mdt_1',
    _links: { self: { href: `${MOLLIE}/v2/customers/cst_1/subscriptions/sub_1`, type: 'application/hal+json' } },
    ...overrides,
  };
}

function list(name: string, items: unknown[]) {
  return {
    count: items.length,
    _embedded: { [name]: items },
    _links: { self: { href: `${MOLLIE}/v2/${name}`, type: 'application/hal+json' }, previous: null, next: null },
  };
}

const paid = { status: 'paid', paidAt: '2026-11-24T10:03:00+00:00' };

/** Answers a POST or DELETE and keeps what the client sent: the JSON body and the Idempotency-Key header. */
function record(method: 'post' | 'delete', path: string, status: number, answer: unknown) {
  const sent: { body?: unknown; idempotencyKey?: unknown } = {};
  nock(MOLLIE)
    .matchHeader('Idempotency-Key', (value) => {
      sent.idempotencyKey = value;
      return true;
    })
    [method](path, (body) => {
      sent.body = body;
      return true;
    })
    .reply(status, answer);
  return sent;
}

function getPayment(answer: Record<string, unknown>) {
  nock(MOLLIE).get(`/v2/payments/${answer.id}`).query({ embed: 'refunds,chargebacks' }).reply(200, answer);
}

function webhook(body: string) {
  return { rawBody: Buffer.from(body), headers: { 'content-type': 'application/x-www-form-urlencoded' } };
}

describe('Mollie payment provider', () => {
  const provider = new MolliePaymentProvider({
    apiKey: 'test_dHar4XY7LxsDOtmnkVtjNVWXLSlXsM',
    webhookUrl: WEBHOOK_URL,
  });
  const oneOff = {
    reference: 'don-1',
    amountCents: 25_00,
    frequency: 'one_off' as const,
    description: 'Gift to the Refugee Walk',
    returnUrl: 'https://walk.example.org/donations/don-1/result',
    idempotencyKey: idempotencyKeyFor('don-1'),
  };

  beforeAll(() => {
    if (!nock.isActive()) nock.activate();
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  describe('checkout', () => {
    it('creates a one-off payment with the amount as Mollie’s two-decimal string and our idempotency key', async () => {
      const sent = record('post', '/v2/payments', 201, payment());
      await expect(provider.createCheckout({ ...oneOff, method: 'bancontact' })).resolves.toEqual({
        checkoutUrl: CHECKOUT_HREF,
        providerReference: 'tr_one',
      });
      expect(sent.body).toEqual({
        amount: { currency: 'EUR', value: '25.00' },
        description: 'Gift to the Refugee Walk',
        redirectUrl: 'https://walk.example.org/donations/don-1/result',
        webhookUrl: WEBHOOK_URL,
        method: 'bancontact',
        metadata: { rw_reference: 'don-1' },
      });
      expect(sent.idempotencyKey).toBe('rw-checkout-don-1');
    });

    it('writes cents exactly: 5 cents as 0.05 and 1234.50 EUR as 1234.50, and leaves the method to the payer', async () => {
      const small = record('post', '/v2/payments', 201, payment());
      await provider.createCheckout({ ...oneOff, amountCents: 5 });
      const large = record('post', '/v2/payments', 201, payment());
      await provider.createCheckout({ ...oneOff, amountCents: 1234_50 });
      expect(small.body).toMatchObject({ amount: { currency: 'EUR', value: '0.05' } });
      expect(large.body).toMatchObject({ amount: { currency: 'EUR', value: '1234.50' } });
      expect(small.body).not.toHaveProperty('method');
    });

    it('refuses an amount that is not a positive whole number of cents without calling Mollie', async () => {
      await expect(provider.createCheckout({ ...oneOff, amountCents: 12.5 })).rejects.toThrow(/whole number/);
      await expect(provider.createCheckout({ ...oneOff, amountCents: 0 })).rejects.toThrow(/positive/);
    });

    it('starts a monthly gift with a customer (e-mail only there) and a first payment on it', async () => {
      const customer = record('post', '/v2/customers', 201, {
        resource: 'customer',
        id: 'cst_1',
        mode: 'test',
        email: 'donor@example.org',
        metadata: { rw_reference: 'don-2' },
        _links: {},
      });
      const first = record('post', '/v2/payments', 201, payment({ id: 'tr_first', sequenceType: 'first' }));
      const checkout = await provider.createCheckout({
        ...oneOff,
        reference: 'don-2',
        amountCents: 10_00,
        frequency: 'monthly',
        description: 'Monthly gift to the Refugee Walk',
        idempotencyKey: idempotencyKeyFor('don-2'),
        method: 'creditcard',
        payerEmail: 'donor@example.org',
      });
      expect(checkout).toEqual({ checkoutUrl: CHECKOUT_HREF, providerReference: 'tr_first' });
      expect(customer.body).toEqual({ email: 'donor@example.org', metadata: { rw_reference: 'don-2' } });
      expect(customer.idempotencyKey).toBe('rw-checkout-don-2-customer');
      expect(first.body).toEqual({
        amount: { currency: 'EUR', value: '10.00' },
        description: 'Monthly gift to the Refugee Walk',
        redirectUrl: 'https://walk.example.org/donations/don-1/result',
        webhookUrl: WEBHOOK_URL,
        method: 'creditcard',
        customerId: 'cst_1',
        sequenceType: 'first',
        metadata: { rw_reference: 'don-2', rw_frequency: 'monthly' },
      });
      expect(first.idempotencyKey).toBe('rw-checkout-don-2');
    });

    it('creates a customer without any personal data when no e-mail address is given', async () => {
      const customer = record('post', '/v2/customers', 201, { resource: 'customer', id: 'cst_2', _links: {} });
      record('post', '/v2/payments', 201, payment({ id: 'tr_first', sequenceType: 'first' }));
      await provider.createCheckout({ ...oneOff, reference: 'don-3', frequency: 'monthly' });
      expect(customer.body).toEqual({ metadata: { rw_reference: 'don-3' } });
    });
  });

  describe('webhook', () => {
    it('verifies a delivery by fetching the payment, and reads a paid one-off payment', async () => {
      getPayment(payment(paid));
      await expect(provider.parseWebhook(webhook('id=tr_one'))).resolves.toEqual({
        facts: [
          {
            type: 'PaymentSucceeded',
            reference: 'don-1',
            providerPaymentId: 'tr_one',
            amountCents: 25_00,
            at: '2026-11-24T10:03:00+00:00',
          },
        ],
      });
    });

    it('refuses an id that Mollie does not know', async () => {
      nock(MOLLIE)
        .get('/v2/payments/tr_forged')
        .query(true)
        .reply(404, { status: 404, title: 'Not Found', detail: 'No payment exists with token tr_forged.' });
      await expect(provider.parseWebhook(webhook('id=tr_forged'))).rejects.toBeInstanceOf(InvalidWebhook);
    });

    it('refuses a body without a payment id, without calling Mollie', async () => {
      await expect(provider.parseWebhook(webhook(''))).rejects.toBeInstanceOf(InvalidWebhook);
      await expect(provider.parseWebhook(webhook('id=cst_1'))).rejects.toBeInstanceOf(InvalidWebhook);
    });

    it('reads a failed payment with the decline reason', async () => {
      getPayment(
        payment({
          status: 'failed',
          failedAt: '2026-11-24T10:04:00+00:00',
          method: 'creditcard',
          details: { failureReason: 'insufficient_funds', failureMessage: 'Insufficient funds on the card' },
        }),
      );
      expect((await provider.parseWebhook(webhook('id=tr_one'))).facts).toEqual([
        {
          type: 'PaymentFailed',
          reference: 'don-1',
          providerPaymentId: 'tr_one',
          outcome: 'failed',
          reason: 'Insufficient funds on the card',
          at: '2026-11-24T10:04:00+00:00',
        },
      ]);
    });

    it.each([
      ['expired', { expiredAt: '2026-11-24T10:15:00+00:00' }, '2026-11-24T10:15:00+00:00'],
      ['canceled', { canceledAt: '2026-11-24T10:02:00+00:00' }, '2026-11-24T10:02:00+00:00'],
    ])('reads a %s payment as a failed one with that outcome', async (status, times, at) => {
      getPayment(payment({ status, ...times }));
      expect((await provider.parseWebhook(webhook('id=tr_one'))).facts).toEqual([
        { type: 'PaymentFailed', reference: 'don-1', providerPaymentId: 'tr_one', outcome: status, at },
      ]);
    });

    it('says nothing yet of an open payment', async () => {
      getPayment(payment());
      await expect(provider.parseWebhook(webhook('id=tr_one'))).resolves.toEqual({ facts: [] });
    });

    it('reads a refunded payment (still paid) as the payment plus each refund that went through', async () => {
      getPayment(
        payment({
          ...paid,
          amountRefunded: { currency: 'EUR', value: '10.00' },
          amountRemaining: { currency: 'EUR', value: '15.00' },
          _embedded: {
            refunds: [refund('re_done', '10.00', 'refunded'), refund('re_waiting', '5.00', 'pending')],
          },
        }),
      );
      expect((await provider.parseWebhook(webhook('id=tr_one'))).facts).toEqual([
        expect.objectContaining({ type: 'PaymentSucceeded', providerPaymentId: 'tr_one', amountCents: 25_00 }),
        {
          type: 'RefundSucceeded',
          reference: 'don-1',
          providerRefundId: 're_done',
          amountCents: 10_00,
          providerPaymentId: 'tr_one',
          at: '2026-11-25T09:00:00+00:00',
        },
      ]);
    });

    it('reads a charged-back payment (still paid) as the payment plus the chargeback, whose amount Mollie writes negative', async () => {
      getPayment(
        payment({
          ...paid,
          amountChargedBack: { currency: 'EUR', value: '25.00' },
          _embedded: { chargebacks: [chargeback('chb_1', '-25.00')] },
        }),
      );
      expect((await provider.parseWebhook(webhook('id=tr_one'))).facts).toEqual([
        expect.objectContaining({ type: 'PaymentSucceeded', providerPaymentId: 'tr_one' }),
        {
          type: 'ChargedBack',
          reference: 'don-1',
          providerChargebackId: 'chb_1',
          amountCents: 25_00,
          at: '2026-12-01T08:00:00+00:00',
        },
      ]);
    });

    it('reads a chargeback written positive the same way (Mollie’s documentation shows positive amounts)', async () => {
      getPayment(payment({ ...paid, _embedded: { chargebacks: [chargeback('chb_1', '25.00')] } }));
      const facts = (await provider.parseWebhook(webhook('id=tr_one'))).facts;
      expect(facts.filter((fact) => fact.type === 'ChargedBack')).toEqual([
        expect.objectContaining({ providerChargebackId: 'chb_1', amountCents: 25_00 }),
      ]);
    });

    it('reads a reversed chargeback as the chargeback and then its reversal, for the same chargeback id', async () => {
      getPayment(
        payment({
          ...paid,
          amountChargedBack: { currency: 'EUR', value: '13.37' },
          _embedded: {
            chargebacks: [
              chargeback('chb_1', '-13.00', { reversedAt: '2026-12-20T10:00:00+00:00' }),
              chargeback('chb_2', '-0.37'),
            ],
          },
        }),
      );
      expect((await provider.parseWebhook(webhook('id=tr_one'))).facts).toEqual([
        expect.objectContaining({ type: 'PaymentSucceeded' }),
        {
          type: 'ChargedBack',
          reference: 'don-1',
          providerChargebackId: 'chb_1',
          amountCents: 13_00,
          at: '2026-12-01T08:00:00+00:00',
        },
        {
          type: 'ChargebackReversed',
          reference: 'don-1',
          providerChargebackId: 'chb_1',
          amountCents: 13_00,
          at: '2026-12-20T10:00:00+00:00',
        },
        {
          type: 'ChargedBack',
          reference: 'don-1',
          providerChargebackId: 'chb_2',
          amountCents: 37,
          at: '2026-12-01T08:00:00+00:00',
        },
      ]);
    });

    it('states no fee: a settlementAmount is not the amount minus a fee (Mollie gives the amount itself there)', async () => {
      for (const settled of ['25.00', '24.61', '0.00']) {
        getPayment(payment({ ...paid, settlementAmount: { currency: 'EUR', value: settled } }));
        const facts = (await provider.parseWebhook(webhook('id=tr_one'))).facts;
        expect(facts.map((fact) => fact.type)).toEqual(['PaymentSucceeded']);
      }
    });

    it('reads a subscription’s payment as a monthly charge of the gift named on its subscription', async () => {
      getPayment(
        payment({
          ...paid,
          id: 'tr_month2',
          amount: { currency: 'EUR', value: '10.00' },
          sequenceType: 'recurring',
          metadata: null,
          customerId: 'cst_1',
          subscriptionId: 'sub_1',
          mandateId: 'mdt_1',
        }),
      );
      nock(MOLLIE).get('/v2/customers/cst_1/subscriptions/sub_1').reply(200, subscription());
      expect((await provider.parseWebhook(webhook('id=tr_month2'))).facts).toEqual([
        {
          type: 'MonthlyChargeSucceeded',
          reference: 'don-2',
          providerPaymentId: 'tr_month2',
          amountCents: 10_00,
          at: '2026-11-24T10:03:00+00:00',
        },
      ]);
    });

    it('acknowledges a payment of the account that is not ours with no facts, saying it is foreign', async () => {
      getPayment(payment({ ...paid, metadata: { order: 42 } }));
      await expect(provider.parseWebhook(webhook('id=tr_one'))).resolves.toEqual({ facts: [], foreign: true });
    });

    it.each(['tr_', `tr_${'a'.repeat(33)}`, 'tr_a-b', 'tr_a_b', 'cst_abc', 'tr_%00'])(
      'refuses %s as no payment id of Mollie’s without asking Mollie',
      (id) => {
        expect(() => provider.paymentIdOf(webhook(`id=${encodeURIComponent(id)}`))).toThrow(
          'Mollie webhook without a payment id',
        );
      },
    );

    const monthlyFirst = payment({
      ...paid,
      id: 'tr_first',
      amount: { currency: 'EUR', value: '10.00' },
      description: 'Monthly gift to the Refugee Walk',
      sequenceType: 'first',
      customerId: 'cst_1',
      mandateId: 'mdt_1',
      metadata: { rw_reference: 'don-2', rw_frequency: 'monthly' },
    });

    it('only reads the paid first payment of a monthly gift: starting its subscription is a call of its own', async () => {
      getPayment(monthlyFirst);
      // no subscription is looked for or created while reading (nock refuses any request not set up here)
      expect((await provider.parseWebhook(webhook('id=tr_first'))).facts).toEqual([
        expect.objectContaining({ type: 'PaymentSucceeded', reference: 'don-2', providerPaymentId: 'tr_first' }),
      ]);
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('starts the subscription, a month later, when asked after the first payment of a monthly gift is paid', async () => {
      nock(MOLLIE).get('/v2/payments/tr_first').reply(200, monthlyFirst);
      nock(MOLLIE).get('/v2/customers/cst_1/subscriptions').query(true).reply(200, list('subscriptions', []));
      const created = record('post', '/v2/customers/cst_1/subscriptions', 201, subscription());
      await provider.startMonthly('don-2', 'tr_first');
      expect(created.body).toEqual({
        amount: { currency: 'EUR', value: '10.00' },
        interval: '1 month',
        startDate: '2026-12-24',
        description: 'Monthly gift to the Refugee Walk',
        webhookUrl: WEBHOOK_URL,
        mandateId: 'mdt_1',
        metadata: { rw_reference: 'don-2' },
      });
      expect(created.idempotencyKey).toBe('rw-subscription-don-2');
    });

    it('does not start a second subscription when asked again', async () => {
      nock(MOLLIE).get('/v2/payments/tr_first').reply(200, monthlyFirst);
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions')
        .query(true)
        .reply(200, list('subscriptions', [subscription()]));
      await provider.startMonthly('don-2', 'tr_first');
      expect(nock.pendingMocks()).toEqual([]);
    });

    it('refuses to start a subscription from a payment of another gift', async () => {
      nock(MOLLIE).get('/v2/payments/tr_first').reply(200, monthlyFirst);
      await expect(provider.startMonthly('don-9', 'tr_first')).rejects.toThrow('is not the first payment of don-9');
    });
  });

  describe('current facts', () => {
    it('lists a monthly gift’s first payment, its monthly charges with their refunds, and the end', async () => {
      nock(MOLLIE)
        .get('/v2/payments/tr_first')
        .query({ embed: 'refunds,chargebacks' })
        .reply(
          200,
          payment({
            ...paid,
            id: 'tr_first',
            sequenceType: 'first',
            customerId: 'cst_1',
            metadata: { rw_reference: 'don-2', rw_frequency: 'monthly' },
          }),
        );
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions')
        .query(true)
        .reply(
          200,
          list('subscriptions', [subscription({ status: 'canceled', canceledAt: '2027-02-01T12:00:00+00:00' })]),
        );
      const charge = {
        ...paid,
        sequenceType: 'recurring',
        amount: { currency: 'EUR', value: '10.00' },
        customerId: 'cst_1',
        subscriptionId: 'sub_1',
      };
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions/sub_1/payments')
        .query(true)
        .reply(
          200,
          list('payments', [
            payment({ ...charge, id: 'tr_dec', paidAt: '2026-12-24T06:00:00+00:00' }),
            payment({
              ...charge,
              id: 'tr_jan',
              paidAt: '2027-01-24T06:00:00+00:00',
              amountRefunded: { currency: 'EUR', value: '10.00' },
            }),
          ]),
        );
      // every paid charge is read with its refunds and chargebacks: a reversal shows only there
      getPayment(
        payment({
          ...charge,
          id: 'tr_dec',
          paidAt: '2026-12-24T06:00:00+00:00',
          _embedded: {
            chargebacks: [
              chargeback('chb_dec', '-10.00', { paymentId: 'tr_dec', reversedAt: '2027-01-05T09:00:00+00:00' }),
            ],
          },
        }),
      );
      getPayment(
        payment({
          ...charge,
          id: 'tr_jan',
          paidAt: '2027-01-24T06:00:00+00:00',
          _embedded: { refunds: [refund('re_jan', '10.00', 'refunded', 'tr_jan')] },
        }),
      );
      const facts = await provider.currentFacts('don-2', 'tr_first');
      expect(
        facts.map((fact) => [fact.type, 'providerPaymentId' in fact ? fact.providerPaymentId : undefined]),
      ).toEqual([
        ['PaymentSucceeded', 'tr_first'],
        ['MonthlyChargeSucceeded', 'tr_dec'],
        ['ChargedBack', undefined],
        ['ChargebackReversed', undefined],
        ['MonthlyChargeSucceeded', 'tr_jan'],
        ['RefundSucceeded', 'tr_jan'],
        ['SubscriptionEnded', undefined],
      ]);
      expect(facts.filter((fact) => fact.type === 'ChargebackReversed')).toEqual([
        {
          type: 'ChargebackReversed',
          reference: 'don-2',
          providerChargebackId: 'chb_dec',
          amountCents: 10_00,
          at: '2027-01-05T09:00:00+00:00',
        },
      ]);

      expect(facts.at(-1)).toEqual({
        type: 'SubscriptionEnded',
        reference: 'don-2',
        providerSubscriptionId: 'sub_1',
        at: '2027-02-01T12:00:00+00:00',
      });
    });
  });

  describe('refund and cancellation', () => {
    it('asks for a refund of an amount in cents, with our idempotency key', async () => {
      const sent = record('post', '/v2/payments/tr_one/refunds', 201, refund('re_new', '7.50', 'pending'));
      await expect(
        provider.refund({
          reference: 'don-1',
          providerPaymentId: 'tr_one',
          amountCents: 7_50,
          idempotencyKey: 'rw-refund-1',
        }),
      ).resolves.toEqual({ providerRefundId: 're_new' });
      expect(sent.body).toEqual({ amount: { currency: 'EUR', value: '7.50' }, metadata: { rw_reference: 'don-1' } });
      expect(sent.idempotencyKey).toBe('rw-refund-1');
    });

    it('cancels the subscription of the gift found from its first payment’s customer', async () => {
      nock(MOLLIE)
        .get('/v2/payments/tr_first')
        .reply(200, payment({ ...paid, id: 'tr_first', customerId: 'cst_1' }));
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions')
        .query(true)
        .reply(
          200,
          list('subscriptions', [
            subscription({ id: 'sub_other', metadata: { rw_reference: 'don-9' } }),
            subscription(),
          ]),
        );
      const sent = record(
        'delete',
        '/v2/customers/cst_1/subscriptions/sub_1',
        200,
        subscription({ status: 'canceled' }),
      );
      await provider.cancelSubscription('don-2', 'tr_first');
      expect(sent.idempotencyKey).toBe('rw-cancel-subscription-don-2');
    });

    it('has nothing to cancel when the subscription already ended', async () => {
      nock(MOLLIE)
        .get('/v2/payments/tr_first')
        .reply(200, payment({ ...paid, id: 'tr_first', customerId: 'cst_1' }));
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions')
        .query(true)
        .reply(200, list('subscriptions', [subscription({ status: 'canceled' })]));
      await expect(provider.cancelSubscription('don-2', 'tr_first')).resolves.toBeUndefined();
    });
  });

  describe('a suspended subscription (Mollie suspends it after failed charges): the gift is no longer active', () => {
    const firstPayment = payment({
      ...paid,
      id: 'tr_first',
      sequenceType: 'first',
      customerId: 'cst_1',
      mandateId: 'mdt_1',
      metadata: { rw_reference: 'don-2', rw_frequency: 'monthly' },
    });
    const failedCharge = payment({
      id: 'tr_nov',
      status: 'failed',
      failedAt: '2026-12-26T06:00:00+00:00',
      sequenceType: 'recurring',
      amount: { currency: 'EUR', value: '10.00' },
      metadata: null,
      customerId: 'cst_1',
      subscriptionId: 'sub_1',
      mandateId: 'mdt_1',
      redirectUrl: null,
      details: { bankReasonCode: 'AM04', bankReason: 'Insufficient funds' },
      _links: { self: { href: `${MOLLIE}/v2/payments/tr_nov`, type: 'application/hal+json' }, checkout: null },
    });

    it('ends the gift in current facts, dated by the charge that failed last', async () => {
      getPayment(firstPayment);
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions')
        .query(true)
        .reply(200, list('subscriptions', [subscription({ status: 'suspended' })]));
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions/sub_1/payments')
        .query(true)
        .reply(200, list('payments', [failedCharge]));
      const facts = await provider.currentFacts('don-2', 'tr_first');
      expect(facts.map((fact) => fact.type)).toEqual(['PaymentSucceeded', 'SubscriptionEnded']);
      expect(facts[1]).toEqual({
        type: 'SubscriptionEnded',
        reference: 'don-2',
        providerSubscriptionId: 'sub_1',
        at: '2026-12-26T06:00:00+00:00',
      });
    });

    it('ends the gift when the webhook of its failed charge finds the subscription suspended', async () => {
      getPayment(failedCharge);
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions/sub_1')
        .reply(200, subscription({ status: 'suspended' }));
      expect((await provider.parseWebhook(webhook('id=tr_nov'))).facts).toEqual([
        {
          type: 'SubscriptionEnded',
          reference: 'don-2',
          providerSubscriptionId: 'sub_1',
          at: '2026-12-26T06:00:00+00:00',
        },
      ]);
    });

    it('says nothing of a failed charge while the subscription stays active (Mollie tries again)', async () => {
      getPayment(failedCharge);
      nock(MOLLIE).get('/v2/customers/cst_1/subscriptions/sub_1').reply(200, subscription());
      expect((await provider.parseWebhook(webhook('id=tr_nov'))).facts).toEqual([]);
    });

    it('is still cancelled at Mollie when the donor stops the gift, so that it can never charge again', async () => {
      nock(MOLLIE)
        .get('/v2/payments/tr_first')
        .reply(200, payment({ ...paid, id: 'tr_first', customerId: 'cst_1' }));
      nock(MOLLIE)
        .get('/v2/customers/cst_1/subscriptions')
        .query(true)
        .reply(200, list('subscriptions', [subscription({ status: 'suspended' })]));
      const sent = record(
        'delete',
        '/v2/customers/cst_1/subscriptions/sub_1',
        200,
        subscription({ status: 'canceled', canceledAt: '2027-01-02T09:00:00+00:00' }),
      );
      await provider.cancelSubscription('don-2', 'tr_first');
      expect(sent.idempotencyKey).toBe('rw-cancel-subscription-don-2');
    });
  });

  describe('refunds of any payment of a gift', () => {
    it('refunds a later month of a monthly gift on its own payment (tr_…), and reads it back on that payment', async () => {
      const sent = record(
        'post',
        '/v2/payments/tr_month2/refunds',
        201,
        refund('re_m2', '10.00', 'pending', 'tr_month2'),
      );
      await expect(
        provider.refund({
          reference: 'don-2',
          providerPaymentId: 'tr_month2',
          amountCents: 10_00,
          idempotencyKey: 'rw-refund-don-2-tr_month2',
        }),
      ).resolves.toEqual({ providerRefundId: 're_m2' });
      expect(sent.body).toEqual({ amount: { currency: 'EUR', value: '10.00' }, metadata: { rw_reference: 'don-2' } });
      expect(sent.idempotencyKey).toBe('rw-refund-don-2-tr_month2');

      getPayment(
        payment({
          ...paid,
          id: 'tr_month2',
          amount: { currency: 'EUR', value: '10.00' },
          sequenceType: 'recurring',
          metadata: null,
          customerId: 'cst_1',
          subscriptionId: 'sub_1',
          _embedded: { refunds: [refund('re_m2', '10.00', 'refunded', 'tr_month2')] },
        }),
      );
      nock(MOLLIE).get('/v2/customers/cst_1/subscriptions/sub_1').reply(200, subscription());
      const facts = (await provider.parseWebhook(webhook('id=tr_month2'))).facts;
      expect(facts.filter((fact) => fact.type === 'RefundSucceeded')).toEqual([
        {
          type: 'RefundSucceeded',
          reference: 'don-2',
          providerRefundId: 're_m2',
          amountCents: 10_00,
          providerPaymentId: 'tr_month2',
          at: '2026-11-25T09:00:00+00:00',
        },
      ]);
    });
  });

  describe('payment methods', () => {
    it('offers bancontact, ideal and creditcard, one-off and monthly, and no sepa (Mollie has none)', () => {
      expect(provider.methodsFor('one_off')).toEqual(['bancontact', 'ideal', 'creditcard']);
      expect(provider.methodsFor('monthly')).toEqual(['bancontact', 'ideal', 'creditcard']);
    });

    it('maps each of our methods to a method of the client’s own PaymentMethod list, or to none', () => {
      const mollies = Object.values(PaymentMethod) as string[];
      for (const method of PAYMENT_METHODS) {
        for (const frequency of ['one_off', 'monthly'] as const) {
          const native = MOLLIE_METHODS[method][frequency];
          if (native !== undefined) expect(mollies).toContain(native);
        }
      }
      // what a donor would mean by sepa: Mollie has it only as recurring debits on a mandate, or as a transfer
      expect(mollies).not.toContain('sepa');
      expect(mollies).toEqual(expect.arrayContaining(['directdebit', 'banktransfer']));
      expect(MOLLIE_METHODS.sepa).toEqual({});
    });

    it('refuses sepa without calling Mollie, one-off or monthly', async () => {
      await expect(provider.createCheckout({ ...oneOff, method: 'sepa' })).rejects.toThrow(/sepa is not offered/);
      await expect(provider.createCheckout({ ...oneOff, frequency: 'monthly', method: 'sepa' })).rejects.toThrow(
        /sepa is not offered/,
      );
      await expect(provider.createCheckout({ ...oneOff, method: 'paypal' })).rejects.toThrow(/not offered/);
    });
  });
});

function refund(id: string, value: string, status: string, paymentId = 'tr_one') {
  return {
    resource: 'refund',
    id,
    mode: 'test',
    amount: { currency: 'EUR', value },
    description: '',
    metadata: null,
    status,
    paymentId,
    createdAt: '2026-11-25T09:00:00+00:00',
    _links: {},
  };
}

/** A chargeback as Mollie's own payloads write it: amount and settlement amount negative. */
function chargeback(id: string, value: string, overrides: Record<string, unknown> = {}) {
  return {
    resource: 'chargeback',
    id,
    amount: { currency: 'EUR', value },
    createdAt: '2026-12-01T08:00:00+00:00',
    paymentId: 'tr_one',
    settlementAmount: { currency: 'EUR', value },
    _links: {},
    ...overrides,
  };
}

import { EVENT_STORE, type EventStore, effectStream } from '@rw/event-store';
import type { FakeMollie } from '@rw/payments/testing/fake-mollie';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import type { TestPlatform } from '../support/platform';
import {
  deliverMollieWebhook,
  donationOf,
  eventTypesOf,
  giveOnline,
  historyOf,
  molliePaymentIn,
  startOnFakeMollie,
  type WalkingTeam,
} from '../support/provider-platforms';
import { donorStatsOf, movedBy, totalsOf } from '../support/totals';

/** Monthly gifts through the real Mollie adapter and client (customer, first payment, subscription), over HTTP. */
describe('a monthly gift through Mollie, end to end over HTTP', () => {
  let fake: FakeMollie;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeMollie('Monthly Mollie walkers'));
  });
  afterAll(() => stop?.());

  const deliver = (paymentId: string) => deliverMollieWebhook(platform, paymentId);
  const giveMonthly = async (amountCents: number) => {
    const gift = await giveOnline(platform, ids.walkerId, amountCents, {
      frequency: 'monthly',
      donor: { name: 'Lotte Peeters', email: 'lotte@example.be' },
      method: 'bancontact',
    });
    return { ...gift, firstPaymentId: molliePaymentIn(gift.checkoutUrl) };
  };
  const subscriptionOf = (firstPaymentId: string) => {
    const customerId = String(fake.payment(firstPaymentId).customerId);
    const subscription = fake.subscriptionOfCustomer(customerId);
    if (!subscription) throw new Error(`no subscription for ${customerId}`);
    return subscription;
  };

  it('makes a customer and a first payment, starts the subscription once it is paid, counts each monthly payment once, and the donor stops it', async () => {
    const start = await totalsOf(platform, ids);
    // the fake provider charges in 2026: the year's monthly statistics count each charge once
    const statsAtStart = await donorStatsOf(platform, 2026);
    const gift = await giveMonthly(12_50);
    const customer = fake.requests.find((r) => r.path === '/v2/customers' && r.idempotencyKey?.includes(gift.id));
    expect(customer).toMatchObject({
      idempotencyKey: `rw-checkout-${gift.id}-customer`,
      body: { email: 'lotte@example.be', metadata: { rw_reference: gift.id } },
    });
    const first = fake.payment(gift.firstPaymentId);
    expect(first).toMatchObject({
      amount: { currency: 'EUR', value: '12.50' },
      sequenceType: 'first',
      method: 'bancontact',
      metadata: { rw_reference: gift.id, rw_frequency: 'monthly' },
      webhookUrl: 'https://walk.example.org/api/webhooks/mollie',
    });
    expect(first.customerId).toEqual(expect.stringMatching(/^cst_/));

    // the first payment paid: its webhook counts this month and starts the subscription a month later
    fake.markPaid(gift.firstPaymentId);
    await deliver(gift.firstPaymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 12_50));
    expect((await donationOf(platform, gift.id)).status).toBe('paid');
    const created = fake.requests.filter(
      (r) => r.method === 'POST' && r.path === `/v2/customers/${first.customerId}/subscriptions`,
    );
    expect(created).toHaveLength(1);
    expect(created[0]?.idempotencyKey).toBe(`rw-subscription-${gift.id}`);
    expect(created[0]?.body).toEqual({
      amount: { currency: 'EUR', value: '12.50' },
      interval: '1 month',
      startDate: '2026-10-27',
      description: first.description,
      webhookUrl: 'https://walk.example.org/api/webhooks/mollie',
      mandateId: `mdt_fake_${gift.firstPaymentId}`,
      metadata: { rw_reference: gift.id },
    });
    // Mollie repeats the first payment's webhook: no second subscription, no second count
    await deliver(gift.firstPaymentId).expect(200);
    expect(
      fake.requests.filter((r) => r.method === 'POST' && r.path === `/v2/customers/${first.customerId}/subscriptions`),
    ).toHaveLength(1);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 12_50));

    // each subscription payment's webhook is one monthly charge, however often delivered
    const subscription = subscriptionOf(gift.firstPaymentId);
    const october = fake.chargeMonth(String(subscription.id));
    for (let i = 0; i < 3; i++) await deliver(october).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 25_00));
    const november = fake.chargeMonth(String(subscription.id));
    await deliver(november).expect(200);
    await deliver(november).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 37_50));
    const stats = await donorStatsOf(platform, 2026);
    expect(stats.monthly.gifts).toBe(statsAtStart.monthly.gifts + 3);
    expect(stats.monthly.donors).toBe(statsAtStart.monthly.donors + 1);
    expect(stats.oneOff).toEqual(statsAtStart.oneOff);
    // a month whose direct debit failed counts nothing
    const refused = fake.chargeMonth(String(subscription.id), 'failed');
    await deliver(refused).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 37_50));
    expect((await eventTypesOf(platform, gift.id)).filter((type) => type === 'MonthlyChargePaid')).toHaveLength(2);

    // the donor stops it through the private link: Mollie's subscription is cancelled, with our idempotency key
    const token = platform.app.get(PrivateLinks).token('cancel-monthly-gift', gift.id);
    const stopped = await platform.http.post(`/api/donations/${gift.id}/cancel-monthly?token=${token}`).expect(200);
    expect(stopped.body).toEqual({ id: gift.id, cancelled: true, by: 'donor' });
    expect(fake.subscription(String(subscription.id)).status).toBe('canceled');
    const cancels = fake.requests.filter(
      (r) =>
        r.method === 'DELETE' &&
        r.path.startsWith(`/v2/customers/${first.customerId}/subscriptions/${subscription.id}`),
    );
    expect(cancels).toEqual([expect.objectContaining({ idempotencyKey: `rw-cancel-subscription-${gift.id}` })]);

    // a payment Mollie collected anyway: recorded once, flagged for finance
    const late = fake.chargeMonth(String(subscription.id));
    await deliver(late).expect(200);
    await deliver(late).expect(200);
    const types = await eventTypesOf(platform, gift.id);
    expect(types.filter((type) => type === 'MonthlyChargePaidAfterCancellation')).toHaveLength(1);
    expect(await historyOf(platform, gift.id)).toEqual([
      'created 1250',
      'paid 1250',
      'monthly_charge_paid 1250',
      'monthly_charge_paid 1250',
      'stopped_by_donor',
      'monthly_charge_paid_after_stop 1250',
    ]);
  });

  it('starts the subscription after Mollie refused it once: the payment counts at once, the subscription follows after a backoff', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await giveMonthly(7_50);
    const customerId = String(fake.payment(gift.firstPaymentId).customerId);
    const creations = () =>
      fake.requests.filter((r) => r.method === 'POST' && r.path === `/v2/customers/${customerId}/subscriptions`);
    fake.refuseSubscriptions = 1;
    fake.markPaid(gift.firstPaymentId);
    // the webhook is answered: the payment is a fact; starting the subscription is a reaction of its own
    await deliver(gift.firstPaymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 7_50));
    expect(creations()).toHaveLength(1);
    expect(fake.subscriptionOfCustomer(customerId)).toBeUndefined();
    // tried again after the backoff (1 s), with the same idempotency key
    const claim = async () =>
      (await platform.app.get<EventStore>(EVENT_STORE).readStream(effectStream(`monthly-start-${gift.id}`))).map(
        (e) => e.type,
      );
    const deadline = Date.now() + 10_000;
    while ((await claim()).at(-1) !== 'EffectDone' && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(await claim()).toEqual(['EffectClaimed', 'EffectFailed', 'EffectClaimed', 'EffectDone']);
    expect(fake.subscriptionOfCustomer(customerId)).toMatchObject({ status: 'active' });
    expect(creations().map((r) => r.idempotencyKey)).toEqual([
      `rw-subscription-${gift.id}`,
      `rw-subscription-${gift.id}`,
    ]);
    // and a repeated webhook starts nothing more
    await deliver(gift.firstPaymentId).expect(200);
    expect(creations()).toHaveLength(2);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 7_50));
  });

  it('lets finance stop a monthly gift: Mollie’s subscription is cancelled once', async () => {
    const gift = await giveMonthly(8_00);
    fake.markPaid(gift.firstPaymentId);
    await deliver(gift.firstPaymentId).expect(200);
    const subscription = subscriptionOf(gift.firstPaymentId);
    const auth = await platform.adminAuth();
    const stopped = await platform.http.post(`/api/donations/${gift.id}/cancel-monthly`).set(auth).expect(200);
    expect(stopped.body.by).toBe('finance');
    expect(fake.subscription(String(subscription.id)).status).toBe('canceled');
    await platform.http.post(`/api/donations/${gift.id}/cancel-monthly`).set(auth).expect(200);
    expect(fake.requests.filter((r) => r.method === 'DELETE' && r.path.includes(`/${subscription.id}`))).toHaveLength(
      1,
    );
    expect(await historyOf(platform, gift.id)).toEqual(['created 800', 'paid 800', 'stopped_by_finance']);
  });

  it('refunds a later month on its own Mollie payment, then the rest payment by payment, each counted once', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await giveMonthly(10_00);
    fake.markPaid(gift.firstPaymentId);
    await deliver(gift.firstPaymentId).expect(200);
    const subscription = subscriptionOf(gift.firstPaymentId);
    const october = fake.chargeMonth(String(subscription.id));
    const november = fake.chargeMonth(String(subscription.id));
    await deliver(october).expect(200);
    await deliver(november).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 30_00));
    const auth = await platform.adminAuth();
    const charges = (await platform.http.get(`/api/donations/${gift.id}/charges`).set(auth).expect(200)).body;
    expect(charges.charges.map((charge: { chargeId: string }) => charge.chargeId)).toEqual([
      gift.firstPaymentId,
      october,
      november,
    ]);

    // October alone: Mollie is asked to refund that payment, not the first one
    const one = await platform.http
      .post(`/api/donations/${gift.id}/refunds`)
      .set(auth)
      .set('Idempotency-Key', `october-${gift.id}`)
      .send({ chargeId: october })
      .expect(201);
    const refundsAsked = () => fake.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/refunds'));
    expect(refundsAsked().map((r) => [r.path, r.body?.amount])).toEqual([
      [`/v2/payments/${october}/refunds`, { currency: 'EUR', value: '10.00' }],
    ]);
    fake.confirmRefund(one.body.providerRefundId);
    await deliver(october).expect(200);
    await deliver(october).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 20_00));

    // the rest: one refund per payment still refundable, each on its own Mollie payment
    const rest = await platform.http.post(`/api/donations/${gift.id}/refunds`).set(auth).send({}).expect(201);
    expect(
      rest.body.refunds.map((r: { chargeId: string; amountCents: number }) => [r.chargeId, r.amountCents]),
    ).toEqual([
      [gift.firstPaymentId, 10_00],
      [november, 10_00],
    ]);
    expect(refundsAsked().map((r) => r.path)).toEqual([
      `/v2/payments/${october}/refunds`,
      `/v2/payments/${gift.firstPaymentId}/refunds`,
      `/v2/payments/${november}/refunds`,
    ]);
    for (const refund of rest.body.refunds) fake.confirmRefund(refund.providerRefundId);
    await deliver(gift.firstPaymentId).expect(200);
    await deliver(november).expect(200);
    await deliver(november).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(start);
  });

  it('ends the gift when Mollie suspends its subscription after a failed charge', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await giveMonthly(9_00);
    fake.markPaid(gift.firstPaymentId);
    await deliver(gift.firstPaymentId).expect(200);
    const subscription = subscriptionOf(gift.firstPaymentId);
    const failed = fake.chargeMonth(String(subscription.id), 'failed');
    // Mollie tries again while the subscription stays active: nothing ends
    await deliver(failed).expect(200);
    expect(await historyOf(platform, gift.id)).toEqual(['created 900', 'paid 900']);
    fake.suspendSubscription(String(subscription.id));
    const last = fake.chargeMonth(String(subscription.id), 'failed');
    await deliver(last).expect(200);
    await deliver(last).expect(200);
    expect(await historyOf(platform, gift.id)).toEqual(['created 900', 'paid 900', 'stopped_by_provider']);
    // nothing was cancelled at Mollie by the platform: the subscription stays as Mollie left it
    expect(fake.subscription(String(subscription.id)).status).toBe('suspended');
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 9_00));
  });
});

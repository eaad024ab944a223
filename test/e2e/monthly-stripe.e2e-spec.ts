import type { FakeStripe } from '@rw/payments/testing/fake-stripe';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import type { TestPlatform } from '../support/platform';
import {
  deliverStripeEvent,
  donationOf,
  eventTypesOf,
  giveOnline,
  historyOf,
  startOnFakeStripe,
  stripeSessionIn,
  type WalkingTeam,
} from '../support/provider-platforms';
import { donorStatsOf, headOfStore, movedBy, totalsOf } from '../support/totals';

/** Monthly gifts through the real Stripe adapter and SDK (subscription checkout, invoices), over HTTP. */
describe('a monthly gift through Stripe, end to end over HTTP', () => {
  let fake: FakeStripe;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeStripe('Monthly walkers'));
  });
  afterAll(() => stop?.());

  const deliver = (type: string, object: Record<string, unknown>, id?: string) =>
    deliverStripeEvent(platform, fake, type, object, id ? { id } : {});
  const giveMonthly = async (amountCents: number) => {
    const gift = await giveOnline(platform, ids.walkerId, amountCents, {
      frequency: 'monthly',
      donor: { name: 'Lotte Peeters', email: 'lotte@example.be' },
    });
    return { ...gift, sessionId: stripeSessionIn(gift.checkoutUrl) };
  };
  const invoicePaid = (invoiceId: string, id?: string) =>
    deliver('invoice.paid', { id: invoiceId, object: 'invoice', status: 'draft' }, id);

  it('opens a subscription checkout, counts the first invoice and each later one once, and the donor stops it', async () => {
    const start = await totalsOf(platform, ids);
    // the fake provider charges in 2026: the year's monthly statistics count each charge once
    const statsAtStart = await donorStatsOf(platform, 2026);
    const gift = await giveMonthly(12_50);
    const created = fake.requests.find(
      (request) =>
        request.method === 'POST' &&
        request.path === '/v1/checkout/sessions' &&
        request.body?.client_reference_id === gift.id,
    );
    expect(created?.idempotencyKey).toBe(`rw-checkout-${gift.id}`);
    expect(created?.body).toMatchObject({
      mode: 'subscription',
      'line_items[0][price_data][currency]': 'eur',
      'line_items[0][price_data][unit_amount]': '1250',
      'line_items[0][price_data][recurring][interval]': 'month',
      'subscription_data[metadata][rw_reference]': gift.id,
      customer_email: 'lotte@example.be',
    });
    expect(Object.keys(created?.body ?? {}).filter((key) => key.startsWith('payment_intent_data'))).toEqual([]);

    // paid at Stripe: the session completes (no money fact) and the first invoice is paid
    const first = fake.startSubscription(gift.sessionId);
    await deliver('checkout.session.completed', { id: gift.sessionId, object: 'checkout.session' }).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(start);
    expect((await donationOf(platform, gift.id)).status).toBe('pending');
    await invoicePaid(first.invoiceId, `evt_${first.invoiceId}`).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 12_50));
    expect(await donationOf(platform, gift.id)).toMatchObject({
      status: 'paid',
      frequency: 'monthly',
      amountCents: 12_50,
    });

    // a month later: one monthly charge, however often Stripe tells it
    const second = fake.chargeMonth(first.subscriptionId);
    for (let i = 0; i < 3; i++) await invoicePaid(second.invoiceId, `evt_${second.invoiceId}`).expect(200);
    await invoicePaid(second.invoiceId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 25_00));
    expect((await eventTypesOf(platform, gift.id)).filter((type) => type === 'MonthlyChargePaid')).toHaveLength(1);
    const stats = await donorStatsOf(platform, 2026);
    expect(stats.monthly.gifts).toBe(statsAtStart.monthly.gifts + 2);
    expect(stats.monthly.donors).toBe(statsAtStart.monthly.donors + 1);
    expect(stats.oneOff).toEqual(statsAtStart.oneOff);

    // the next month's payment fails: Stripe retries the invoice, nothing is counted or written
    const failed = fake.failMonth(first.subscriptionId);
    const head = await headOfStore(platform);
    await deliver('invoice.payment_failed', { id: failed, object: 'invoice' }).expect(200);
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 25_00));

    // the donor stops it through the private link of their confirmation: Stripe's subscription is cancelled
    const token = platform.app.get(PrivateLinks).token('cancel-monthly-gift', gift.id);
    const stopped = await platform.http.post(`/api/donations/${gift.id}/cancel-monthly?token=${token}`).expect(200);
    expect(stopped.body).toEqual({ id: gift.id, cancelled: true, by: 'donor' });
    expect(fake.subscription(first.subscriptionId).status).toBe('canceled');
    const cancels = () =>
      fake.requests.filter((r) => r.method === 'DELETE' && r.path === `/v1/subscriptions/${first.subscriptionId}`);
    expect(cancels()).toHaveLength(1);
    // Stripe confirms the end; stopping again asks Stripe nothing more
    await deliver('customer.subscription.deleted', { id: first.subscriptionId, object: 'subscription' }).expect(200);
    await platform.http.post(`/api/donations/${gift.id}/cancel-monthly?token=${token}`).expect(200);
    expect(cancels()).toHaveLength(1);

    // a charge Stripe made anyway (it was under way): recorded, flagged for finance, never a new gift
    const late = fake.chargeMonth(first.subscriptionId);
    await invoicePaid(late.invoiceId).expect(200);
    await invoicePaid(late.invoiceId).expect(200);
    const types = await eventTypesOf(platform, gift.id);
    expect(types.filter((type) => type === 'MonthlyChargePaidAfterCancellation')).toHaveLength(1);
    expect(types.filter((type) => type === 'MonthlyChargePaid')).toHaveLength(1);
    expect(await historyOf(platform, gift.id)).toEqual([
      'created 1250',
      'paid 1250',
      'monthly_charge_paid 1250',
      'stopped_by_donor',
      'monthly_charge_paid_after_stop 1250',
    ]);
  });

  it('lets finance stop a monthly gift: Stripe’s subscription is cancelled, and Stripe ending it is one stop', async () => {
    const gift = await giveMonthly(8_00);
    const { subscriptionId, invoiceId } = fake.startSubscription(gift.sessionId);
    await invoicePaid(invoiceId).expect(200);
    const auth = await platform.adminAuth();
    const stopped = await platform.http.post(`/api/donations/${gift.id}/cancel-monthly`).set(auth).expect(200);
    expect(stopped.body.by).toBe('finance');
    expect(fake.subscription(subscriptionId).status).toBe('canceled');
    await deliver('customer.subscription.deleted', { id: subscriptionId, object: 'subscription' }).expect(200);
    await deliver('customer.subscription.deleted', { id: subscriptionId, object: 'subscription' }).expect(200);
    expect(await historyOf(platform, gift.id)).toEqual(['created 800', 'paid 800', 'stopped_by_finance']);

    // Stripe gives up on another gift's subscription (failed retries): that gift is stopped, once
    const other = await giveMonthly(5_00);
    const started = fake.startSubscription(other.sessionId);
    await invoicePaid(started.invoiceId).expect(200);
    fake.endSubscription(started.subscriptionId);
    for (let i = 0; i < 2; i++) {
      await deliver('customer.subscription.deleted', { id: started.subscriptionId, object: 'subscription' }).expect(
        200,
      );
    }
    expect((await eventTypesOf(platform, other.id)).filter((type) => type === 'MonthlyDonationCancelled')).toHaveLength(
      1,
    );
  });
});

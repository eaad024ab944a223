import type { FakeStripe } from '@rw/payments/testing/fake-stripe';
import type { TestPlatform } from '../support/platform';
import {
  deliverStripeEvent,
  giveOnline,
  postStripeWebhook,
  startOnFakeStripe,
  statusOf,
  stripeSessionIn,
  type WalkingTeam,
} from '../support/provider-platforms';
import { donorStatsOf, headOfStore, movedBy, totalsOf } from '../support/totals';

/** The platform with the real Stripe adapter and SDK, against a scripted Stripe on a local port. */
describe('a gift through Stripe, end to end over HTTP', () => {
  let fake: FakeStripe;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeStripe('Stripe walkers'));
  });
  afterAll(() => stop?.());

  const deliver = (type: string, object: Record<string, unknown>, options: { id?: string; secret?: string } = {}) =>
    deliverStripeEvent(platform, fake, type, object, options);

  it('counts a paid gift once, a refund once, and refuses a forged delivery without writing', async () => {
    const start = await totalsOf(platform, ids);
    // the fake provider pays on the walk day of 2026: the donor statistics of that year move by one gift
    const statsAtStart = await donorStatsOf(platform, 2026);
    const gift = await giveOnline(platform, ids.walkerId, 25_00);
    const session = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(session?.idempotencyKey).toEqual(expect.stringContaining(gift.id));
    const sessionId = stripeSessionIn(gift.checkoutUrl);
    expect(gift.checkoutUrl).toBe(`https://checkout.stripe.test/c/pay/${sessionId}`);
    expect(fake.session(sessionId)).toMatchObject({ amount_total: 25_00, metadata: { rw_reference: gift.id } });
    expect(await totalsOf(platform, ids)).toEqual(start);

    // paid at Stripe; the event carries a stale copy of the session, the adapter re-fetches it
    const { chargeId } = fake.markPaid(sessionId);
    const completed = { id: sessionId, object: 'checkout.session', payment_status: 'unpaid' };
    await deliver('checkout.session.completed', completed, { id: 'evt_completed' }).expect(200);
    const paid = movedBy(start, 25_00);
    expect(await totalsOf(platform, ids)).toEqual(paid);
    expect(await statusOf(platform, gift.id)).toBe('paid');

    // Stripe delivers again (same event), then the same news as another event: nothing changes
    await deliver('checkout.session.completed', completed, { id: 'evt_completed' }).expect(200);
    await deliver('checkout.session.completed', completed, { id: 'evt_completed_again' }).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(paid);
    const stats = await donorStatsOf(platform, 2026);
    expect(stats.oneOff.gifts).toBe(statsAtStart.oneOff.gifts + 1);
    expect(stats.oneOff.donors).toBe(statsAtStart.oneOff.donors + 1);
    expect(stats.monthly).toEqual(statsAtStart.monthly);

    // a refund of 10.00 made at Stripe: counted once, however often told
    const refundId = fake.addRefund(chargeId, 10_00);
    const refunded = {
      id: chargeId,
      object: 'charge',
      refunds: { object: 'list', data: [{ id: refundId, object: 'refund', amount: 10_00, status: 'succeeded' }] },
    };
    await deliver('charge.refunded', refunded, { id: 'evt_refunded' }).expect(200);
    const afterRefund = movedBy(start, 15_00);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
    await deliver('charge.refunded', refunded, { id: 'evt_refunded' }).expect(200);
    await deliver('charge.refunded', refunded, { id: 'evt_refunded_again' }).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
    expect(await statusOf(platform, gift.id)).toBe('partially_refunded');

    // signed with another secret: 400, nothing written
    const head = await headOfStore(platform);
    const refused = await deliver('charge.refunded', refunded, { id: 'evt_forged', secret: 'whsec_not_ours' }).expect(
      400,
    );
    expect(refused.body.message).toMatch(/webhook refused/);
    const unsigned = await postStripeWebhook(platform, {
      payload: JSON.stringify({ id: 'evt_unsigned', type: 'charge.refunded', data: { object: refunded } }),
    }).expect(400);
    expect(unsigned.body.message).toMatch(/webhook refused/);
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
  });
});

import type { FakeStripe } from '@rw/payments/testing/fake-stripe';
import type { TestPlatform } from '../support/platform';
import {
  deliverStripeEvent,
  feeOf,
  giveOnline,
  movementsOf,
  postStripeWebhook,
  refundAsFinance,
  startOnFakeStripe,
  statusOf,
  stripeSessionIn,
  type WalkingTeam,
} from '../support/provider-platforms';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

/**
 * Webhook storms over HTTP through the real Stripe adapter and SDK: the same delivery again and again, deliveries
 * in reverse order, a refund before its payment, several deliveries for one gift at once. Each money movement is
 * recorded once and the totals end right. (Provider-neutral storms: payment-facts.e2e-spec.ts.)
 */
describe('Stripe webhook storms, end to end over HTTP', () => {
  let fake: FakeStripe;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeStripe('Stormy walkers'));
  });
  afterAll(() => stop?.());

  const deliver = (type: string, object: Record<string, unknown>, id?: string) =>
    deliverStripeEvent(platform, fake, type, object, id ? { id } : {});
  /** A gift of `amountCents` paid at Stripe, no webhook delivered yet. */
  const paidAtStripe = async (amountCents: number) => {
    const gift = await giveOnline(platform, ids.walkerId, amountCents);
    const sessionId = stripeSessionIn(gift.checkoutUrl);
    return { id: gift.id, sessionId, ...fake.markPaid(sessionId) };
  };
  const completed = (sessionId: string) => ({ id: sessionId, object: 'checkout.session' });

  it('counts the same checkout.session.completed delivered 10 times once, asking Stripe only the first time', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await paidAtStripe(25_00);
    const first = await deliver('checkout.session.completed', completed(gift.sessionId), 'evt_ten').expect(200);
    expect(first.body).toEqual({ received: true, facts: 1, applied: 1 });
    const asked = fake.requests.length;
    for (let i = 0; i < 9; i++) {
      const again = await deliver('checkout.session.completed', completed(gift.sessionId), 'evt_ten').expect(200);
      expect(again.body).toEqual({ received: true, facts: 0, applied: 0, duplicate: true });
    }
    expect(fake.requests.length).toBe(asked);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 25_00));
    expect(movementsOf(platform, gift.id)).toHaveLength(1);

    // the id alone proves nothing: the same event id under a forged signature is still refused
    const { payload } = fake.signedEvent('checkout.session.completed', completed(gift.sessionId), { id: 'evt_ten' });
    const forged = fake.signedEvent('checkout.session.completed', completed(gift.sessionId), {
      id: 'evt_ten',
      secret: 'whsec_not_ours',
    });
    await postStripeWebhook(platform, { payload, signature: forged.signature }).expect(400);
  });

  it('ends right when a paid, refunded and charged-back gift’s webhooks arrive in reverse order', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await paidAtStripe(60_00);
    fake.setFee(gift.chargeId, 115);
    const refundId = fake.addRefund(gift.chargeId, 20_00);
    const disputeId = fake.addDispute(gift.paymentIntentId, 40_00);
    const inOrder = [
      () => deliver('checkout.session.completed', completed(gift.sessionId), `evt_${gift.id}_1`),
      () => deliver('charge.updated', { id: gift.chargeId, object: 'charge' }, `evt_${gift.id}_2`),
      () => deliver('refund.updated', { id: refundId, object: 'refund', charge: gift.chargeId }, `evt_${gift.id}_3`),
      () => deliver('charge.dispute.created', { id: disputeId, object: 'dispute' }, `evt_${gift.id}_4`),
    ];
    // the dispute and the refund come first: nothing to take back yet, Stripe is told to retry (no 2xx)
    const first: number[] = [];
    for (const delivery of [...inOrder].reverse()) first.push((await delivery()).status);
    expect(first).toEqual([409, 409, 200, 200]);
    for (const delivery of inOrder) await delivery().expect(200);
    for (const delivery of [...inOrder].reverse()) await delivery().expect(200);
    expect(await totalsOf(platform, ids)).toEqual(start);
    expect(movementsOf(platform, gift.id).map((m) => [m.kind, m.amountCents])).toEqual([
      ['chargeback', -40_00],
      ['payment', 60_00],
      ['refund', -20_00],
    ]);
    expect(feeOf(platform, gift.id)).toBe(115);
    expect(await statusOf(platform, gift.id)).toBe('charged_back');
  });

  it('refuses a refund webhook that comes before its payment’s without writing, then counts the refund once', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await paidAtStripe(30_00);
    const refundId = fake.addRefund(gift.chargeId, 30_00);
    const refund = { id: gift.chargeId, object: 'charge', refunds: { object: 'list', data: [{ id: refundId }] } };
    const head = await headOfStore(platform);
    const early = await deliver('charge.refunded', refund, `evt_${gift.id}_refund`);
    expect(early.status).toBe(409);
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(start);

    await deliver('checkout.session.completed', completed(gift.sessionId)).expect(200);
    for (let i = 0; i < 3; i++) await deliver('charge.refunded', refund, `evt_${gift.id}_refund`).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(start);
    expect(await statusOf(platform, gift.id)).toBe('refunded');
    expect(movementsOf(platform, gift.id)).toHaveLength(2);
  });

  it('applies several webhooks for one gift processed at the same time, each movement once', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await paidAtStripe(45_00);
    fake.setFee(gift.chargeId, 90);
    const results = await Promise.all([
      deliver('checkout.session.completed', completed(gift.sessionId), `evt_${gift.id}_a`),
      deliver('checkout.session.completed', completed(gift.sessionId), `evt_${gift.id}_b`),
      deliver('charge.succeeded', { id: gift.chargeId, object: 'charge' }, `evt_${gift.id}_c`),
      deliver('checkout.session.completed', completed(gift.sessionId), `evt_${gift.id}_a`),
    ]);
    expect(results.map((result) => result.status)).toEqual([200, 200, 200, 200]);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 45_00));
    expect(movementsOf(platform, gift.id)).toEqual([{ kind: 'payment', amountCents: 45_00 }]);
    expect(feeOf(platform, gift.id)).toBe(90);
  });

  it('keeps the provider’s fee as a cost after a refund: the recorded fee is unchanged, raised drops by the refund only', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await paidAtStripe(50_00);
    fake.setFee(gift.chargeId, 98);
    await deliver('checkout.session.completed', completed(gift.sessionId)).expect(200);
    expect(feeOf(platform, gift.id)).toBe(98);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 50_00));

    // finance refunds 20.00 through the API; it counts once Stripe confirms it
    const asked = await refundAsFinance(platform, gift.id, 20_00);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 50_00));
    const refundId = asked.body.providerRefundId as string;
    fake.confirmRefund(refundId);
    await deliver('refund.updated', { id: refundId, object: 'refund', charge: gift.chargeId }).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 30_00));
    expect(feeOf(platform, gift.id)).toBe(98);
    expect(await statusOf(platform, gift.id)).toBe('partially_refunded');
  });
});

import type { FakeMollie } from '@rw/payments/testing/fake-mollie';
import type { TestPlatform } from '../support/platform';
import {
  deliverMollieWebhook,
  feeOf,
  giveOnline,
  molliePaymentIn,
  movementsOf,
  refundAsFinance,
  startOnFakeMollie,
  statusOf,
  type WalkingTeam,
} from '../support/provider-platforms';
import { movedBy, totalsOf } from '../support/totals';

/**
 * Webhook storms over HTTP through the real Mollie adapter and client. Mollie's webhook names only the payment, so
 * each delivery reads the payment's whole state now: the same delivery again and again, the payment and its refund
 * seen for the first time in one delivery, and several deliveries at once must each count every movement once.
 */
describe('Mollie webhook storms, end to end over HTTP', () => {
  let fake: FakeMollie;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeMollie('Stormy Mollie walkers'));
  });
  afterAll(() => stop?.());

  const deliver = (paymentId: string) => deliverMollieWebhook(platform, paymentId);
  const give = async (amountCents: number) => {
    const gift = await giveOnline(platform, ids.walkerId, amountCents);
    return { id: gift.id, paymentId: molliePaymentIn(gift.checkoutUrl) };
  };
  const movementLinesOf = (donationId: string) =>
    movementsOf(platform, donationId).map((movement) => `${movement.kind} ${movement.amountCents}`);

  it('counts a paid payment delivered 10 times once', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await give(25_00);
    fake.markPaid(gift.paymentId);
    for (let i = 0; i < 10; i++) await deliver(gift.paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 25_00));
    expect(movementLinesOf(gift.id)).toEqual(['payment 2500']);
  });

  it('counts right when the first delivery already shows the payment refunded and charged back', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await give(40_00);
    fake.markPaid(gift.paymentId);
    fake.addRefund(gift.paymentId, 15_00);
    fake.addChargeback(gift.paymentId, 25_00);
    await deliver(gift.paymentId).expect(200);
    await deliver(gift.paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(start);
    expect(movementLinesOf(gift.id)).toEqual(['chargeback -2500', 'payment 4000', 'refund -1500']);
    expect(await statusOf(platform, gift.id)).toBe('charged_back');
  });

  it('applies several deliveries for one payment processed at the same time, each movement once', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await give(30_00);
    fake.markPaid(gift.paymentId);
    fake.addRefund(gift.paymentId, 10_00);
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(gift.paymentId)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 20_00));
    expect(movementLinesOf(gift.id)).toEqual(['payment 3000', 'refund -1000']);
  });

  it('leaves Mollie’s fee unknown, never zero, also after a refund asked by finance: raised drops by the refund only', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await give(50_00);
    fake.markPaid(gift.paymentId);
    // Mollie's paid payment states a settlementAmount equal to its amount: that is no fee of 0
    expect(fake.payment(gift.paymentId).settlementAmount).toEqual({ value: '50.00', currency: 'EUR' });
    await deliver(gift.paymentId).expect(200);
    expect(feeOf(platform, gift.id)).toBeNull();
    const asked = await refundAsFinance(platform, gift.id, 20_00);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 50_00));
    fake.confirmRefund(asked.body.providerRefundId);
    await deliver(gift.paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 30_00));
    expect(feeOf(platform, gift.id)).toBeNull();
  });
});

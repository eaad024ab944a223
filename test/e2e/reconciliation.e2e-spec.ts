import type { PaymentProvider } from '@rw/payments';
import { FakeMollie } from '@rw/payments/testing/fake-mollie';
import { FakeStripe } from '@rw/payments/testing/fake-stripe';
import { ProjectionService } from '../../apps/platform/src/infrastructure/projection.service';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { startPlatform, type TestPlatform } from '../support/platform';
import {
  giveOnline,
  molliePaymentIn,
  mollieProviderOn,
  registerWalkingTeam,
  statusOf,
  stripeProviderOn,
  stripeSessionIn,
  type WalkingTeam,
} from '../support/provider-platforms';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * What one provider lets the test do at its side, without any webhook reaching the platform: pay a checkout, refund
 * or charge back part of it in the provider's dashboard.
 */
interface ProviderSide {
  provider: PaymentProvider;
  pay(checkoutUrl: string): void;
  refundInDashboard(checkoutUrl: string, cents: number): void;
  chargeBack(checkoutUrl: string, cents: number): void;
  stop(): Promise<void> | void;
}

async function stripeSide(): Promise<ProviderSide> {
  const fake = await FakeStripe.start();
  const paid = new Map<string, { paymentIntentId: string; chargeId: string }>();
  return {
    provider: stripeProviderOn(fake),
    pay: (url) => paid.set(url, fake.markPaid(stripeSessionIn(url))),
    refundInDashboard: (url, cents) => fake.addRefund(paid.get(url)?.chargeId ?? '', cents),
    chargeBack: (url, cents) => fake.addDispute(paid.get(url)?.paymentIntentId ?? '', cents),
    stop: () => fake.stop(),
  };
}

async function mollieSide(): Promise<ProviderSide> {
  const fake = FakeMollie.start();
  return {
    provider: mollieProviderOn(fake),
    pay: (url) => fake.markPaid(molliePaymentIn(url)),
    refundInDashboard: (url, cents) => fake.addRefund(molliePaymentIn(url), cents),
    chargeBack: (url, cents) => fake.addChargeback(molliePaymentIn(url), cents),
    stop: () => fake.stop(),
  };
}

describe.each([
  ['Stripe', stripeSide],
  ['Mollie', mollieSide],
])('reconciliation with %s: refunds and charge-backs whose webhook was lost', (_name, startSide) => {
  let side: ProviderSide;
  let platform: TestPlatform;
  let now = Date.parse('2026-09-27T10:00:00.000Z');
  let ids: WalkingTeam;

  beforeAll(async () => {
    side = await startSide();
    platform = await startPlatform(
      { RECONCILE_PENDING_AFTER_MINUTES: '30', RECONCILE_PAID_WITHIN_DAYS: '60' },
      undefined,
      { paymentProvider: side.provider, clock: () => new Date(now) },
    );
    ids = await registerWalkingTeam(platform, 'Reconciled walkers');
  });
  afterAll(async () => {
    await platform?.dispose();
    await side?.stop();
  });

  const give = (amountCents: number) => giveOnline(platform, ids.walkerId, amountCents);

  it('picks up a dashboard refund and a charge-back of a paid gift, once, and a second run changes nothing', async () => {
    const reconciliation = platform.app.get(Reconciliation);
    const start = await totalsOf(platform, ids);
    const gift = await give(50_00);
    side.pay(gift.checkoutUrl);
    now += 31 * MINUTE;
    // every webhook lost: the pending gift is found paid
    expect(await reconciliation.runOnce()).toMatchObject({ failed: 0 });
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 50_00));
    expect(await statusOf(platform, gift.id)).toBe('paid');

    // ten days later, refunded (12.00) in the provider's dashboard; that webhook is lost too
    now += 10 * DAY;
    side.refundInDashboard(gift.checkoutUrl, 12_00);
    const first = await reconciliation.runOnce();
    expect(first).toMatchObject({ changed: 1, failed: 0 });
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 38_00));
    expect(await statusOf(platform, gift.id)).toBe('partially_refunded');

    const head = await headOfStore(platform);
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 0, failed: 0 });
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 38_00));

    // a charge-back of the rest (38.00) by the payer's bank: out of raised, once
    side.chargeBack(gift.checkoutUrl, 38_00);
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 1, failed: 0 });
    expect(await totalsOf(platform, ids)).toEqual(start);
    expect(await statusOf(platform, gift.id)).toBe('charged_back');
    const settled = await headOfStore(platform);
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 0, failed: 0 });
    expect(await headOfStore(platform)).toBe(settled);
    expect(await totalsOf(platform, ids)).toEqual(start);
  });

  it('runs each scheduled round once, claimed in the event store, and the next period its own', async () => {
    const reconciliation = platform.app.get(Reconciliation);
    const gift = await give(15_00);
    side.pay(gift.checkoutUrl);
    now += 31 * MINUTE;
    // a period of RECONCILE_EVERY_MINUTES (10): the first call runs it, a second in the same period does not
    const first = await reconciliation.scheduledRound();
    expect(first).toMatchObject({ changed: 1, failed: 0 });
    expect(await statusOf(platform, gift.id)).toBe('paid');
    const head = await headOfStore(platform);
    expect(await reconciliation.scheduledRound()).toBeNull();
    expect(await headOfStore(platform)).toBe(head);
    now += 10 * MINUTE;
    expect(await reconciliation.scheduledRound()).toMatchObject({ failed: 0 });
  });

  it('no longer looks up a gift paid more than RECONCILE_PAID_WITHIN_DAYS ago', async () => {
    const reconciliation = platform.app.get(Reconciliation);
    const gift = await give(20_00);
    side.pay(gift.checkoutUrl);
    now += 31 * MINUTE;
    await reconciliation.runOnce();
    expect(await statusOf(platform, gift.id)).toBe('paid');
    const before = await totalsOf(platform, ids);
    const paidAt = (
      platform.app
        .get(ProjectionService)
        .db.prepare('SELECT paid_at AS paidAt FROM donations WHERE donation_id = ?')
        .get(gift.id) as { paidAt: string }
    ).paidAt;

    now = Date.parse(paidAt) + 61 * DAY;
    side.refundInDashboard(gift.checkoutUrl, 5_00);
    await reconciliation.runOnce();
    expect(await totalsOf(platform, ids)).toEqual(before);
    expect(await statusOf(platform, gift.id)).toBe('paid');
  });
});

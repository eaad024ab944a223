import { FakeMollie } from '@rw/payments/testing/fake-mollie';
import { parse } from 'csv-parse/sync';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { binary } from '../support/binary';
import { startPlatform, type TestPlatform } from '../support/platform';
import {
  deliverMollieWebhook,
  eventTypesOf,
  giveOnline,
  molliePaymentIn,
  mollieProviderOn,
  movementsOf,
  registerWalkingTeam,
  startOnFakeMollie,
  statusOf,
  type WalkingTeam,
} from '../support/provider-platforms';
import { donorStatsOf, headOfStore, totalsOf } from '../support/totals';

/**
 * The finance export (CSV) of every day: one gift's rows as `day time movement gross` (and `fee unknown` on a payment
 * whose fee Mollie never states), and its edition's gross sum.
 */
async function exportOf(platform: TestPlatform, donationId: string) {
  const response = await platform.http
    .get('/api/finance/export?from=2000-01-01&to=2100-12-31&format=csv')
    .set(await platform.adminAuth())
    .buffer(true)
    .parse(binary)
    .expect(200);
  const rows = parse((response.body as Buffer).toString('utf8'), {
    delimiter: ';',
    bom: true,
    from_line: 2,
  }) as string[][];
  const editionName = rows.find((f) => f[3] === donationId)?.[13];
  const cents = (euros: string) => Math.round(Number(euros.replace(',', '.')) * 100);
  return {
    rows: rows
      .filter((f) => f[3] === donationId)
      .map((f) => `${f[0]} ${f[1]} ${f[2]} ${f[6]}${f[15] ? ` fee ${f[15]}` : ''}`),
    editionGrossCents: rows
      .filter((f) => f[2] !== 'registration_fee' && f[2] !== 'provider_fee' && f[13] === editionName)
      .reduce((sum, f) => sum + cents(f[6]), 0),
  };
}

const everywhere = (cents: number) => ({
  walker: cents,
  team: cents,
  edition: cents,
  teamOnBoard: cents,
  walkerOnBoard: cents,
});

/**
 * Mollie chargebacks over HTTP through the real adapter and client: the amount as Mollie's own payloads write it
 * (negative), and a chargeback the payer's bank gives back (`reversedAt`), which only reconciliation may see.
 */
describe('Mollie chargebacks and their reversal, end to end over HTTP', () => {
  let fake: FakeMollie;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeMollie('Charged-back walkers'));
  });
  afterAll(() => stop?.());

  it('counts a chargeback written -13.00 once, then its reversal gives the 13.00 back, to the cent everywhere', async () => {
    expect(await totalsOf(platform, ids)).toEqual(everywhere(0));
    const statsAtStart = await donorStatsOf(platform, 2026);
    const gift = await giveOnline(platform, ids.walkerId, 25_00, {
      donor: { name: 'Bram Peeters', email: 'bram.chargeback@example.be' },
    });
    const paymentId = molliePaymentIn(gift.checkoutUrl);
    fake.markPaid(paymentId);
    await deliverMollieWebhook(platform, paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(everywhere(25_00));
    const paidStats = await donorStatsOf(platform, 2026);
    expect(paidStats.oneOff).toEqual({
      donors: statsAtStart.oneOff.donors + 1,
      gifts: statsAtStart.oneOff.gifts + 1,
      averageGiftCents: 25_00,
    });

    // the payer's bank takes 13.00 back; Mollie writes the chargeback's amount as -13.00
    const chargebackId = fake.addChargeback(paymentId, 13_00);
    expect(fake.paymentAsAnswered(paymentId, ['chargebacks'])).toMatchObject({
      status: 'paid',
      amountChargedBack: { value: '13.00', currency: 'EUR' },
      _embedded: { chargebacks: [{ id: chargebackId, amount: { value: '-13.00', currency: 'EUR' } }] },
    });
    for (let i = 0; i < 3; i++) await deliverMollieWebhook(platform, paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(everywhere(12_00));
    expect(await statusOf(platform, gift.id)).toBe('charged_back');

    // given back: Mollie marks the chargeback reversed; the same webhook, delivered again, counts it once
    fake.reverseChargeback(paymentId, chargebackId, '2026-10-20T09:00:00+00:00');
    await deliverMollieWebhook(platform, paymentId).expect(200);
    const head = await headOfStore(platform);
    await deliverMollieWebhook(platform, paymentId).expect(200);
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(everywhere(25_00));
    expect(await statusOf(platform, gift.id)).toBe('paid');
    expect(
      (await eventTypesOf(platform, gift.id)).filter(
        (type) => type.includes('Chargeback') || type.includes('ChargedBack'),
      ),
    ).toEqual(['DonationChargedBack', 'DonationChargebackReversed']);

    // a gift counts once paid in the donor statistics: the chargeback and its reversal change nothing there
    expect(await donorStatsOf(platform, 2026)).toEqual(paidStats);
    // the ledger and its export: the payment, the chargeback and its reversal, each once, in Brussels time
    expect(movementsOf(platform, gift.id)).toEqual([
      { kind: 'chargeback', amountCents: -13_00 },
      { kind: 'chargeback_reversed', amountCents: 13_00 },
      { kind: 'payment', amountCents: 25_00 },
    ]);
    const exported = await exportOf(platform, gift.id);
    expect(exported.rows).toEqual([
      '2026-09-27 12:03:00 gift_paid 25,00 fee unknown',
      '2026-09-27 15:00:00 chargeback -13,00',
      '2026-10-20 11:00:00 chargeback_reversed 13,00',
    ]);
    expect(exported.editionGrossCents).toBe(25_00);
  });
});

describe('Mollie: reconciliation finds a chargeback and its reversal whose webhooks were lost', () => {
  let fake: FakeMollie;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let now = Date.parse('2026-09-27T10:00:00.000Z');

  beforeAll(async () => {
    fake = FakeMollie.start();
    platform = await startPlatform(
      { RECONCILE_PENDING_AFTER_MINUTES: '30', RECONCILE_PAID_WITHIN_DAYS: '60' },
      undefined,
      { paymentProvider: mollieProviderOn(fake), clock: () => new Date(now) },
    );
    ids = await registerWalkingTeam(platform, 'Reconciled chargebacks');
  });
  afterAll(async () => {
    await platform?.dispose();
    fake?.stop();
  });

  it('counts the payment, then the chargeback and its reversal seen together: raised stays whole, each once', async () => {
    const reconciliation = platform.app.get(Reconciliation);
    const gift = await giveOnline(platform, ids.walkerId, 40_00);
    const paymentId = molliePaymentIn(gift.checkoutUrl);
    fake.markPaid(paymentId);
    now += 31 * 60_000;
    expect(await reconciliation.runOnce()).toMatchObject({ failed: 0 });
    expect(await totalsOf(platform, ids)).toEqual(everywhere(40_00));

    // charged back and given back while every webhook was lost: Mollie's payment webhook would only have said the
    // chargeback arrived; reconciliation reads the reversal too
    const chargebackId = fake.addChargeback(paymentId, 40_00);
    fake.reverseChargeback(paymentId, chargebackId, '2026-10-02T08:00:00+00:00');
    now += 5 * 24 * 60 * 60_000;
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 1, failed: 0 });
    expect(await totalsOf(platform, ids)).toEqual(everywhere(40_00));
    expect(await statusOf(platform, gift.id)).toBe('paid');
    const head = await headOfStore(platform);
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 0, failed: 0 });
    expect(await headOfStore(platform)).toBe(head);
    const exported = await exportOf(platform, gift.id);
    expect(exported.rows).toEqual([
      '2026-09-27 12:03:00 gift_paid 40,00 fee unknown',
      '2026-09-27 15:00:00 chargeback -40,00',
      '2026-10-02 10:00:00 chargeback_reversed 40,00',
    ]);
    expect(exported.editionGrossCents).toBe(40_00);
  });
});

import { FakeStripe } from '@rw/payments/testing/fake-stripe';
import { parse } from 'csv-parse/sync';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { binary } from '../support/binary';
import { startPlatform, type TestPlatform } from '../support/platform';
import {
  deliverStripeEvent,
  giveOnline,
  historyOf,
  refundAsFinance,
  registerWalkingTeam,
  startOnFakeStripe,
  statusOf,
  stripeProviderOn,
  stripeSessionIn,
  type WalkingTeam,
} from '../support/provider-platforms';
import { donorStatsOf, headOfStore, movedBy, totalsOf } from '../support/totals';

/** The ledger rows of 2026 (`GET /api/finance/export`, CSV) with their amounts in cents. */
async function ledgerOf(platform: TestPlatform) {
  const response = await platform.http
    .get('/api/finance/export?from=2026-01-01&to=2026-12-31&format=csv')
    .set(await platform.adminAuth())
    .buffer(true)
    .parse(binary)
    .expect(200);
  const records = parse((response.body as Buffer).toString('utf8'), {
    delimiter: ';',
    bom: true,
    from_line: 2,
  }) as string[][];
  const cents = (value: string | undefined) => Number((value ?? '').replace(/\./g, '').replace(',', ''));
  return records.map((fields) => ({
    donationId: fields[3],
    movement: fields[2],
    gross: cents(fields[6]),
    fee: cents(fields[7]),
    net: cents(fields[8]),
    feeStatus: fields[15],
  }));
}

/** One gift's ledger rows as `movement gross|fee|net`, sorted. */
const rowsOf = (rows: Awaited<ReturnType<typeof ledgerOf>>, donationId: string) =>
  rows
    .filter((row) => row.donationId === donationId)
    .map((row) => `${row.movement} ${row.gross}|${row.fee}|${row.net}`)
    .sort();

const raised = (cents: number) => movedBy({ walker: 0, team: 0, edition: 0, teamOnBoard: 0, walkerOnBoard: 0 }, cents);

/**
 * Stripe's money as Stripe reports it (its real event and object shapes, see fake-stripe.spec.ts), end to end over
 * HTTP with signed webhooks: a card declined inside an open checkout, then paid or left to expire; an inquiry; a
 * lost and a won dispute; a refund that fails after it went through. Each ends with the exact totals of the walker,
 * team, edition and leaderboards, the donor statistics, and the finance export reconciling to the cent.
 */
describe('Stripe money truth, end to end over HTTP', () => {
  let fake: FakeStripe;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  // a platform of its own per case: every total starts at zero, so each is exact
  beforeEach(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeStripe('Truthful walkers'));
  });
  afterEach(() => stop?.());

  const deliver = (type: string, id: string, eventId?: string) =>
    deliverStripeEvent(platform, fake, type, { id }, eventId ? { id: eventId } : {});
  const give = async (amountCents: number, email: string) => {
    const gift = await giveOnline(platform, ids.walkerId, amountCents, { donor: { name: 'Sofie Claes', email } });
    return { id: gift.id, sessionId: stripeSessionIn(gift.checkoutUrl) };
  };
  const paid = async (amountCents: number, email: string) => {
    const gift = await give(amountCents, email);
    const payment = fake.markPaid(gift.sessionId);
    await deliver('checkout.session.completed', gift.sessionId).expect(200);
    return { ...gift, ...payment };
  };

  const ledger = () => ledgerOf(platform);
  /** The export reconciles with the raised amounts: its gifts' gross is what was raised, its net that minus fees. */
  const expectLedgerToReconcile = async (raisedCents: number, feeCents: number) => {
    const rows = await ledger();
    expect(rows.reduce((sum, row) => sum + row.gross, 0)).toBe(raisedCents);
    expect(rows.reduce((sum, row) => sum + row.fee, 0)).toBe(feeCents);
    expect(rows.reduce((sum, row) => sum + row.net, 0)).toBe(raisedCents - feeCents);
    expect((await totalsOf(platform, ids)).edition).toBe(raisedCents);
    return rows;
  };
  const noDonors = { donors: 0, gifts: 0, averageGiftCents: 0 };

  it('keeps a gift pending after a declined card in an open checkout, and counts it once paid in the same session', async () => {
    const gift = await give(25_00, 'retry@example.be');
    const declined = fake.decline(gift.sessionId, 'insufficient_funds');
    const attempt = await deliver('payment_intent.payment_failed', declined.paymentIntentId, 'evt_declined').expect(
      200,
    );
    expect(attempt.body).toMatchObject({ received: true, facts: 1 });
    expect(await statusOf(platform, gift.id)).toBe('pending');
    expect(await historyOf(platform, gift.id)).toContain('attempt_declined');
    // the result page says why, and sends the donor back to the same checkout
    const page = await platform.http.get(`/donations/${gift.id}/result`).expect(200);
    expect(page.text).toContain('Your card has insufficient funds. insufficient_funds');
    expect(page.text).toContain(`https://checkout.stripe.test/c/pay/${gift.sessionId}`);
    expect(await totalsOf(platform, ids)).toEqual(raised(0));

    fake.markPaid(gift.sessionId);
    await deliver('checkout.session.completed', gift.sessionId, 'evt_completed').expect(200);
    // Stripe retries both, and the decline's event may come again late: nothing moves twice
    await deliver('checkout.session.completed', gift.sessionId, 'evt_completed').expect(200);
    await deliver('checkout.session.completed', gift.sessionId, 'evt_completed_again').expect(200);
    await deliver('payment_intent.payment_failed', declined.paymentIntentId, 'evt_declined').expect(200);
    await deliver('payment_intent.payment_failed', declined.paymentIntentId, 'evt_declined_late').expect(200);
    expect(await statusOf(platform, gift.id)).toBe('paid');
    expect(await totalsOf(platform, ids)).toEqual(raised(25_00));
    expect((await donorStatsOf(platform, 2026)).oneOff).toEqual({ donors: 1, gifts: 1, averageGiftCents: 25_00 });
    const rows = await expectLedgerToReconcile(25_00, 0);
    // Stripe has not reported its fee on this payment yet: unknown, not zero
    expect(rows.find((row) => row.donationId === gift.id && row.movement === 'gift_paid')?.feeStatus).toBe('unknown');
    expect(rowsOf(rows, gift.id)).toEqual(['gift_paid 2500|0|2500']);
  });

  it('expires a gift declined and then left: 200 to every delivery and retry, nothing counted', async () => {
    const gift = await give(25_00, 'gone@example.be');
    const declined = fake.decline(gift.sessionId, 'generic_decline');
    await deliver('payment_intent.payment_failed', declined.paymentIntentId, 'evt_declined').expect(200);
    expect(await statusOf(platform, gift.id)).toBe('pending');

    fake.expire(gift.sessionId);
    await deliver('checkout.session.expired', gift.sessionId, 'evt_expired').expect(200);
    expect(await statusOf(platform, gift.id)).toBe('expired');
    for (const [type, id, eventId] of [
      ['checkout.session.expired', gift.sessionId, 'evt_expired'],
      ['checkout.session.expired', gift.sessionId, 'evt_expired_again'],
      ['payment_intent.payment_failed', declined.paymentIntentId, 'evt_declined'],
      ['payment_intent.payment_failed', declined.paymentIntentId, 'evt_declined_again'],
    ] as const) {
      await deliver(type, id, eventId).expect(200);
    }
    expect(await statusOf(platform, gift.id)).toBe('expired');
    expect(await totalsOf(platform, ids)).toEqual(raised(0));
    expect(await donorStatsOf(platform, 2026)).toMatchObject({ oneOff: noDonors, monthly: noDonors });
    const rows = await expectLedgerToReconcile(0, 0);
    expect(rowsOf(rows, gift.id)).toEqual([]);
  });

  it('moves no money on an inquiry: the gift stays paid and counted', async () => {
    const gift = await paid(40_00, 'asked@example.be');
    fake.setFee(gift.chargeId, 1_20);
    await deliver('charge.updated', gift.chargeId).expect(200);
    const disputeId = fake.addDispute(gift.paymentIntentId, 40_00, { inquiry: true });
    const created = await deliver('charge.dispute.created', disputeId).expect(200);
    expect(created.body).toMatchObject({ received: true, facts: 0 });
    await deliver('charge.dispute.updated', disputeId).expect(200);
    fake.closeDispute(disputeId, 'won');
    await deliver('charge.dispute.closed', disputeId).expect(200);
    expect(await statusOf(platform, gift.id)).toBe('paid');
    expect(await totalsOf(platform, ids)).toEqual(raised(40_00));
    expect((await donorStatsOf(platform, 2026)).oneOff).toEqual({ donors: 1, gifts: 1, averageGiftCents: 40_00 });
    const rows = await expectLedgerToReconcile(40_00, 1_20);
    expect(rowsOf(rows, gift.id)).toEqual(['gift_paid 4000|0|4000', 'provider_fee 0|120|-120']);
    // the payment's row says its fee is known (the fee itself is the row of its own)
    expect(rows.find((row) => row.donationId === gift.id && row.movement === 'gift_paid')?.feeStatus).toBe('known');
  });

  it('takes a lost dispute out of raised and gives a won one back, each dispute fee a cost', async () => {
    // lost: the funds withdrawn stay withdrawn
    const lost = await paid(30_00, 'lost@example.be');
    const lostDispute = fake.addDispute(lost.paymentIntentId, 30_00, { feeCents: 15_00 });
    await deliver('charge.dispute.created', lostDispute).expect(200);
    await deliver('charge.dispute.funds_withdrawn', lostDispute).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(0));
    fake.closeDispute(lostDispute, 'lost');
    await deliver('charge.dispute.closed', lostDispute).expect(200);
    expect(await statusOf(platform, lost.id)).toBe('charged_back');
    expect(await totalsOf(platform, ids)).toEqual(raised(0));

    // won: withdrawn, then reinstated
    const won = await paid(50_00, 'won@example.be');
    const wonDispute = fake.addDispute(won.paymentIntentId, 50_00, { feeCents: 15_00 });
    await deliver('charge.dispute.funds_withdrawn', wonDispute, 'evt_withdrawn').expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(0));
    fake.closeDispute(wonDispute, 'won');
    await deliver('charge.dispute.closed', wonDispute, 'evt_closed').expect(200);
    await deliver('charge.dispute.funds_reinstated', wonDispute, 'evt_reinstated').expect(200);
    await deliver('charge.dispute.funds_reinstated', wonDispute, 'evt_reinstated').expect(200);
    await deliver('charge.dispute.funds_withdrawn', wonDispute, 'evt_withdrawn_late').expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(50_00));

    // won before any webhook reached us: the closing event alone ends right
    const late = await paid(20_00, 'late@example.be');
    const lateDispute = fake.addDispute(late.paymentIntentId, 20_00, { feeCents: 15_00 });
    fake.closeDispute(lateDispute, 'won', { feeRefunded: true });
    await deliver('charge.dispute.closed', lateDispute).expect(200);
    await deliver('charge.dispute.closed', lateDispute).expect(200);

    expect(await totalsOf(platform, ids)).toEqual(raised(70_00));
    expect((await donorStatsOf(platform, 2026)).oneOff).toEqual({ donors: 3, gifts: 3, averageGiftCents: 33_33 });
    const rows = await expectLedgerToReconcile(70_00, 30_00);
    expect(rowsOf(rows, lost.id)).toEqual([
      'chargeback -3000|0|-3000',
      'gift_paid 3000|0|3000',
      'provider_fee 0|1500|-1500',
    ]);
    expect(rowsOf(rows, won.id)).toEqual([
      'chargeback -5000|0|-5000',
      'chargeback_reversed 5000|0|5000',
      'gift_paid 5000|0|5000',
      'provider_fee 0|1500|-1500',
    ]);
    expect(rowsOf(rows, late.id)).toEqual([
      'chargeback -2000|0|-2000',
      'chargeback_reversed 2000|0|2000',
      'gift_paid 2000|0|2000',
    ]);
  });

  it('counts a refund back in when it fails after it went through', async () => {
    const gift = await paid(60_00, 'refund@example.be');
    const asked = await refundAsFinance(platform, gift.id, 20_00);
    const refundId = asked.body.providerRefundId as string;
    expect(await totalsOf(platform, ids)).toEqual(raised(60_00));
    fake.confirmRefund(refundId);
    await deliver('refund.updated', refundId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(40_00));
    expect(await statusOf(platform, gift.id)).toBe('partially_refunded');

    fake.failRefund(refundId);
    await deliver('refund.failed', refundId, 'evt_refund_failed').expect(200);
    await deliver('refund.failed', refundId, 'evt_refund_failed').expect(200);
    await deliver('charge.refund.updated', refundId, 'evt_refund_updated').expect(200);
    await deliver('refund.updated', refundId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(60_00));
    expect((await donorStatsOf(platform, 2026)).oneOff).toEqual({ donors: 1, gifts: 1, averageGiftCents: 60_00 });
    const rows = await expectLedgerToReconcile(60_00, 0);
    expect(rowsOf(rows, gift.id)).toEqual([
      'gift_paid 6000|0|6000',
      'refund -2000|0|-2000',
      'refund_reversed 2000|0|2000',
    ]);
  });

  it('refunds once on a double click or a reload without an Idempotency-Key: the key comes from the request', async () => {
    const gift = await paid(40_00, 'double-click@example.be');
    const auth = await platform.adminAuth();
    const click = () => platform.http.post(`/api/donations/${gift.id}/refunds`).set(auth).send({ amountCents: 15_00 });
    const [first, second] = await Promise.all([click(), click()]);
    expect([first.status, second.status]).toEqual([201, 201]);
    expect(second.body.providerRefundId).toBe(first.body.providerRefundId);
    expect(second.body.refunds[0].idempotencyKey).toBe(first.body.refunds[0].idempotencyKey);
    // and a reload before Stripe confirmed it asks for the same refund again
    const reload = await click().expect(201);
    expect(reload.body.providerRefundId).toBe(first.body.providerRefundId);
    const asked = fake.requests.filter((request) => request.method === 'POST' && request.path === '/v1/refunds');
    expect(new Set(asked.map((request) => request.idempotencyKey)).size).toBe(1);
    fake.confirmRefund(first.body.providerRefundId);
    await deliver('refund.updated', first.body.providerRefundId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(25_00));
    expect(await totalsOf(platform, ids)).toEqual(raised(25_00));
    // a second refund of the same amount is asked with a key of its own
    const again = await platform.http
      .post(`/api/donations/${gift.id}/refunds`)
      .set(auth)
      .set('Idempotency-Key', 'second-refund')
      .send({ amountCents: 15_00 })
      .expect(201);
    expect(again.body.providerRefundId).not.toBe(first.body.providerRefundId);
    fake.confirmRefund(again.body.providerRefundId);
    await deliver('refund.updated', again.body.providerRefundId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(10_00));
    const rows = await expectLedgerToReconcile(10_00, 0);
    expect(rowsOf(rows, gift.id)).toEqual(['gift_paid 4000|0|4000', 'refund -1500|0|-1500', 'refund -1500|0|-1500']);
  });

  it('refunds a monthly gift month by month at Stripe, each refund naming its month’s payment', async () => {
    const auth = await platform.adminAuth();
    const gift = await giveOnline(platform, ids.walkerId, 10_00, {
      frequency: 'monthly',
      donor: { name: 'Maand Gever', email: 'monthly@example.be' },
    });
    const sessionId = stripeSessionIn(gift.checkoutUrl);
    const first = fake.startSubscription(sessionId);
    await deliver('invoice.paid', first.invoiceId).expect(200);
    const second = fake.chargeMonth(first.subscriptionId);
    await deliver('invoice.paid', second.invoiceId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(20_00));
    const charges = (await platform.http.get(`/api/donations/${gift.id}/charges`).set(auth).expect(200)).body;
    expect(charges.charges.map((c: { chargeId: string }) => c.chargeId)).toEqual([
      first.paymentIntentId,
      second.paymentIntentId,
    ]);

    // the second month: asked of Stripe against that month's payment, counted once Stripe confirms it
    const month = await platform.http
      .post(`/api/donations/${gift.id}/refunds`)
      .set(auth)
      .set('Idempotency-Key', 'refund-second-month')
      .send({ chargeId: second.paymentIntentId })
      .expect(201);
    expect(month.body.refunds).toEqual([
      expect.objectContaining({ chargeId: second.paymentIntentId, amountCents: 10_00 }),
    ]);
    const asked = fake.requests.filter((r) => r.method === 'POST' && r.path === '/v1/refunds');
    expect(asked.map((r) => [r.body?.payment_intent, r.body?.amount])).toEqual([[second.paymentIntentId, '1000']]);
    fake.confirmRefund(month.body.refunds[0].providerRefundId);
    await deliver('charge.refunded', second.chargeId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(10_00));

    // the whole gift: what is left, the first month, with its own refund at Stripe
    const whole = await platform.http
      .post(`/api/donations/${gift.id}/refunds`)
      .set(auth)
      .set('Idempotency-Key', 'refund-the-rest')
      .send({})
      .expect(201);
    expect(whole.body.refunds).toEqual([
      expect.objectContaining({ chargeId: first.paymentIntentId, amountCents: 10_00 }),
    ]);
    fake.confirmRefund(whole.body.refunds[0].providerRefundId);
    await deliver('refund.updated', whole.body.refunds[0].providerRefundId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(raised(0));
    expect(await statusOf(platform, gift.id)).toBe('refunded');
    expect((await donorStatsOf(platform, 2026)).monthly).toEqual({ donors: 1, gifts: 2, averageGiftCents: 10_00 });
    const rows = await expectLedgerToReconcile(0, 0);
    expect(rowsOf(rows, gift.id)).toEqual([
      'gift_paid 1000|0|1000',
      'monthly_charge 1000|0|1000',
      'refund -1000|0|-1000',
      'refund -1000|0|-1000',
    ]);
  });
});

/** Every webhook lost: reconciliation asks Stripe and must describe the same money the same way. */
describe('Stripe money truth through reconciliation, every webhook lost', () => {
  const MINUTE = 60_000;
  let fake: FakeStripe;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let now = Date.parse('2026-09-27T10:00:00.000Z');

  beforeAll(async () => {
    fake = await FakeStripe.start();
    platform = await startPlatform(
      { RECONCILE_PENDING_AFTER_MINUTES: '30', RECONCILE_PAID_WITHIN_DAYS: '60' },
      undefined,
      { paymentProvider: stripeProviderOn(fake), clock: () => new Date(now) },
    );
    ids = await registerWalkingTeam(platform, 'Reconciled walkers');
  });
  afterAll(async () => {
    await platform?.dispose();
    await fake?.stop();
  });

  it('keeps a declined gift pending, counts a won dispute back, ignores an inquiry and a failed refund', async () => {
    const reconciliation = platform.app.get(Reconciliation);
    const give = async (amountCents: number, email: string) => {
      const gift = await giveOnline(platform, ids.walkerId, amountCents, { donor: { name: 'Sofie Claes', email } });
      return { id: gift.id, sessionId: stripeSessionIn(gift.checkoutUrl) };
    };
    const declined = await give(25_00, 'retry@example.be');
    fake.decline(declined.sessionId);
    const disputed = await give(50_00, 'won@example.be');
    const won = fake.markPaid(disputed.sessionId);
    const asked = await give(40_00, 'asked@example.be');
    const inquired = fake.markPaid(asked.sessionId);
    const refunded = await give(30_00, 'refund@example.be');
    const refundedPayment = fake.markPaid(refunded.sessionId);
    now += 31 * MINUTE;
    expect(await reconciliation.runOnce()).toMatchObject({ failed: 0 });
    expect(await statusOf(platform, declined.id)).toBe('pending');
    expect(await totalsOf(platform, ids)).toEqual(raised(120_00));

    // at Stripe: the declined donor pays in the same session; a dispute withdrawn then won; an inquiry; a refund
    // made in the dashboard that failed later
    fake.markPaid(declined.sessionId);
    const disputeId = fake.addDispute(won.paymentIntentId, 50_00, { feeCents: 15_00 });
    fake.closeDispute(disputeId, 'won');
    fake.addDispute(inquired.paymentIntentId, 40_00, { inquiry: true });
    fake.failRefund(fake.addRefund(refundedPayment.chargeId, 10_00));
    now += 31 * MINUTE;
    expect(await reconciliation.runOnce()).toMatchObject({ failed: 0 });
    const head = await headOfStore(platform);
    expect(await reconciliation.runOnce()).toMatchObject({ changed: 0, failed: 0 });
    expect(await headOfStore(platform)).toBe(head);

    expect(await statusOf(platform, declined.id)).toBe('paid');
    expect(await totalsOf(platform, ids)).toEqual(raised(145_00));
    expect((await donorStatsOf(platform, 2026)).oneOff).toEqual({ donors: 4, gifts: 4, averageGiftCents: 36_25 });
    const rows = await ledgerOf(platform);
    expect(rowsOf(rows, disputed.id)).toEqual([
      'chargeback -5000|0|-5000',
      'chargeback_reversed 5000|0|5000',
      'gift_paid 5000|0|5000',
      'provider_fee 0|1500|-1500',
    ]);
    expect(rowsOf(rows, asked.id)).toEqual(['gift_paid 4000|0|4000']);
    expect(rowsOf(rows, refunded.id)).toEqual([
      'gift_paid 3000|0|3000',
      'refund -1000|0|-1000',
      'refund_reversed 1000|0|1000',
    ]);
    expect(rows.reduce((sum, row) => sum + row.gross, 0)).toBe(145_00);
    expect(rows.reduce((sum, row) => sum + row.net, 0)).toBe(145_00 - 15_00);
  });
});

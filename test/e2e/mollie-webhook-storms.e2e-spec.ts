import { createMollieClient } from '@mollie/api-client';
import { MolliePaymentProvider } from '@rw/payments';
import { FakeMollie } from '@rw/payments/testing/fake-mollie';
import { ProjectionService } from '../../apps/platform/src/infrastructure/projection.service';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { movedBy, totalsOf } from '../support/totals';

/**
 * Webhook storms over HTTP through the real Mollie adapter and client. Mollie's webhook names only the payment, so
 * each delivery reads the payment's whole state now: the same delivery again and again, the payment and its refund
 * seen for the first time in one delivery, and several deliveries at once must each count every movement once.
 */
describe('Mollie webhook storms, end to end over HTTP', () => {
  let fake: FakeMollie;
  let platform: TestPlatform;
  let ids: { editionId: string; teamId: string; walkerId: string };

  beforeAll(async () => {
    fake = FakeMollie.start();
    platform = await startPlatform({}, undefined, {
      paymentProvider: new MolliePaymentProvider({
        client: createMollieClient({ apiKey: fake.apiKey }),
        publicBaseUrl: 'https://walk.example.org',
      }),
    });
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Stormy Mollie walkers', {
      name: 'Anna',
      email: 'anna@example.be',
    });
    ids = { editionId: edition.id, teamId: team.id, walkerId: team.captainWalkerId };
  });
  afterAll(async () => {
    await platform?.dispose();
    fake?.stop();
  });

  const deliver = (paymentId: string) =>
    platform.http
      .post('/api/webhooks/mollie')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`id=${paymentId}`);
  const give = async (amountCents: number) => {
    const gift = (
      await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: ids.walkerId },
          amountCents,
          frequency: 'one_off',
          donor: { name: 'Sofie Claes', email: 'sofie@example.be' },
        })
        .expect(201)
    ).body as { id: string; checkoutUrl: string };
    return { id: gift.id, paymentId: /\/checkout\/select-method\/(tr_\w+)$/.exec(gift.checkoutUrl)?.[1] ?? '' };
  };
  const movementsOf = (donationId: string) =>
    (
      platform.app
        .get(ProjectionService)
        .db.prepare('SELECT kind, amount_cents AS amountCents FROM gifts WHERE donation_id = ? ORDER BY kind')
        .all(donationId) as { kind: string; amountCents: number }[]
    ).map((movement) => `${movement.kind} ${movement.amountCents}`);

  it('counts a paid payment delivered 10 times once', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await give(25_00);
    fake.markPaid(gift.paymentId);
    for (let i = 0; i < 10; i++) await deliver(gift.paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 25_00));
    expect(movementsOf(gift.id)).toEqual(['payment 2500']);
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
    expect(movementsOf(gift.id)).toEqual(['chargeback -2500', 'payment 4000', 'refund -1500']);
    expect((await platform.http.get(`/api/donations/${gift.id}`).expect(200)).body.status).toBe('charged_back');
  });

  it('applies several deliveries for one payment processed at the same time, each movement once', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await give(30_00);
    fake.markPaid(gift.paymentId);
    fake.addRefund(gift.paymentId, 10_00);
    const answers = await Promise.all(Array.from({ length: 5 }, () => deliver(gift.paymentId)));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200]);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 20_00));
    expect(movementsOf(gift.id)).toEqual(['payment 3000', 'refund -1000']);
  });

  it('keeps Mollie’s fee as a cost after a refund asked by finance: the fee is unchanged, raised drops by the refund only', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await give(50_00);
    fake.markPaid(gift.paymentId);
    fake.setFee(gift.paymentId, 39);
    await deliver(gift.paymentId).expect(200);
    const feeOf = () =>
      (
        platform.app
          .get(ProjectionService)
          .db.prepare('SELECT fee_cents AS feeCents FROM donations WHERE donation_id = ?')
          .get(gift.id) as { feeCents: number | null }
      ).feeCents;
    expect(feeOf()).toBe(39);
    const auth = await platform.adminAuth();
    const asked = await platform.http
      .post(`/api/donations/${gift.id}/refunds`)
      .set(auth)
      .set('Idempotency-Key', `refund-${gift.id}`)
      .send({ amountCents: 20_00 })
      .expect(201);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 50_00));
    fake.confirmRefund(asked.body.providerRefundId);
    await deliver(gift.paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 30_00));
    expect(feeOf()).toBe(39);
  });
});

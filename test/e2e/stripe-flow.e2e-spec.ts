import { StripePaymentProvider } from '@rw/payments';
import { FakeStripe } from '@rw/payments/testing/fake-stripe';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

/** The platform with the real Stripe adapter and SDK, against a scripted Stripe on a local port. */
describe('a gift through Stripe, end to end over HTTP', () => {
  let fake: FakeStripe;
  let platform: TestPlatform;
  let ids: { editionId: string; teamId: string; walkerId: string };

  beforeAll(async () => {
    fake = await FakeStripe.start();
    platform = await startPlatform({}, undefined, {
      paymentProvider: new StripePaymentProvider(
        { secretKey: fake.secretKey, webhookSecret: fake.webhookSecret },
        fake.client,
      ),
    });
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Stripe walkers', {
      name: 'Anna',
      email: 'anna@example.be',
    });
    ids = { editionId: edition.id, teamId: team.id, walkerId: team.captainWalkerId };
  });
  afterAll(async () => {
    await platform?.dispose();
    await fake?.stop();
  });

  const deliver = (type: string, object: Record<string, unknown>, options: { id?: string; secret?: string } = {}) => {
    const { payload, signature } = fake.signedEvent(type, object, options);
    return platform.http
      .post('/api/webhooks/stripe')
      .set('Stripe-Signature', signature)
      .set('Content-Type', 'application/json')
      .send(payload);
  };

  it('counts a paid gift once, a refund once, and refuses a forged delivery without writing', async () => {
    const start = await totalsOf(platform, ids);
    const created = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: ids.walkerId },
        amountCents: 25_00,
        frequency: 'one_off',
        donor: { name: 'Sofie Claes', email: 'sofie@example.be' },
      })
      .expect(201);
    const gift = created.body as { id: string; checkoutUrl: string };
    const session = fake.requests.find((r) => r.method === 'POST' && r.path === '/v1/checkout/sessions');
    expect(session?.idempotencyKey).toEqual(expect.stringContaining(gift.id));
    const sessionId = /\/c\/pay\/(cs_\w+)$/.exec(gift.checkoutUrl)?.[1] ?? '';
    expect(gift.checkoutUrl).toBe(`https://checkout.stripe.test/c/pay/${sessionId}`);
    expect(fake.session(sessionId)).toMatchObject({ amount_total: 25_00, metadata: { rw_reference: gift.id } });
    expect(await totalsOf(platform, ids)).toEqual(start);

    // paid at Stripe; the event carries a stale copy of the session, the adapter re-fetches it
    const { chargeId } = fake.markPaid(sessionId);
    const completed = { id: sessionId, object: 'checkout.session', payment_status: 'unpaid' };
    await deliver('checkout.session.completed', completed, { id: 'evt_completed' }).expect(200);
    const paid = movedBy(start, 25_00);
    expect(await totalsOf(platform, ids)).toEqual(paid);
    expect((await platform.http.get(`/api/donations/${gift.id}`).expect(200)).body.status).toBe('paid');

    // Stripe delivers again (same event), then the same news as another event: nothing changes
    await deliver('checkout.session.completed', completed, { id: 'evt_completed' }).expect(200);
    await deliver('checkout.session.completed', completed, { id: 'evt_completed_again' }).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(paid);

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
    expect((await platform.http.get(`/api/donations/${gift.id}`).expect(200)).body.status).toBe('partially_refunded');

    // signed with another secret: 400, nothing written
    const head = await headOfStore(platform);
    const refused = await deliver('charge.refunded', refunded, { id: 'evt_forged', secret: 'whsec_not_ours' }).expect(
      400,
    );
    expect(refused.body.message).toMatch(/webhook refused/);
    const unsigned = await platform.http
      .post('/api/webhooks/stripe')
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ id: 'evt_unsigned', type: 'charge.refunded', data: { object: refunded } }))
      .expect(400);
    expect(unsigned.body.message).toMatch(/webhook refused/);
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
  });
});

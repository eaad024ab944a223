import { createMollieClient } from '@mollie/api-client';
import { MolliePaymentProvider } from '@rw/payments';
import { FakeMollie } from '@rw/payments/testing/fake-mollie';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

/** The platform with the real Mollie adapter and client, against a scripted Mollie behind nock. */
describe('a gift through Mollie, end to end over HTTP', () => {
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
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Mollie walkers', {
      name: 'Anna',
      email: 'anna@example.be',
    });
    ids = { editionId: edition.id, teamId: team.id, walkerId: team.captainWalkerId };
  });
  afterAll(async () => {
    await platform?.dispose();
    fake?.stop();
  });

  /** What Mollie posts: only the payment's id, as a form; the adapter fetches the payment to know anything. */
  const deliver = (paymentId: string) =>
    platform.http
      .post('/api/webhooks/mollie')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`id=${paymentId}`);

  it('counts a paid gift once, a refund once, and refuses a payment Mollie does not know without writing', async () => {
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
    const paymentId = /\/checkout\/select-method\/(tr_\w+)$/.exec(gift.checkoutUrl)?.[1] ?? '';
    expect(gift.checkoutUrl).toBe(`https://www.mollie.com/checkout/select-method/${paymentId}`);
    expect(fake.payment(paymentId)).toMatchObject({
      amount: { currency: 'EUR', value: '25.00' },
      metadata: { rw_reference: gift.id },
      webhookUrl: 'https://walk.example.org/api/webhooks/mollie',
    });
    expect(await totalsOf(platform, ids)).toEqual(start);

    // still open at Mollie: a delivery changes nothing
    await deliver(paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(start);

    fake.markPaid(paymentId);
    await deliver(paymentId).expect(200);
    const paid = movedBy(start, 25_00);
    expect(await totalsOf(platform, ids)).toEqual(paid);
    expect((await platform.http.get(`/api/donations/${gift.id}`).expect(200)).body.status).toBe('paid');

    // Mollie retries the same delivery: nothing changes
    await deliver(paymentId).expect(200);
    await deliver(paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(paid);

    // a refund of 10.00 made at Mollie: the payment stays paid, its embedded refund is counted once
    fake.addRefund(paymentId, 10_00);
    await deliver(paymentId).expect(200);
    const afterRefund = movedBy(start, 15_00);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
    await deliver(paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
    expect((await platform.http.get(`/api/donations/${gift.id}`).expect(200)).body.status).toBe('partially_refunded');

    // Mollie signs nothing: a payment it does not know, or no payment id at all, is refused and writes nothing
    const head = await headOfStore(platform);
    expect((await deliver('tr_unknownToMollie').expect(400)).body.message).toMatch(/webhook refused/);
    await deliver('not-a-payment').expect(400);
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
  });
});

import { randomUUID } from 'node:crypto';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { type DonationEvent, donationStream } from '@rw/fundraising';
import type { FakeMollie } from '@rw/payments/testing/fake-mollie';
import request from 'supertest';
import { appendDonationFacts } from '../support/provider-facts';
import type { TestPlatform } from '../support/platform';
import {
  deliverMollieWebhook,
  giveOnline,
  molliePaymentIn,
  startOnFakeMollie,
  statusOf,
  type WalkingTeam,
} from '../support/provider-platforms';
import { donorStatsOf, headOfStore, movedBy, totalsOf } from '../support/totals';

/** The platform with the real Mollie adapter and client, against a scripted Mollie behind nock. */
describe('a gift through Mollie, end to end over HTTP', () => {
  let fake: FakeMollie;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeMollie('Mollie walkers'));
  });
  afterAll(() => stop?.());

  const deliver = (paymentId: string) => deliverMollieWebhook(platform, paymentId);

  it('counts a paid gift once, a refund once, and refuses a payment Mollie does not know without writing', async () => {
    const start = await totalsOf(platform, ids);
    // the fake provider pays on the walk day of 2026: the donor statistics of that year move by one gift
    const statsAtStart = await donorStatsOf(platform, 2026);
    const gift = await giveOnline(platform, ids.walkerId, 25_00);
    const paymentId = molliePaymentIn(gift.checkoutUrl);
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
    expect(await statusOf(platform, gift.id)).toBe('paid');

    // Mollie retries the same delivery: nothing changes
    await deliver(paymentId).expect(200);
    await deliver(paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(paid);
    const stats = await donorStatsOf(platform, 2026);
    expect(stats.oneOff.gifts).toBe(statsAtStart.oneOff.gifts + 1);
    expect(stats.oneOff.donors).toBe(statsAtStart.oneOff.donors + 1);
    expect(stats.monthly).toEqual(statsAtStart.monthly);

    // a refund of 10.00 made at Mollie: the payment stays paid, its embedded refund is counted once
    fake.addRefund(paymentId, 10_00);
    await deliver(paymentId).expect(200);
    const afterRefund = movedBy(start, 15_00);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
    await deliver(paymentId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
    expect(await statusOf(platform, gift.id)).toBe('partially_refunded');

    // Mollie signs nothing: a payment it does not know, or no payment id at all, is refused and writes nothing
    const head = await headOfStore(platform);
    expect((await deliver('tr_unknownToMollie').expect(400)).body.message).toMatch(/webhook refused/);
    await deliver('not-a-payment').expect(400);
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(afterRefund);
  });

  it('refuses a method Mollie does not offer with a 400 before anything is written, and passes those it has', async () => {
    const head = await headOfStore(platform);
    const asked = fake.requests.length;
    const gift = (frequency: string, method: string) =>
      platform.http.post('/api/donations').send({
        beneficiary: { type: 'walker', id: ids.walkerId },
        amountCents: 20_00,
        frequency,
        donor: { name: 'Sofie Claes', email: 'sofie@example.be' },
        method,
      });
    for (const [frequency, words] of [
      ['one_off', 'a one-off gift'],
      ['monthly', 'a monthly gift'],
    ]) {
      const refused = await gift(frequency, 'sepa').expect(400);
      const why = `method sepa is not offered by the payment provider (mollie) for ${words}: choose bancontact, ideal, creditcard`;
      expect(refused.body.message).toBe(`invalid request: ${why}`);
      expect(refused.body.errors).toEqual([{ field: 'method', problems: [why] }]);
    }
    expect((await gift('one_off', 'directdebit').expect(400)).body.message).toMatch(
      /method must be one of bancontact, ideal, creditcard, sepa/,
    );
    expect(await headOfStore(platform)).toBe(head);
    expect(fake.requests).toHaveLength(asked);

    // what Mollie has goes to Mollie under its own name, for a one-off gift and for a monthly gift's first payment
    const ideal = await giveOnline(platform, ids.walkerId, 20_00, { method: 'ideal' });
    expect(fake.payment(molliePaymentIn(ideal.checkoutUrl))).toMatchObject({ method: 'ideal', sequenceType: 'oneoff' });
    const monthly = await giveOnline(platform, ids.walkerId, 10_00, { frequency: 'monthly', method: 'creditcard' });
    expect(fake.payment(molliePaymentIn(monthly.checkoutUrl))).toMatchObject({
      method: 'creditcard',
      sequenceType: 'first',
    });
  });

  it('retries a failed gift recorded with a method Mollie does not have (before methods were checked) without it', async () => {
    // a gift of before: written as it was then, with sepa, and failed at Mollie
    const model = await giveOnline(platform, ids.walkerId, 15_00, { method: 'ideal' });
    fake.markFailed(molliePaymentIn(model.checkoutUrl));
    await deliverMollieWebhook(platform, molliePaymentIn(model.checkoutUrl)).expect(200);
    const store = platform.app.get<EventStore>(EVENT_STORE);
    const oldId = randomUUID();
    const events = (await store.readStream(donationStream(model.id))).map((event) => {
      const data = JSON.parse(JSON.stringify(event.data).replaceAll(model.id, oldId));
      return { type: event.type, data: event.type === 'DonationCreated' ? { ...data, method: 'sepa' } : data };
    });
    await appendDonationFacts(platform, oldId, events as DonationEvent[]);
    expect(await statusOf(platform, oldId)).toBe('failed');

    const browser = request.agent(platform.app.getHttpServer());
    const page = await browser.get(`/walkers/${ids.walkerId}/give`).expect(200);
    const formToken = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const retried = await browser.post(`/donations/${oldId}/retry`).type('form').send({ _csrf: formToken }).expect(303);
    const retryPaymentId = molliePaymentIn(retried.headers.location);
    expect(retryPaymentId).toMatch(/^tr_/);
    // no method named: the payer chooses at Mollie
    expect(fake.payment(retryPaymentId)).toMatchObject({ method: null, amount: { currency: 'EUR', value: '15.00' } });
  });
});

import type { FakeMollie } from '@rw/payments/testing/fake-mollie';
import { UNKNOWN_PAYMENT_LOOKUPS_PER_MINUTE } from '../../apps/platform/src/webhooks/payment-gate';
import { startPlatform, type TestPlatform } from '../support/platform';
import {
  deliverMollieWebhook,
  giveOnline,
  molliePaymentIn,
  startOnFakeMollie,
  type WalkingTeam,
} from '../support/provider-platforms';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

/**
 * Mollie's webhook names only a payment id, and Mollie signs nothing: anyone can post ids. Only ids shaped like
 * Mollie's and belonging to a gift of ours cost a call to Mollie (the scripted Mollie behind nock records every
 * request; real network is off); the rest is answered from our own records.
 */
describe('the Mollie webhook asks Mollie only about payments of ours', () => {
  let fake: FakeMollie;
  let platform: TestPlatform;
  let ids: WalkingTeam;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, ids, stop } = await startOnFakeMollie('Gated Mollie walkers'));
  });
  afterAll(() => stop?.());

  const post = (body: string) =>
    platform.http.post('/api/webhooks/mollie').set('Content-Type', 'application/x-www-form-urlencoded').send(body);
  const callsToMollie = () => fake.requests.length;

  it.each([
    ['an id far too long', `id=tr_${'a'.repeat(5_000)}`],
    ['an id with punctuation', 'id=tr_abc%2F..%2Fcustomers'],
    ['an id of another kind of object', 'id=cst_8wmqcHMN4U'],
    ['an empty id', 'id='],
    ['no id at all', 'payment=tr_abc'],
  ])('refuses %s with a 400, asking Mollie nothing', async (_what, body) => {
    const calls = callsToMollie();
    const head = await headOfStore(platform);
    const answer = await post(body).expect(400);
    expect(answer.body.message).toBe('webhook refused: Mollie webhook without a payment id (id=tr_…)');
    expect(callsToMollie()).toBe(calls);
    expect(await headOfStore(platform)).toBe(head);
  });

  it('refuses a well-formed id that is none of our payments without asking Mollie, while no monthly gift runs', async () => {
    const calls = callsToMollie();
    for (let i = 0; i < 20; i++) {
      const answer = await post(`id=tr_foreign${i}`).expect(400);
      expect(answer.body.message).toBe(`webhook refused: payment tr_foreign${i} is not one of ours`);
    }
    expect(callsToMollie()).toBe(calls);
  });

  it('asks Mollie about the payment of one of our gifts, and counts it', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await giveOnline(platform, ids.walkerId, 20_00);
    const paymentId = molliePaymentIn(gift.checkoutUrl);
    fake.markPaid(paymentId);
    const calls = callsToMollie();
    await deliverMollieWebhook(platform, paymentId).expect(200);
    expect(fake.requests.slice(calls)).toEqual([expect.objectContaining({ method: 'GET' })]);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 20_00));
  });

  it('keeps monthly charges working, asks once about an unknown id, and at most a budget a minute', async () => {
    const start = await totalsOf(platform, ids);
    const gift = await giveOnline(platform, ids.walkerId, 9_00, {
      frequency: 'monthly',
      donor: { name: 'Lotte Peeters', email: 'lotte@example.be' },
      method: 'bancontact',
    });
    const firstPaymentId = molliePaymentIn(gift.checkoutUrl);
    fake.markPaid(firstPaymentId);
    await deliverMollieWebhook(platform, firstPaymentId).expect(200);
    const subscription = fake.subscriptionOfCustomer(String(fake.payment(firstPaymentId).customerId));
    if (!subscription) throw new Error('no subscription');
    // the next month's charge: a payment id we have never seen, created by Mollie for our subscription
    const october = fake.chargeMonth(String(subscription.id));
    await deliverMollieWebhook(platform, october).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 18_00));
    // known from now on: its later deliveries (a refund, a charge-back) are ours without spending the budget
    await deliverMollieWebhook(platform, october).expect(200);

    // an id Mollie does not know: asked once, then refused from memory
    const calls = callsToMollie();
    await post('id=tr_madeUp1').expect(400);
    expect(callsToMollie()).toBe(calls + 1);
    await post('id=tr_madeUp1').expect(400);
    expect(callsToMollie()).toBe(calls + 1);

    // a flood of made-up ids: at most the budget's calls this minute, the rest answered 429 (Mollie delivers again)
    const answers: number[] = [];
    for (let i = 0; i < 2 * UNKNOWN_PAYMENT_LOOKUPS_PER_MINUTE; i++) {
      answers.push((await post(`id=tr_flood${i}`)).status);
    }
    expect(callsToMollie() - calls).toBeLessThanOrEqual(UNKNOWN_PAYMENT_LOOKUPS_PER_MINUTE);
    expect(answers.filter((status) => status === 429).length).toBeGreaterThanOrEqual(
      UNKNOWN_PAYMENT_LOOKUPS_PER_MINUTE,
    );
    expect(answers.every((status) => status === 400 || status === 429)).toBe(true);
    // our own gift's payment is still asked about and applied
    const later = await giveOnline(platform, ids.walkerId, 5_00);
    const laterId = molliePaymentIn(later.checkoutUrl);
    fake.markPaid(laterId);
    await deliverMollieWebhook(platform, laterId).expect(200);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(start, 23_00));
  });
});

describe('webhook deliveries are rate-limited per client', () => {
  let platform: TestPlatform;
  beforeAll(async () => {
    platform = await startPlatform({ WEBHOOK_POSTS_PER_MINUTE: '5' });
  });
  afterAll(() => platform.dispose());

  it('answers 429 past WEBHOOK_POSTS_PER_MINUTE, before any work', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      statuses.push((await platform.http.post('/api/webhooks/mollie').type('form').send({ id: 'tr_x' })).status);
    }
    // the sandbox has no webhooks (404) until the limit says 429
    expect(statuses).toEqual([404, 404, 404, 404, 404, 429, 429, 429]);
  });
});

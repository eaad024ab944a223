import { describePaymentProvider } from '../testing/conformance';
import { FakeStripe } from '../testing/fake-stripe';
import { StripePaymentProvider } from './stripe';

let fake: FakeStripe;
beforeAll(async () => {
  fake = await FakeStripe.start();
});
afterAll(async () => {
  await fake.stop();
});

describePaymentProvider('stripe', async () => ({
  provider: new StripePaymentProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret }, fake.client),
  world: {
    calls: () => fake.requests.length,
    pay: (checkout) => {
      fake.markPaid(checkout.providerReference);
    },
    // the event's copy of the session is stale on purpose: the adapter re-fetches it
    paidDelivery: (checkout) =>
      fake.delivery('checkout.session.completed', { id: checkout.providerReference, object: 'checkout.session' }),
    forgedDelivery: () =>
      fake.delivery(
        'checkout.session.completed',
        { id: 'cs_forged', object: 'checkout.session' },
        { secret: 'whsec_not_ours' },
      ),
  },
}));

import { describePaymentProvider } from '../testing/conformance';
import { FakeMollie } from '../testing/fake-mollie';
import { MolliePaymentProvider } from './mollie';

describePaymentProvider('mollie', async () => {
  const fake = FakeMollie.start();
  return {
    provider: new MolliePaymentProvider({ apiKey: fake.apiKey, publicBaseUrl: 'https://walk.example.org' }),
    world: {
      calls: () => fake.requests.length,
      pay: (checkout) => fake.markPaid(checkout.providerReference),
      paidDelivery: (checkout) => fake.webhook(checkout.providerReference),
      // Mollie signs nothing: a delivery verifies only if Mollie knows the payment it names
      forgedDelivery: () => fake.webhook('tr_unknownToMollie'),
    },
    dispose: () => fake.stop(),
  };
});

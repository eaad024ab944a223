import type { Checkout } from '../payment-provider';
import { describePaymentProvider } from '../testing/conformance';
import { FakeMollie } from '../testing/fake-mollie';
import { MolliePaymentProvider } from './mollie';

describePaymentProvider('mollie', async () => {
  const fake = FakeMollie.start();
  // Mollie signs nothing and sends only the payment's id: every webhook is `id=tr_…`
  const webhookOf = (checkout: Checkout) => fake.webhook(checkout.providerReference);
  const subscriptionOf = (checkout: Checkout) => {
    const customerId = String(fake.payment(checkout.providerReference).customerId);
    const subscription = fake.subscriptionOfCustomer(customerId);
    if (!subscription) throw new Error(`no subscription for ${checkout.providerReference}`);
    return subscription;
  };
  return {
    provider: new MolliePaymentProvider({ apiKey: fake.apiKey, publicBaseUrl: 'https://walk.example.org' }),
    world: {
      calls: () => fake.requests.length,
      pay: (checkout) => fake.markPaid(checkout.providerReference),
      paidDelivery: webhookOf,
      // Mollie signs nothing: a delivery verifies only if Mollie knows the payment it names
      forgedDelivery: () => fake.webhook('tr_unknownToMollie'),
      fail: (checkout, reason) => {
        fake.markFailed(checkout.providerReference, 'insufficient_funds', reason);
        return webhookOf(checkout);
      },
      expire: (checkout) => {
        fake.markExpired(checkout.providerReference);
        return webhookOf(checkout);
      },
      chargeBack: (checkout, amountCents) => {
        fake.addChargeback(checkout.providerReference, amountCents);
        return webhookOf(checkout);
      },
      // no setFee: Mollie states no fee on a payment (its settlementAmount is no fee), so the adapter knows none
      confirmRefund: (checkout, providerRefundId) => {
        fake.confirmRefund(providerRefundId);
        return webhookOf(checkout);
      },
      // the first payment paid; the suite then calls startMonthly, as the platform's reaction does
      startMonthly: (checkout) => {
        fake.markPaid(checkout.providerReference);
        return webhookOf(checkout);
      },
      chargeMonth: (checkout) => fake.webhook(fake.chargeMonth(String(subscriptionOf(checkout).id))),
      subscriptionCancelled: (checkout) => subscriptionOf(checkout).status === 'canceled',
    },
    dispose: () => fake.stop(),
  };
});

import type { Checkout } from '../payment-provider';
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

describePaymentProvider('stripe', async () => {
  // what Stripe made of each checkout once paid: its payment intent and charge, or its subscription
  const paid = new Map<string, { paymentIntentId: string; chargeId: string }>();
  const subscriptions = new Map<string, string>();
  const paidOf = (checkout: Checkout) => {
    const found = paid.get(checkout.providerReference);
    if (!found) throw new Error(`not paid: ${checkout.providerReference}`);
    return found;
  };
  const subscriptionOf = (checkout: Checkout) => {
    const found = subscriptions.get(checkout.providerReference);
    if (!found) throw new Error(`no subscription: ${checkout.providerReference}`);
    return found;
  };
  const session = (checkout: Checkout) => ({ id: checkout.providerReference, object: 'checkout.session' });
  return {
    provider: new StripePaymentProvider({ secretKey: fake.secretKey, webhookSecret: fake.webhookSecret }, fake.client),
    world: {
      calls: () => fake.requests.length,
      pay: (checkout) => {
        paid.set(checkout.providerReference, fake.markPaid(checkout.providerReference));
      },
      // the event's copy of the session is stale on purpose: the adapter re-fetches it
      paidDelivery: (checkout) => fake.delivery('checkout.session.completed', session(checkout)),
      forgedDelivery: () =>
        fake.delivery(
          'checkout.session.completed',
          { id: 'cs_forged', object: 'checkout.session' },
          { secret: 'whsec_not_ours' },
        ),
      fail: (checkout, reason) => {
        fake.markFailed(checkout.providerReference, reason, 'insufficient_funds');
        return fake.delivery('checkout.session.async_payment_failed', session(checkout));
      },
      expire: (checkout) => {
        fake.expire(checkout.providerReference);
        return fake.delivery('checkout.session.expired', session(checkout));
      },
      chargeBack: (checkout, amountCents) => {
        const disputeId = fake.addDispute(paidOf(checkout).paymentIntentId, amountCents);
        return fake.delivery('charge.dispute.created', { id: disputeId, object: 'dispute' });
      },
      setFee: (checkout, feeCents) => {
        const { chargeId } = paidOf(checkout);
        fake.setFee(chargeId, feeCents);
        return fake.delivery('charge.updated', { id: chargeId, object: 'charge' });
      },
      confirmRefund: (checkout, providerRefundId) => {
        fake.confirmRefund(providerRefundId);
        const charge = paidOf(checkout).chargeId;
        return fake.delivery('refund.updated', { id: providerRefundId, object: 'refund', charge });
      },
      startMonthly: (checkout) => {
        const started = fake.startSubscription(checkout.providerReference);
        subscriptions.set(checkout.providerReference, started.subscriptionId);
        return fake.delivery('invoice.paid', { id: started.invoiceId, object: 'invoice' });
      },
      chargeMonth: (checkout) => {
        const { invoiceId } = fake.chargeMonth(subscriptionOf(checkout));
        return fake.delivery('invoice.paid', { id: invoiceId, object: 'invoice' });
      },
      subscriptionCancelled: (checkout) => fake.subscription(subscriptionOf(checkout)).status === 'canceled',
    },
  };
});

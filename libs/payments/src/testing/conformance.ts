import { randomUUID } from 'node:crypto';
import {
  type Checkout,
  type CheckoutRequest,
  idempotencyKeyFor,
  InvalidWebhook,
  type PaymentProvider,
  type WebhookDelivery,
} from '../payment-provider';

/**
 * The provider's side of the world, scripted by the test for one adapter (a fake Stripe server, nock scopes for
 * Mollie, nothing for the sandbox).
 */
export interface ScriptedProviderWorld {
  /** How many requests reached the provider so far (0 forever for the sandbox, which calls nobody). */
  calls(): number;
  /**
   * The payer pays the checkout in full at the provider. Absent when the adapter has no provider to pay at (the
   * sandbox settles through its own page, not through the port).
   */
  pay?(checkout: Checkout): void | Promise<void>;
  /** The webhook the provider sends once a checkout is paid (after `pay`). Absent when the adapter has none. */
  paidDelivery?(checkout: Checkout): WebhookDelivery;
  /** A delivery that does not verify (forged signature, unknown payment). Absent when the adapter has no webhook. */
  forgedDelivery?(): WebhookDelivery;
}

export interface PaymentProviderUnderTest {
  provider: PaymentProvider;
  world: ScriptedProviderWorld;
  /** Releases what the factory made (servers, nock). */
  dispose?: () => void | Promise<void>;
}

/**
 * One suite, every adapter: what the platform relies on from a payment provider, whichever it is. The factory is
 * called once per test with a fresh provider world; references are unique per test.
 */
export function describePaymentProvider(name: string, create: () => Promise<PaymentProviderUnderTest>): void {
  describe(`payment provider conformance: ${name}`, () => {
    let subject: PaymentProviderUnderTest;
    let provider: PaymentProvider;
    let world: ScriptedProviderWorld;

    beforeEach(async () => {
      subject = await create();
      provider = subject.provider;
      world = subject.world;
    });
    afterEach(async () => {
      await subject.dispose?.();
    });

    const checkoutRequest = (overrides: Partial<CheckoutRequest> = {}): CheckoutRequest => {
      const reference = overrides.reference ?? `don-${randomUUID()}`;
      return {
        reference,
        amountCents: 25_00,
        frequency: 'one_off',
        description: 'Gift to the Refugee Walk',
        returnUrl: `https://walk.example.org/donations/${reference}/result`,
        idempotencyKey: idempotencyKeyFor(reference),
        ...overrides,
      };
    };

    /** A paid one-off checkout of 25.00 EUR; undefined when the adapter has no provider to pay at. */
    const paidCheckout = async () => {
      const request = checkoutRequest();
      const checkout = await provider.createCheckout(request);
      if (!world.pay) return undefined;
      await world.pay(checkout);
      return { request, checkout };
    };

    it('opens a one-off checkout of 25.00 EUR: a checkout URL and a provider reference, the same again on retry', async () => {
      const request = checkoutRequest();
      const checkout = await provider.createCheckout(request);
      expect(() => new URL(checkout.checkoutUrl)).not.toThrow();
      expect(checkout.providerReference).toEqual(expect.any(String));
      expect(checkout.providerReference.length).toBeGreaterThan(0);
      await expect(provider.createCheckout({ ...request })).resolves.toEqual(checkout);
    });

    it('gives different checkouts to different references', async () => {
      const one = await provider.createCheckout(checkoutRequest());
      const other = await provider.createCheckout(checkoutRequest());
      expect(other.providerReference).not.toBe(one.providerReference);
    });

    it('accepts a monthly checkout', async () => {
      const checkout = await provider.createCheckout(
        checkoutRequest({ amountCents: 10_00, frequency: 'monthly', payerEmail: 'an@example.be' }),
      );
      expect(() => new URL(checkout.checkoutUrl)).not.toThrow();
      expect(checkout.providerReference.length).toBeGreaterThan(0);
    });

    it.each([0, -25_00, 25.5, 0.1, Number.NaN, Number.POSITIVE_INFINITY, Number.MAX_SAFE_INTEGER + 2])(
      'refuses an amount of %p cents before calling the provider',
      async (amountCents) => {
        const before = world.calls();
        await expect(provider.createCheckout(checkoutRequest({ amountCents }))).rejects.toThrow(/amountCents/);
        expect(world.calls()).toBe(before);
      },
    );

    it('states exactly one PaymentSucceeded of 2500 for the reference once the provider reports it paid', async () => {
      const paid = await paidCheckout();
      if (!paid) {
        // nothing at a provider to ask: the sandbox settles through its own page, not through the port
        await expect(provider.currentFacts('don-sandbox', 'sandbox_don-sandbox')).resolves.toEqual([]);
        return;
      }
      const facts = await provider.currentFacts(paid.request.reference, paid.checkout.providerReference);
      const succeeded = facts.filter((fact) => fact.type === 'PaymentSucceeded');
      expect(succeeded).toEqual([
        expect.objectContaining({ type: 'PaymentSucceeded', reference: paid.request.reference, amountCents: 25_00 }),
      ]);
      expect(facts.every((fact) => fact.reference === paid.request.reference)).toBe(true);
      expect(facts.some((fact) => fact.type === 'PaymentFailed' || fact.type === 'RefundSucceeded')).toBe(false);
    });

    it('reads the webhook of a paid checkout as that payment (or, without webhooks, as no facts)', async () => {
      const paid = await paidCheckout();
      if (!paid || !world.paidDelivery) {
        const anything = { rawBody: Buffer.from('id=tr_whatever'), headers: {} };
        await expect(provider.parseWebhook(anything)).resolves.toMatchObject({ facts: [] });
        return;
      }
      const parsed = await provider.parseWebhook(world.paidDelivery(paid.checkout));
      expect(parsed.facts.filter((fact) => fact.type === 'PaymentSucceeded')).toEqual([
        expect.objectContaining({ reference: paid.request.reference, amountCents: 25_00 }),
      ]);
      const again = await provider.parseWebhook(world.paidDelivery(paid.checkout));
      expect(again.facts).toEqual(parsed.facts);
    });

    it('asks for a refund of 1000 and gets the provider’s refund id, the same again on retry', async () => {
      const paid = await paidCheckout();
      const reference = paid?.request.reference ?? `don-${randomUUID()}`;
      let providerPaymentId = `sandbox_${reference}`;
      if (paid) {
        const facts = await provider.currentFacts(reference, paid.checkout.providerReference);
        const succeeded = facts.find((fact) => fact.type === 'PaymentSucceeded');
        if (succeeded?.type !== 'PaymentSucceeded') throw new Error('no payment to refund');
        providerPaymentId = succeeded.providerPaymentId;
      }
      const request = {
        reference,
        providerPaymentId,
        amountCents: 10_00,
        idempotencyKey: idempotencyKeyFor(reference, 'refund-1'),
      };
      const { providerRefundId } = await provider.refund(request);
      expect(providerRefundId).toEqual(expect.any(String));
      expect(providerRefundId.length).toBeGreaterThan(0);
      await expect(provider.refund({ ...request })).resolves.toEqual({ providerRefundId });
    });

    it('refuses a webhook delivery that does not verify (InvalidWebhook), when the adapter has webhooks', async () => {
      if (!world.forgedDelivery) {
        const forged = { rawBody: Buffer.from('{"forged":true}'), headers: { 'stripe-signature': 'forged' } };
        await expect(provider.parseWebhook(forged)).resolves.toMatchObject({ facts: [] });
        return;
      }
      await expect(provider.parseWebhook(world.forgedDelivery())).rejects.toBeInstanceOf(InvalidWebhook);
    });
  });
}

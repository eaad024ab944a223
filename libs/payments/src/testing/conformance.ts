import { randomUUID } from 'node:crypto';
import {
  type Checkout,
  type CheckoutRequest,
  idempotencyKeyFor,
  InvalidWebhook,
  type PaymentFact,
  type PaymentProvider,
  type WebhookDelivery,
} from '../payment-provider';

const ofType = <T extends PaymentFact['type']>(facts: PaymentFact[], type: T) =>
  facts.filter((fact): fact is Extract<PaymentFact, { type: T }> => fact.type === type);

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
  /*
   * What else can happen at the provider. Each returns the webhook the provider then sends (if it sends one), and
   * is absent when the adapter has no provider to script (the sandbox settles through its own page instead).
   */
  /** The payer's bank declines the payment, with this reason. */
  fail?(checkout: Checkout, reason: string): WebhookDelivery | undefined | Promise<WebhookDelivery | undefined>;
  /** The payer never finishes: the provider expires the checkout. */
  expire?(checkout: Checkout): WebhookDelivery | undefined;
  /** The payer's bank takes back this much of a paid checkout (after `pay`). */
  chargeBack?(checkout: Checkout, amountCents: number): WebhookDelivery | undefined;
  /** The provider's fee on a paid checkout becomes known, after the payment itself. */
  setFee?(checkout: Checkout, feeCents: number): WebhookDelivery | undefined;
  /** A refund asked through the port goes through at the provider. */
  confirmRefund?(checkout: Checkout, providerRefundId: string): WebhookDelivery | undefined;
  /** The first month of a monthly checkout is paid and its subscription runs (or starts once that is read). */
  startMonthly?(checkout: Checkout): WebhookDelivery | undefined;
  /** The provider collects another month of a started monthly checkout. */
  chargeMonth?(checkout: Checkout): WebhookDelivery;
  /** Whether the provider's subscription of a monthly checkout is cancelled now. */
  subscriptionCancelled?(checkout: Checkout): boolean;
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

    /** The facts of a webhook the provider sent (none when it sent none): read like any delivery. */
    const factsOf = async (delivery: WebhookDelivery | undefined) =>
      delivery ? (await provider.parseWebhook(delivery)).facts : undefined;
    /** The sandbox has nothing at a provider to ask: whatever happened there, it states no facts. */
    const expectNoProvider = async (request: CheckoutRequest, checkout: Checkout) => {
      await expect(provider.currentFacts(request.reference, checkout.providerReference)).resolves.toEqual([]);
    };

    const statesNothingWithoutProvider = async () => {
      const request = checkoutRequest();
      await expectNoProvider(request, await provider.createCheckout(request));
    };

    it('keeps the provider’s decline reason on a failed payment, the same through its webhook', async () => {
      const request = checkoutRequest();
      const checkout = await provider.createCheckout(request);
      if (!world.fail) return expectNoProvider(request, checkout);
      const delivery = await world.fail(checkout, 'Insufficient funds');
      const facts = await provider.currentFacts(request.reference, checkout.providerReference);
      expect(ofType(facts, 'PaymentFailed')).toEqual([
        expect.objectContaining({
          reference: request.reference,
          outcome: 'failed',
          reason: expect.stringContaining('Insufficient funds'),
        }),
      ]);
      expect(ofType(facts, 'PaymentSucceeded')).toEqual([]);
      const webhook = await factsOf(delivery);
      if (webhook) expect(ofType(webhook, 'PaymentFailed')).toEqual(ofType(facts, 'PaymentFailed'));
    });

    it('states an expired checkout as a payment that expired, the same through its webhook', async () => {
      const request = checkoutRequest();
      const checkout = await provider.createCheckout(request);
      if (!world.expire) return expectNoProvider(request, checkout);
      const delivery = world.expire(checkout);
      const facts = await provider.currentFacts(request.reference, checkout.providerReference);
      expect(facts).toEqual([
        expect.objectContaining({ type: 'PaymentFailed', reference: request.reference, outcome: 'expired' }),
      ]);
      const webhook = await factsOf(delivery);
      if (webhook) expect(webhook).toEqual(facts);
    });

    it('states a charge-back of a paid payment once, next to the payment, the same through its webhook', async () => {
      const paid = await paidCheckout();
      if (!paid || !world.chargeBack) return statesNothingWithoutProvider();
      const delivery = world.chargeBack(paid.checkout, 25_00);
      const facts = await provider.currentFacts(paid.request.reference, paid.checkout.providerReference);
      expect(ofType(facts, 'PaymentSucceeded')).toHaveLength(1);
      const chargedBack = ofType(facts, 'ChargedBack');
      expect(chargedBack).toEqual([expect.objectContaining({ reference: paid.request.reference, amountCents: 25_00 })]);
      const webhook = await factsOf(delivery);
      if (webhook) expect(ofType(webhook, 'ChargedBack')).toEqual(chargedBack);
    });

    it('knows the provider’s fee once the provider states it, also after the payment, for that payment', async () => {
      const paid = await paidCheckout();
      if (!paid || !world.setFee) return statesNothingWithoutProvider();
      const before = await provider.currentFacts(paid.request.reference, paid.checkout.providerReference);
      expect(ofType(before, 'FeeKnown')).toEqual([]);
      const delivery = world.setFee(paid.checkout, 83);
      const facts = await provider.currentFacts(paid.request.reference, paid.checkout.providerReference);
      const [payment] = ofType(facts, 'PaymentSucceeded');
      expect(ofType(facts, 'FeeKnown')).toEqual([
        expect.objectContaining({
          reference: paid.request.reference,
          providerPaymentId: payment?.providerPaymentId,
          feeCents: 83,
        }),
      ]);
      const webhook = await factsOf(delivery);
      if (webhook) expect(ofType(webhook, 'FeeKnown')).toEqual(ofType(facts, 'FeeKnown'));
    });

    it('counts a partial refund, then the rest, each once and only once the provider confirms it', async () => {
      const paid = await paidCheckout();
      if (!paid || !world.confirmRefund) return statesNothingWithoutProvider();
      const { reference } = paid.request;
      const current = () => provider.currentFacts(reference, paid.checkout.providerReference);
      const [payment] = ofType(await current(), 'PaymentSucceeded');
      if (!payment) throw new Error('no payment to refund');
      const refund = (amountCents: number, n: number) =>
        provider.refund({
          reference,
          providerPaymentId: payment.providerPaymentId,
          amountCents,
          idempotencyKey: idempotencyKeyFor(reference, `refund-${n}`),
        });
      const partial = await refund(10_00, 1);
      expect(ofType(await current(), 'RefundSucceeded')).toEqual([]);
      const confirmed = await factsOf(world.confirmRefund(paid.checkout, partial.providerRefundId));
      const afterPartial = ofType(await current(), 'RefundSucceeded');
      expect(afterPartial).toEqual([
        expect.objectContaining({ reference, providerRefundId: partial.providerRefundId, amountCents: 10_00 }),
      ]);
      if (confirmed) expect(ofType(confirmed, 'RefundSucceeded')).toEqual(afterPartial);

      const rest = await refund(15_00, 2);
      expect(rest.providerRefundId).not.toBe(partial.providerRefundId);
      await factsOf(world.confirmRefund(paid.checkout, rest.providerRefundId));
      const refunds = ofType(await current(), 'RefundSucceeded');
      expect(refunds.map((fact) => [fact.providerRefundId, fact.amountCents]).sort()).toEqual(
        [
          [partial.providerRefundId, 10_00],
          [rest.providerRefundId, 15_00],
        ].sort(),
      );
      expect(ofType(await current(), 'PaymentSucceeded')).toHaveLength(1);
    });

    const startedMonthly = async () => {
      const request = checkoutRequest({ amountCents: 10_00, frequency: 'monthly', payerEmail: 'an@example.be' });
      const checkout = await provider.createCheckout(request);
      if (!world.startMonthly) return { request, checkout, started: false as const };
      const first = await factsOf(world.startMonthly(checkout));
      // the platform's reaction to the first payment, where the provider needs one (Mollie's subscription)
      await provider.startMonthly?.(request.reference, checkout.providerReference);
      return { request, checkout, first, started: true as const };
    };

    it('states the first month of a monthly gift as its payment and each later month as one monthly charge', async () => {
      const monthly = await startedMonthly();
      const { request, checkout } = monthly;
      if (!monthly.started || !world.chargeMonth) return expectNoProvider(request, checkout);
      const current = () => provider.currentFacts(request.reference, checkout.providerReference);
      expect(ofType(await current(), 'PaymentSucceeded')).toEqual([
        expect.objectContaining({ reference: request.reference, amountCents: 10_00 }),
      ]);
      if (monthly.first)
        expect(ofType(monthly.first, 'PaymentSucceeded')).toEqual(ofType(await current(), 'PaymentSucceeded'));
      expect(ofType(await current(), 'MonthlyChargeSucceeded')).toEqual([]);

      const delivery = world.chargeMonth(checkout);
      const charged = ofType((await provider.parseWebhook(delivery)).facts, 'MonthlyChargeSucceeded');
      expect(charged).toEqual([expect.objectContaining({ reference: request.reference, amountCents: 10_00 })]);
      expect(charged[0]?.providerPaymentId).not.toBe(ofType(await current(), 'PaymentSucceeded')[0]?.providerPaymentId);
      expect(ofType((await provider.parseWebhook(delivery)).facts, 'MonthlyChargeSucceeded')).toEqual(charged);
      expect(ofType(await current(), 'MonthlyChargeSucceeded')).toEqual([
        expect.objectContaining({ providerPaymentId: charged[0]?.providerPaymentId, amountCents: 10_00 }),
      ]);
    });

    it('cancels a monthly gift’s subscription at the provider, and a second cancel changes nothing', async () => {
      const monthly = await startedMonthly();
      const { request, checkout } = monthly;
      if (!monthly.started || !world.subscriptionCancelled) {
        await expect(
          provider.cancelSubscription(request.reference, checkout.providerReference),
        ).resolves.toBeUndefined();
        return expectNoProvider(request, checkout);
      }
      expect(world.subscriptionCancelled(checkout)).toBe(false);
      await provider.cancelSubscription(request.reference, checkout.providerReference);
      expect(world.subscriptionCancelled(checkout)).toBe(true);
      await expect(provider.cancelSubscription(request.reference, checkout.providerReference)).resolves.toBeUndefined();
      const facts = await provider.currentFacts(request.reference, checkout.providerReference);
      expect(ofType(facts, 'SubscriptionEnded')).toEqual([expect.objectContaining({ reference: request.reference })]);
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

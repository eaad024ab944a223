import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PaymentMethod } from '@mollie/api-client';
import { MOLLIE_METHODS, MolliePaymentProvider } from './adapters/mollie';
import { SandboxPaymentProvider } from './adapters/sandbox';
import { STRIPE_METHODS, StripePaymentProvider } from './adapters/stripe';
import { isPaymentMethod, methodRefusal, PAYMENT_METHODS } from './payment-methods';

const FREQUENCIES = ['one_off', 'monthly'] as const;

/**
 * The values Stripe's SDK lists for a Checkout Session's `allowed_payment_method_types` (its type also admits any
 * string, so the compiler alone would let a wrong name through).
 */
function stripeCheckoutMethodTypes(): string[] {
  // the SDK's CommonJS entry sits beside its declarations (cjs/stripe.cjs.node.js, cjs/resources/…)
  const types = readFileSync(
    join(dirname(require.resolve('stripe')), 'resources', 'Checkout', 'Sessions.d.ts'),
    'utf8',
  );
  const union = /type AllowedPaymentMethodType = ([^;]+);/.exec(types)?.[1];
  if (!union) throw new Error('the stripe SDK no longer declares SessionCreateParams.AllowedPaymentMethodType');
  return [...union.matchAll(/'([a-z_]+)'/g)].map((match) => match[1] as string);
}

describe('payment methods: ours, and what each provider really offers', () => {
  it('are bancontact, ideal, creditcard and sepa, and nothing else', () => {
    expect(PAYMENT_METHODS).toEqual(['bancontact', 'ideal', 'creditcard', 'sepa']);
    expect(isPaymentMethod('sepa')).toBe(true);
    expect(isPaymentMethod('directdebit')).toBe(false);
    expect(isPaymentMethod(undefined)).toBe(false);
  });

  it('map to Mollie methods of the client’s own PaymentMethod list', () => {
    const mollie = Object.values(PaymentMethod) as string[];
    const mapped = PAYMENT_METHODS.flatMap((method) =>
      FREQUENCIES.map((frequency) => MOLLIE_METHODS[method][frequency]),
    );
    const named = mapped.filter((native) => native !== undefined);
    expect(named.length).toBeGreaterThan(0);
    for (const native of named) expect(mollie).toContain(native);
  });

  it('map to Stripe Checkout payment method types of the SDK’s own list', () => {
    const stripe = stripeCheckoutMethodTypes();
    expect(stripe).toEqual(expect.arrayContaining(['card', 'sepa_debit', 'bancontact', 'ideal']));
    for (const method of PAYMENT_METHODS) {
      for (const frequency of FREQUENCIES) {
        const native = STRIPE_METHODS[method][frequency];
        expect(native).toBeDefined();
        expect(stripe).toContain(native);
      }
    }
    expect(STRIPE_METHODS.creditcard).toEqual({ one_off: 'card', monthly: 'card' });
    expect(STRIPE_METHODS.sepa).toEqual({ one_off: 'sepa_debit', monthly: 'sepa_debit' });
  });

  it('are each offered, one-off and monthly, by the provider that can do them', () => {
    const sandbox = new SandboxPaymentProvider('https://walk.example.org');
    const stripe = new StripePaymentProvider({ secretKey: 'sk_test_methods', webhookSecret: 'whsec_methods' });
    const mollie = new MolliePaymentProvider({
      apiKey: 'test_methodsMethodsMethodsMethods',
      publicBaseUrl: 'https://w.example',
    });
    for (const frequency of FREQUENCIES) {
      expect(sandbox.methodsFor(frequency)).toEqual([...PAYMENT_METHODS]);
      expect(stripe.methodsFor(frequency)).toEqual([...PAYMENT_METHODS]);
      expect(mollie.methodsFor(frequency)).toEqual(['bancontact', 'ideal', 'creditcard']);
    }
  });

  it('refuse a method the provider cannot do with one clear sentence that says what it can do', () => {
    const offered = ['bancontact', 'ideal', 'creditcard'] as const;
    expect(methodRefusal('mollie', offered, 'bancontact', 'monthly')).toBeUndefined();
    expect(methodRefusal('mollie', offered, 'sepa', 'monthly')).toBe(
      'method sepa is not offered by the payment provider (mollie) for a monthly gift: choose bancontact, ideal, creditcard',
    );
    expect(methodRefusal('mollie', offered, 'sepa', 'one_off')).toMatch(/for a one-off gift/);
    expect(methodRefusal('mollie', offered, 'paypal', 'one_off')).toBe(
      'method must be one of bancontact, ideal, creditcard, sepa',
    );
  });
});

/**
 * The payment port, in the platform's words. Adapters (sandbox now; Stripe and Mollie with the payments issue)
 * translate it and hold no business rule. Amounts are integer cents; a provider's own format (Mollie's "25.00")
 * is made at the adapter's edge only.
 */
export type Frequency = 'one_off' | 'monthly';

export interface CheckoutRequest {
  /** Our id of what is paid: a donation id, or a registration fee's id. */
  reference: string;
  amountCents: number;
  frequency: Frequency;
  /** Shown to the payer on the provider's page. Never personal data. */
  description: string;
  /** Where the provider sends the payer back. */
  returnUrl: string;
  /** Derived from our reference, so that a retried call cannot create a second checkout. */
  idempotencyKey: string;
  /** bancontact, ideal, creditcard, … passed through when the provider supports it. */
  method?: string;
}

export interface Checkout {
  checkoutUrl: string;
  /** The provider's id of the payment or session, kept with the donation. */
  providerReference: string;
}

export interface PaymentProvider {
  readonly name: 'sandbox' | 'stripe' | 'mollie';
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

/** The idempotency key of everything a provider creates for one of our references. */
export function idempotencyKeyFor(reference: string, purpose = 'checkout'): string {
  return `rw-${purpose}-${reference}`;
}

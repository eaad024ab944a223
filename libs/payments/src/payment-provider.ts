import type { PaymentMethodName } from './payment-methods';

/**
 * The payment port, in the platform's words. Adapters (sandbox, Stripe, Mollie) translate it and hold no
 * business rule. Amounts are integer cents; a provider's own format (Mollie's "25.00") is made at the adapter's
 * edge only. Every call that creates something at the provider carries our idempotency key.
 */
export type Frequency = 'one_off' | 'monthly';

export interface CheckoutRequest {
  /** Our id of what is paid: a donation id, or a registration fee's reference (`fee-<walkerId>`). */
  reference: string;
  amountCents: number;
  /** monthly: a mandate / subscription checkout (Stripe subscription mode, Mollie first payment + subscription). */
  frequency: Frequency;
  /** Shown to the payer on the provider's page. Never personal data. */
  description: string;
  /** Where the provider sends the payer back. */
  returnUrl: string;
  /** Derived from our reference, so that a retried call cannot create a second checkout. */
  idempotencyKey: string;
  /**
   * One of our methods (PAYMENT_METHODS: bancontact, ideal, creditcard, sepa), translated by the adapter into the
   * provider's own; absent: the payer chooses at the provider. An adapter refuses (throws) a method it cannot take
   * for the frequency: callers check `methodsFor` first and answer 400.
   */
  method?: string;
  /** The payer's e-mail address, when the provider needs a customer (monthly). Never put in metadata. */
  payerEmail?: string;
}

export interface Checkout {
  checkoutUrl: string;
  /** The provider's id of the checkout / payment, kept with the donation. */
  providerReference: string;
}

/**
 * What a provider says happened, in provider-neutral facts. `reference` is ours (donation id or fee reference);
 * the provider's own ids make each fact unique, so applying the same fact twice changes nothing.
 */
export type PaymentFact =
  | { type: 'PaymentSucceeded'; reference: string; providerPaymentId: string; amountCents: number; at: string }
  | {
      /** Final: the checkout is over (expired, or the provider says the payment will not be made). */
      type: 'PaymentFailed';
      reference: string;
      providerPaymentId: string;
      outcome: 'failed' | 'expired' | 'canceled';
      /** The provider's decline reason, shown on the result page. */
      reason?: string;
      at: string;
    }
  | {
      /**
       * Not final: one attempt inside a checkout that is still open was declined (Stripe's
       * payment_intent.payment_failed while its Checkout Session is open). The donor may try again and pay.
       */
      type: 'PaymentAttemptFailed';
      reference: string;
      providerPaymentId: string;
      reason?: string;
      at: string;
    }
  | { type: 'MonthlyChargeSucceeded'; reference: string; providerPaymentId: string; amountCents: number; at: string }
  | {
      type: 'RefundSucceeded';
      reference: string;
      providerRefundId: string;
      amountCents: number;
      /**
       * The provider's id of the payment refunded, as in PaymentSucceeded / MonthlyChargeSucceeded
       * (providerPaymentId): which charge of a monthly gift the refund gives back. Absent when unknown.
       */
      providerPaymentId?: string;
      at: string;
    }
  | {
      /** A refund reported as succeeded that the provider could not carry out after all: the money stays with us. */
      type: 'RefundFailed';
      reference: string;
      providerRefundId: string;
      amountCents: number;
      at: string;
    }
  | {
      /** Money actually withdrawn by the donor's bank. An inquiry or a dispute that withdrew nothing is no fact. */
      type: 'ChargedBack';
      reference: string;
      providerChargebackId: string;
      amountCents: number;
      at: string;
    }
  | {
      /** A charge-back given back to us (Stripe: a won dispute, funds reinstated; Mollie: `reversedAt`). */
      type: 'ChargebackReversed';
      reference: string;
      providerChargebackId: string;
      amountCents: number;
      at: string;
    }
  | { type: 'SubscriptionEnded'; reference: string; providerSubscriptionId: string; at: string }
  | {
      /**
       * A cost the provider takes: its fee on a payment or charge (providerPaymentId: that payment), or on a
       * dispute (providerPaymentId: the dispute's id). The latest value for one id replaces the earlier one.
       */
      type: 'FeeKnown';
      reference: string;
      providerPaymentId: string;
      feeCents: number;
      at: string;
    };

export interface WebhookDelivery {
  /** The request body exactly as received (signatures are computed over it). */
  rawBody: Buffer;
  headers: Record<string, string | string[] | undefined>;
}

export interface ParsedWebhook {
  /** The provider's id of this delivery (Stripe's event id), to de-duplicate; absent when the provider has none. */
  deliveryId?: string;
  facts: PaymentFact[];
  /** The payment named is the provider account's but none of ours (made elsewhere): nothing to apply, ever. */
  foreign?: true;
}

/** The webhook's signature does not verify: answer 400 and change nothing. */
export class InvalidWebhook extends Error {
  override name = 'InvalidWebhook';
}

export interface RefundRequest {
  reference: string;
  /** The provider's id of the payment to refund (first payment or a monthly charge). */
  providerPaymentId: string;
  amountCents: number;
  idempotencyKey: string;
}

export interface PaymentProvider {
  readonly name: 'sandbox' | 'stripe' | 'mollie';
  /** Our methods this provider really offers for a one-off gift, or for the first payment of a monthly one. */
  methodsFor(frequency: Frequency): PaymentMethodName[];
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /**
   * Verifies a webhook delivery and turns it into facts. Providers whose webhooks carry only an id (Mollie) or
   * whose events may be stale (Stripe) re-fetch the objects here, so facts reflect the provider's current state.
   */
  parseWebhook(delivery: WebhookDelivery): Promise<ParsedWebhook>;
  /**
   * Verifies a delivery without asking the provider anything and answers the provider's id of it (Stripe's event
   * id), so a delivery already applied is acknowledged before any work. Throws InvalidWebhook like parseWebhook.
   * Absent when the provider's deliveries have no id of their own (Mollie sends only a payment id).
   */
  deliveryIdOf?(delivery: WebhookDelivery): string;
  /**
   * The provider's payment id a delivery names, read without asking the provider; throws InvalidWebhook when there
   * is none shaped like the provider's. Present when deliveries carry only an id (Mollie): the platform then checks
   * the payment is one of ours before parseWebhook calls the provider about it.
   */
  paymentIdOf?(delivery: WebhookDelivery): string;
  /** Everything the provider now knows of one of our references (reconciliation after lost webhooks). */
  currentFacts(reference: string, providerReference: string): Promise<PaymentFact[]>;
  /** Asks for a refund; it counts only once a RefundSucceeded fact confirms it. */
  refund(request: RefundRequest): Promise<{ providerRefundId: string }>;
  /** Stops a monthly gift's subscription at the provider. */
  cancelSubscription(reference: string, providerReference: string): Promise<void>;
  /**
   * What a monthly gift needs at the provider once its first payment is paid, for providers where the platform
   * starts it (Mollie: the subscription); absent where the provider does it itself (Stripe). Called by a
   * reaction to the first payment, once across instances; idempotent (a repeat finds what the first made).
   */
  startMonthly?(reference: string, providerReference: string): Promise<void>;
}

export const PAYMENT_PROVIDER = Symbol('PAYMENT_PROVIDER');

/** The idempotency key of everything a provider creates for one of our references. */
export function idempotencyKeyFor(reference: string, purpose = 'checkout'): string {
  return `rw-${purpose}-${reference}`;
}

/** "25.00" from 2500: the decimal string Mollie wants, made from integer cents without floating point. */
export function centsToDecimalString(cents: number): string {
  if (!Number.isSafeInteger(cents) || cents < 0) throw new Error(`not a whole, non-negative number of cents: ${cents}`);
  return `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}`;
}

/** 2500 from "25.00" (or "25.0", "25"): at the provider's edge, exact, no floating point. */
export function decimalStringToCents(value: string): number {
  const match = /^(\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) throw new Error(`not an amount with at most two decimals: ${value}`);
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

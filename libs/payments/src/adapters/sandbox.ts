import { isPaymentMethod, PAYMENT_METHODS, type PaymentMethodName } from '../payment-methods';
import type {
  Checkout,
  CheckoutRequest,
  Frequency,
  ParsedWebhook,
  PaymentFact,
  PaymentProvider,
  RefundRequest,
} from '../payment-provider';

/**
 * The embedded default: our own hosted checkout page (`/sandbox/checkout/:reference`), where the payer chooses
 * the outcome, so the whole flow runs offline. Its "webhook" is `POST /api/sandbox/donations/:id/settle`, which
 * acts directly; the sandbox has no webhook of its own to parse and nothing to re-fetch.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  constructor(private readonly publicBaseUrl: string) {}

  /** Our own page stands in for every method, one-off and monthly alike: nothing is paid there. */
  methodsFor(_frequency: Frequency): PaymentMethodName[] {
    return [...PAYMENT_METHODS];
  }

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
      throw new Error(`sandbox checkout: amountCents must be a positive whole number, got ${request.amountCents}`);
    }
    if (request.method !== undefined && !isPaymentMethod(request.method)) {
      throw new Error(`sandbox checkout: unknown payment method ${request.method}`);
    }
    // made from our reference alone, so a retried call gets the same checkout
    return {
      checkoutUrl: `${this.publicBaseUrl.replace(/\/+$/, '')}/sandbox/checkout/${encodeURIComponent(request.reference)}`,
      providerReference: `sandbox_${request.reference}`,
    };
  }

  async parseWebhook(): Promise<ParsedWebhook> {
    return { facts: [] };
  }

  async currentFacts(): Promise<PaymentFact[]> {
    return [];
  }

  async refund(request: RefundRequest): Promise<{ providerRefundId: string }> {
    return { providerRefundId: `sandbox_refund_${request.idempotencyKey}` };
  }

  async cancelSubscription(): Promise<void> {}
}

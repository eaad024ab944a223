import type { Checkout, CheckoutRequest, PaymentProvider } from '../payment-provider';

/**
 * The embedded default: our own hosted checkout page (`/sandbox/checkout/:reference`), where the payer chooses
 * the outcome, so the whole flow runs offline. Its "webhook" is `POST /api/sandbox/donations/:id/settle`.
 */
export class SandboxPaymentProvider implements PaymentProvider {
  readonly name = 'sandbox' as const;
  constructor(private readonly publicUrl: string) {}

  async createCheckout(request: CheckoutRequest): Promise<Checkout> {
    if (!Number.isSafeInteger(request.amountCents) || request.amountCents <= 0) {
      throw new Error(`sandbox checkout: amountCents must be a positive whole number, got ${request.amountCents}`);
    }
    // made from our reference alone, so a retried call gets the same checkout
    return {
      checkoutUrl: `${this.publicUrl.replace(/\/+$/, '')}/sandbox/checkout/${encodeURIComponent(request.reference)}`,
      providerReference: `sandbox_${request.reference}`,
    };
  }
}

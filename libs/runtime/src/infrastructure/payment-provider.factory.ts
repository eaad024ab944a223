import { type PaymentProvider, SandboxPaymentProvider } from '@rw/payments';
// the provider adapters load their SDKs: only this factory names them, the read side never loads them
import { MolliePaymentProvider } from '@rw/payments/adapters/mollie';
import { StripePaymentProvider } from '@rw/payments/adapters/stripe';
import type { PlatformConfig } from '../config/config';

/** The payment provider the configuration names: the sandbox by default. */
export function openPaymentProvider(config: PlatformConfig): PaymentProvider {
  const publicBaseUrl = config.PUBLIC_BASE_URL as string;
  switch (config.PAYMENT_PROVIDER) {
    case 'sandbox':
      return new SandboxPaymentProvider(publicBaseUrl);
    case 'stripe':
      return new StripePaymentProvider({
        secretKey: config.STRIPE_SECRET_KEY as string,
        webhookSecret: config.STRIPE_WEBHOOK_SECRET as string,
        publicBaseUrl,
      });
    case 'mollie':
      // Mollie calls back on PUBLIC_BASE_URL/api/webhooks/mollie: it must be reachable from the internet
      return new MolliePaymentProvider({ apiKey: config.MOLLIE_API_KEY as string, publicBaseUrl });
    default: {
      const _exhaustive: never = config.PAYMENT_PROVIDER;
      return _exhaustive;
    }
  }
}

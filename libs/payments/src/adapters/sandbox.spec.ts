import { idempotencyKeyFor } from '../payment-provider';
import { SandboxPaymentProvider } from './sandbox';

describe('sandbox payment provider', () => {
  const provider = new SandboxPaymentProvider('http://localhost:3000/');
  const request = {
    reference: 'don-1',
    amountCents: 25_00,
    frequency: 'one_off' as const,
    description: 'Gift to the Refugee Walk',
    returnUrl: 'http://localhost:3000/donations/don-1/result',
    idempotencyKey: idempotencyKeyFor('don-1'),
  };

  it('points the payer at our own hosted checkout page', async () => {
    await expect(provider.createCheckout(request)).resolves.toEqual({
      checkoutUrl: 'http://localhost:3000/sandbox/checkout/don-1',
      providerReference: 'sandbox_don-1',
    });
  });

  it('answers a retried call with the same checkout', async () => {
    const first = await provider.createCheckout(request);
    expect(await provider.createCheckout(request)).toEqual(first);
  });

  it('refuses an amount that is not a positive whole number of cents', async () => {
    await expect(provider.createCheckout({ ...request, amountCents: 12.5, idempotencyKey: 'k2' })).rejects.toThrow(
      /whole number/,
    );
    await expect(provider.createCheckout({ ...request, amountCents: 0, idempotencyKey: 'k3' })).rejects.toThrow(
      /positive/,
    );
  });
});

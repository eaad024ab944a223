import { executeCommand, MemoryEventStore } from '@rw/event-store';
import { type PaymentProvider, SandboxPaymentProvider } from '@rw/payments';
import { CancelMonthlyGiftCommand, CancelMonthlyGiftHandler } from './cancel-monthly';
import type { DonationCommand } from './commands';
import { donationDecider } from './decider';
import { NotAMonthlyDonation } from './errors';
import { donationStream } from './events';

const at = '2026-05-10T10:00:00.000Z';

/** A gift opened at the provider (checkout `cs_1`) and paid. */
async function paidGift(frequency: 'one_off' | 'monthly'): Promise<MemoryEventStore> {
  const store = new MemoryEventStore();
  const commands: DonationCommand[] = [
    {
      type: 'CreateDonation',
      donationId: 'd1',
      editionId: 'ed1',
      beneficiary: { type: 'edition', id: 'ed1' },
      amountCents: 10_00,
      frequency,
      donor: { name: 'Jan Janssens', email: 'jan@example.be' },
      anonymous: false,
      provider: 'sandbox',
      at,
    },
    { type: 'RecordCheckout', donationId: 'd1', providerReference: 'cs_1', checkoutUrl: 'https://pay.test/cs_1', at },
    { type: 'SettleDonation', donationId: 'd1', outcome: 'paid', providerReference: 'cs_1', at },
  ];
  for (const command of commands) await executeCommand(store, donationStream('d1'), donationDecider, command);
  return store;
}

/** The sandbox provider, with the subscriptions it was asked to stop written down. */
function provider(fails = false): PaymentProvider & { cancelled: string[] } {
  const cancelled: string[] = [];
  return Object.assign(new SandboxPaymentProvider('https://rw.test'), {
    cancelled,
    async cancelSubscription(_reference: string, providerReference: string) {
      if (fails) throw new Error('provider unreachable');
      cancelled.push(providerReference);
    },
  });
}

const types = async (store: MemoryEventStore) => (await store.readStream(donationStream('d1'))).map((e) => e.type);

describe('stopping a monthly gift', () => {
  it('stops the subscription at the provider, then stores the fact; asked again, it does neither', async () => {
    const store = await paidGift('monthly');
    const payments = provider();
    const handler = new CancelMonthlyGiftHandler(store, payments);
    const first = await handler.execute(new CancelMonthlyGiftCommand('d1', 'donor', at));
    expect(first.events.map((e) => e.type)).toEqual(['MonthlyDonationCancelled']);
    expect(payments.cancelled).toEqual(['cs_1']);
    const again = await handler.execute(new CancelMonthlyGiftCommand('d1', 'finance', at));
    expect(again.events).toEqual([]);
    expect(payments.cancelled).toEqual(['cs_1']);
    expect(await types(store)).toEqual([
      'DonationCreated',
      'DonationCheckoutOpened',
      'DonationPaid',
      'MonthlyDonationCancelled',
    ]);
  });

  it('refuses a one-off gift without asking the provider', async () => {
    const store = await paidGift('one_off');
    const payments = provider();
    await expect(
      new CancelMonthlyGiftHandler(store, payments).execute(new CancelMonthlyGiftCommand('d1', 'donor', at)),
    ).rejects.toThrow(NotAMonthlyDonation);
    expect(payments.cancelled).toEqual([]);
    expect(await types(store)).not.toContain('MonthlyDonationCancelled');
  });

  it('stores nothing when the provider cannot stop the subscription, so the donor can ask again', async () => {
    const store = await paidGift('monthly');
    await expect(
      new CancelMonthlyGiftHandler(store, provider(true)).execute(new CancelMonthlyGiftCommand('d1', 'donor', at)),
    ).rejects.toThrow('provider unreachable');
    expect(await types(store)).not.toContain('MonthlyDonationCancelled');
  });
});

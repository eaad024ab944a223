import { MemoryEventStore, UpcastingEventStore } from '@rw/event-store';
import { donationStream, type DonationEvent } from './events';
import { donationUpcasters } from './upcasters';

const created = (donationId: string, extra: object = {}): DonationEvent => ({
  type: 'DonationCreated',
  data: {
    donationId,
    editionId: 'ed1',
    beneficiary: { type: 'walker', id: 'w1' },
    teamId: 't1',
    walkerId: 'w1',
    amountCents: 25_00,
    frequency: 'monthly',
    donor: { name: 'Jan', email: 'jan@example.be' },
    anonymous: false,
    provider: 'stripe',
    createdAt: '2026-05-01T10:00:00.000Z',
    ...extra,
  },
});
/** A payment as it was stored before money events said what they count for. */
const oldPaid = (donationId: string): DonationEvent => ({
  type: 'DonationPaid',
  data: { donationId, amountCents: 25_00, providerReference: `pi_${donationId}`, paidAt: '2026-05-01T10:05:00.000Z' },
});
const facts = {
  editionId: 'ed1',
  beneficiary: { type: 'walker', id: 'w1' },
  teamId: 't1',
  walkerId: 'w1',
  frequency: 'monthly',
  provider: 'stripe',
};

describe('donation upcasters', () => {
  it('gives every old money event of a gift what it counts for, from the gift’s DonationCreated', async () => {
    const store = new UpcastingEventStore(new MemoryEventStore(), donationUpcasters);
    const events: DonationEvent[] = [
      created('d1'),
      oldPaid('d1'),
      {
        type: 'MonthlyChargePaid',
        data: { donationId: 'd1', chargeId: 'c2', amountCents: 25_00, providerReference: 'pi_c2', paidAt: 'x' },
      },
      { type: 'DonationRefunded', data: { donationId: 'd1', refundId: 're_1', amountCents: 5_00, refundedAt: 'x' } },
      {
        type: 'DonationRefundReversed',
        data: { donationId: 'd1', refundId: 're_1', amountCents: 5_00, reversedAt: 'x' },
      },
      {
        type: 'DonationChargedBack',
        data: { donationId: 'd1', chargebackId: 'cb', amountCents: 25_00, chargedBackAt: 'x' },
      },
      {
        type: 'DonationChargebackReversed',
        data: { donationId: 'd1', chargebackId: 'cb', amountCents: 25_00, reversedAt: 'x' },
      },
      {
        type: 'ProviderFeeRecorded',
        data: { donationId: 'd1', providerPaymentId: 'pi_d1', feeCents: 30, recordedAt: 'x' },
      },
      // not money: read as stored
      { type: 'MonthlyDonationCancelled', data: { donationId: 'd1', cancelledBy: 'donor', cancelledAt: 'x' } },
    ];
    await store.append(donationStream('d1'), events, 'no_stream');
    const read = await store.readStream(donationStream('d1'));
    expect(read.slice(1, -1).map((event) => (event.data as { gift?: unknown }).gift)).toEqual(Array(7).fill(facts));
    expect(read[8]?.data).toEqual(events[8]?.data);
    expect(read[0]?.data).toEqual(events[0]?.data);
  });

  it('finds an imported gift’s creation among the other imports of its stream, with the day it was received', async () => {
    const store = new UpcastingEventStore(new MemoryEventStore(), donationUpcasters);
    const imported = (id: string, receivedOn: string) =>
      created(id, {
        frequency: 'one_off',
        provider: 'import',
        beneficiary: { type: 'team', id: `t-${id}` },
        teamId: `t-${id}`,
        walkerId: undefined,
        recordedOffline: { by: 'fin', method: 'bank_transfer', receivedOn },
      });
    await store.append(
      'gift-imports',
      [imported('g1', '2026-03-01'), oldPaid('g1'), imported('g2', '2026-03-02'), oldPaid('g2')],
      'no_stream',
    );
    const paid = [];
    for await (const event of store.readAll()) if (event.type === 'DonationPaid') paid.push(event.data);
    expect(paid.map((data) => (data as { gift?: unknown }).gift)).toEqual([
      {
        editionId: 'ed1',
        beneficiary: { type: 'team', id: 't-g1' },
        teamId: 't-g1',
        frequency: 'one_off',
        provider: 'import',
        receivedOn: '2026-03-01',
      },
      {
        editionId: 'ed1',
        beneficiary: { type: 'team', id: 't-g2' },
        teamId: 't-g2',
        frequency: 'one_off',
        provider: 'import',
        receivedOn: '2026-03-02',
      },
    ]);
  });

  it('leaves a money event that already says what it counts for as it was written', async () => {
    const store = new UpcastingEventStore(new MemoryEventStore(), donationUpcasters);
    const current: DonationEvent = {
      type: 'DonationPaid',
      data: { ...(oldPaid('d1').data as object), gift: { ...facts, editionId: 'ed-written' } } as never,
    };
    await store.append(donationStream('d1'), [created('d1'), current], 'no_stream');
    expect((await store.readStream(donationStream('d1')))[1]?.data).toEqual(current.data);
  });
});

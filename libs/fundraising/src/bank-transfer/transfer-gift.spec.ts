import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import { donationDecider } from '../donation/decider';
import { InvalidDonation } from '../donation/errors';
import type { DonationCreated } from '../donation/events';

const { given } = deciderSpec(donationDecider);
const created: DonationCreated = {
  type: 'DonationCreated',
  data: {
    donationId: 'd1',
    editionId: 'ed1',
    beneficiary: { type: 'edition', id: 'ed1' },
    amountCents: 50_00,
    frequency: 'one_off',
    donor: { name: 'Sofie', email: 'sofie@example.be' },
    anonymous: false,
    provider: 'bank_transfer',
    method: 'bank_transfer',
    createdAt: 't0',
  },
};

describe('a gift paid by bank transfer', () => {
  it('is paid with the amount that actually came in, not the amount promised', () => {
    given([created])
      .when({
        type: 'SettleDonation',
        donationId: 'd1',
        outcome: 'paid',
        providerReference: 'B1',
        receivedCents: 45_00,
        at: '2026-03-03T00:00:00.000Z',
      })
      .then([
        {
          type: 'DonationPaid',
          data: {
            donationId: 'd1',
            amountCents: 45_00,
            providerReference: 'B1',
            paidAt: '2026-03-03T00:00:00.000Z',
            gift: {
              editionId: 'ed1',
              beneficiary: { type: 'edition', id: 'ed1' },
              frequency: 'one_off',
              provider: 'bank_transfer',
            },
          },
        },
      ]);
  });

  it('refuses a received amount that is not whole cents above 0', () => {
    given([created])
      .when({
        type: 'SettleDonation',
        donationId: 'd1',
        outcome: 'paid',
        providerReference: 'B1',
        receivedCents: 0,
        at: 't1',
      })
      .thenFails(InvalidDonation);
  });
});

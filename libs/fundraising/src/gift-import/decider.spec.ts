import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import { InvalidDonation } from '../donation/errors';
import type { DonationCreated, DonationPaid } from '../donation/events';
import { giftImportDecider, type ImportedGift, type ImportGifts } from './decider';

const { given } = deciderSpec(giftImportDecider);
const gift: ImportedGift = {
  donationId: 'g1',
  editionId: 'ed1',
  beneficiary: { type: 'walker', id: 'w1' },
  teamId: 't1',
  walkerId: 'w1',
  amountCents: 54_47,
  frequency: 'one_off',
  donor: { name: ' Sofie Claes ', email: ' Sofie@Example.BE ' },
  receivedOn: '2026-03-03',
  reference: 'R-1',
};
const importGifts: ImportGifts = { type: 'ImportGifts', gifts: [gift], by: 'finance-1', at: 'now' };
const created: DonationCreated = {
  type: 'DonationCreated',
  data: {
    donationId: 'g1',
    editionId: 'ed1',
    beneficiary: { type: 'walker', id: 'w1' },
    teamId: 't1',
    walkerId: 'w1',
    amountCents: 54_47,
    frequency: 'one_off',
    donor: { name: 'Sofie Claes', email: 'sofie@example.be' },
    anonymous: false,
    provider: 'import',
    recordedOffline: { by: 'finance-1', method: 'bank_transfer', receivedOn: '2026-03-03', reference: 'R-1' },
    createdAt: '2026-03-03T00:00:00.000Z',
  },
};
const paid: DonationPaid = {
  type: 'DonationPaid',
  data: {
    donationId: 'g1',
    amountCents: 54_47,
    providerReference: 'R-1',
    paidAt: '2026-03-03T00:00:00.000Z',
    gift: {
      editionId: 'ed1',
      beneficiary: { type: 'walker', id: 'w1' },
      teamId: 't1',
      walkerId: 'w1',
      frequency: 'one_off',
      provider: 'import',
      receivedOn: '2026-03-03',
    },
  },
};

describe('gift import decider', () => {
  it('imports a gift as created and paid on the day it was received', () => {
    given([]).when(importGifts).then([created, paid]);
  });

  it('imports a gift once, whether it came before or twice in the same file', () => {
    given([created, paid]).when(importGifts).then([]);
    given([])
      .when({ ...importGifts, gifts: [gift, gift] })
      .then([created, paid]);
  });

  it('refuses the whole import when one gift is wrong, so nothing is half applied', () => {
    given([])
      .when({
        ...importGifts,
        gifts: [gift, { ...gift, donationId: 'g2', donor: { name: 'X', email: 'not an address' } }],
      })
      .thenFails(InvalidDonation);
  });
});

import type { Decider } from '@rw/event-store';
import { checkPerson, giftFacts } from '../donation/decider';
import { InvalidDonation } from '../donation/errors';
import type { DonationCreated, DonationEvent, DonationPaid } from '../donation/events';

/**
 * Every imported gift lives in one stream, `gift-imports`: an import is one append there (all its new gifts or,
 * on any error, none), and the stream's history is what tells a line imported before.
 */
export const GIFT_IMPORTS_STREAM = 'gift-imports';

export interface ImportedGift {
  donationId: string;
  editionId: string;
  beneficiary: DonationCreated['data']['beneficiary'];
  teamId?: string;
  walkerId?: string;
  amountCents: number;
  frequency: DonationCreated['data']['frequency'];
  donor: { name: string; email: string };
  receivedOn: string;
  reference?: string;
}

export interface ImportGifts {
  type: 'ImportGifts';
  gifts: readonly ImportedGift[];
  /** Account id of the finance member who imports. */
  by: string;
  at: string;
}

export type GiftImportEvent = Extract<DonationEvent, DonationCreated | DonationPaid>;

export interface GiftImportState {
  imported: ReadonlySet<string>;
}

export const giftImportDecider: Decider<ImportGifts, GiftImportEvent, GiftImportState> = {
  initialState: { imported: new Set() },
  decide(command, state) {
    const events: GiftImportEvent[] = [];
    const added = new Set<string>();
    for (const gift of command.gifts) {
      if (state.imported.has(gift.donationId) || added.has(gift.donationId)) continue;
      added.add(gift.donationId);
      if (!Number.isSafeInteger(gift.amountCents) || gift.amountCents < 1) {
        throw new InvalidDonation('an imported gift is a whole number of cents, 1 or more');
      }
      // the day the money came in, as an instant that is that same day in Brussels
      const paidAt = `${gift.receivedOn}T00:00:00.000Z`;
      const created: DonationCreated = {
        type: 'DonationCreated',
        data: {
          donationId: gift.donationId,
          editionId: gift.editionId,
          beneficiary: gift.beneficiary,
          ...(gift.teamId ? { teamId: gift.teamId } : {}),
          ...(gift.walkerId ? { walkerId: gift.walkerId } : {}),
          amountCents: gift.amountCents,
          frequency: gift.frequency,
          donor: checkPerson(gift.donor, 'donor', InvalidDonation),
          anonymous: false,
          provider: 'import',
          recordedOffline: {
            by: command.by,
            method: 'bank_transfer',
            receivedOn: gift.receivedOn,
            ...(gift.reference ? { reference: gift.reference } : {}),
          },
          createdAt: paidAt,
        },
      };
      events.push(created, {
        type: 'DonationPaid',
        data: {
          donationId: gift.donationId,
          amountCents: gift.amountCents,
          providerReference: gift.reference ?? `import:${gift.donationId}`,
          paidAt,
          gift: giftFacts(created.data),
        },
      });
    }
    return events;
  },
  evolve(state, event) {
    if (event.type !== 'DonationCreated') return state;
    return { imported: new Set([...state.imported, event.data.donationId]) };
  },
};

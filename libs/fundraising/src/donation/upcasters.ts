import type { StoredEvent, Upcaster, Upcasters } from '@rw/event-store';
import { giftFacts } from './decider';
import { type DonationCreated, donationMoneyEventTypes } from './events';

/**
 * A money event written before money events said what they count for (`gift`) learns it from its gift's
 * DonationCreated, found among the earlier events of its stream: the gift's own stream, or `gift-imports` that
 * holds every imported gift. The payment alone cannot tell its edition or team; the stream's past always can, for
 * the decider writes no money event before the gift is created. Facts are copied, never guessed: a DonationCreated
 * that cannot be found leaves the event as it was stored.
 */
const moneyEventUpcaster: Upcaster = {
  isOld: (data) => typeof data === 'object' && data !== null && !('gift' in data),
  upcast(data, earlier) {
    const { donationId } = data as { donationId: string };
    const created = earlier.findLast((event) => isCreationOf(event, donationId));
    return created ? { ...(data as object), gift: giftFacts(created.data as DonationCreated['data']) } : data;
  },
};

function isCreationOf(event: StoredEvent, donationId: string): boolean {
  return event.type === 'DonationCreated' && (event.data as DonationCreated['data']).donationId === donationId;
}

/** Every donation event whose stored shape is older than its current one, and how it is read today. */
export const donationUpcasters: Upcasters = Object.fromEntries(
  donationMoneyEventTypes.map((type) => [type, moneyEventUpcaster]),
);

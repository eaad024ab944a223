import { type EventStore, fold } from '@rw/event-store';
import { chargesOf, donationDecider, refundableCents, refundableOfCharge } from './decider';
import { DonationNotFound } from './errors';
import { type DonationEvent, donationStream } from './events';
import { donationHistory } from './history';

/**
 * One gift as its own stream tells it: what the gift is and what happened to it, oldest first. Its stream is the
 * record of that gift (a monthly gift's charges, refunds, its stop), read whole on request.
 */
async function giftStream(store: EventStore, donationId: string) {
  const events = (await store.readStream(donationStream(donationId))).map(
    (e) => ({ type: e.type, data: e.data }) as DonationEvent,
  );
  const state = fold(donationDecider, events);
  if (state.status === 'none') throw new DonationNotFound(donationId);
  return { events, state };
}

/**
 * What a gift is now (its checkout, a declined attempt's reason, whether a monthly gift was stopped, the donor's own
 * details for a new attempt): for the pages around a payment, which show facts no read model keeps.
 */
export async function giftNow(store: EventStore, donationId: string) {
  return (await giftStream(store, donationId)).state;
}

/** `GET /api/donations/:id`: the gift and its history. */
export async function giftRecord(store: EventStore, donationId: string) {
  const { events, state } = await giftStream(store, donationId);
  return {
    id: donationId,
    status: state.status,
    amountCents: state.gift.amountCents,
    // extension: of amountCents, the covered payment costs, when the donor added them
    ...(state.gift.coverFeesCents === undefined ? {} : { coverFeesCents: state.gift.coverFeesCents }),
    frequency: state.gift.frequency,
    beneficiary: state.gift.beneficiary,
    history: donationHistory(events),
  };
}

/** Each payment of a gift (the first, each monthly charge) with what was refunded of it, for finance. */
export async function giftCharges(store: EventStore, donationId: string) {
  const { state } = await giftStream(store, donationId);
  return {
    id: donationId,
    refundableCents: refundableCents(state),
    charges: Object.entries(chargesOf(state)).map(([chargeId, charge]) => ({
      chargeId,
      // the provider's reference of the payment, as the ledger export shows it
      providerReference: charge.providerReference ?? chargeId,
      paidCents: charge.paidCents,
      refundedCents: charge.refundedCents,
      refundableCents: refundableOfCharge(state, chargeId),
    })),
  };
}

/** What the refund request named `causationId` refunded, once it is recorded; undefined while it is not. */
export async function refundedByRequest(
  store: EventStore,
  donationId: string,
  causationId: string,
): Promise<number | undefined> {
  const refunds = (await store.readStream(donationStream(donationId))).filter(
    (e) => e.type === 'DonationRefunded' && e.metadata.causationId === causationId,
  );
  if (refunds.length === 0) return undefined;
  return refunds.reduce((sum, e) => sum + (e.data as { amountCents: number }).amountCents, 0);
}

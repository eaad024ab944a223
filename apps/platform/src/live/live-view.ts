import type { DatabaseSync } from 'node:sqlite';
import { type LeaderboardEntry, latestPaidGifts, leaderboard, raised, tickerDonation } from '@rw/read-models';

/** What a leaderboard screen shows at one moment. */
export interface LeaderboardSnapshot {
  editionId: string;
  raisedCents: number;
  supporters: number;
  topTeams: LeaderboardEntry[];
  topWalkers: LeaderboardEntry[];
}

/** One gift on the ticker: never the donor's e-mail; "anonymous" and no amount when the donor asked. */
export interface LiveGift {
  /**
   * The gift's donation id; for an anonymous gift an opaque id (`anon-…`, the same for that gift every time) instead,
   * since a donation id opens the gift's own pages (`GET /api/donations/:id`, its result page), amount included.
   */
  donationId: string;
  beneficiaryName: string;
  donorName: string;
  amountCents?: number;
  at: string;
}

export const TOP_ENTRIES = 10;

export function leaderboardSnapshot(db: DatabaseSync, editionId: string): LeaderboardSnapshot {
  const money = raised(db, 'edition', editionId);
  return {
    editionId,
    raisedCents: money.raisedCents,
    supporters: money.donorCount,
    topTeams: leaderboard(db, editionId, { kind: 'teams', limit: TOP_ENTRIES }),
    topWalkers: leaderboard(db, editionId, { kind: 'walkers', limit: TOP_ENTRIES }),
  };
}

/** The opaque id an anonymous gift is shown under (stable, so that a screen shows it once). */
export type AnonymousGiftId = (donationId: string) => string;

/** The gift as the ticker shows it, with the edition it counts for; undefined when the read model lacks it. */
export function liveGift(
  db: DatabaseSync,
  donationId: string,
  amountCents: number,
  at: string,
  anonymousId: AnonymousGiftId,
): { editionId: string; gift: LiveGift } | undefined {
  const donation = tickerDonation(db, donationId);
  if (!donation) return undefined;
  const { beneficiaryName } = donation;
  // an erased donor has no name left: shown as anonymous, with the amount (as on the walker's page)
  const gift: LiveGift = donation.anonymous
    ? { donationId: anonymousId(donationId), beneficiaryName, donorName: 'anonymous', at }
    : { donationId, beneficiaryName, donorName: donation.donorName || 'anonymous', amountCents, at };
  return { editionId: donation.editionId, gift };
}

/** The latest paid gifts of an edition, newest first (what a screen shows before anything happens live). */
export function latestGifts(
  db: DatabaseSync,
  editionId: string,
  limit: number,
  anonymousId: AnonymousGiftId,
): LiveGift[] {
  return latestPaidGifts(db, editionId, limit).flatMap((paid) => {
    const found = liveGift(db, paid.donationId, paid.amountCents, paid.at, anonymousId);
    return found ? [found.gift] : [];
  });
}

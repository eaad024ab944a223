import type { DomainEvent } from '@rw/event-store';

/**
 * Finance erased a donor's personal data on their request (GDPR art. 17). Carries no personal data itself: the
 * donor's key is deleted right after, which makes every event holding their data unreadable (crypto-shredding).
 * Read models blank what they copied; amounts and totals stay.
 */
export type DonorErased = DomainEvent<'DonorErased', { donorId: string; erasedAt: string; by: string }>;

export type DonorEvent = DonorErased;

export const donorStreamId = (donorId: string): string => `donor-${donorId}`;

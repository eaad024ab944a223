import { createHash } from 'node:crypto';
import type { DomainEvent } from '@rw/event-store';

/**
 * A value that must be unique across aggregates (a team name within an edition, a walker's e-mail address within
 * an edition, a slug) is claimed in a stream of its own before the aggregate is written: the event store's
 * "no_stream" check makes the claim atomic. Only a hash of the value is stored (an e-mail address is personal data).
 */
export type UniqueValueClaimed = DomainEvent<
  'UniqueValueClaimed',
  { scope: string; valueHash: string; ownerId: string; claimedAt: string }
>;
export type UniqueValueReleased = DomainEvent<
  'UniqueValueReleased',
  { scope: string; valueHash: string; ownerId: string; releasedAt: string }
>;

export type UniqueValueEvent = UniqueValueClaimed | UniqueValueReleased;

/** Scopes: what kind of value, and within what it must be unique. */
export const uniqueScope = {
  teamName: (editionId: string) => `team-name:${editionId}`,
  walkerEmail: (editionId: string) => `walker-email:${editionId}`,
  slug: (kind: 'team' | 'walker') => `slug:${kind}`,
};

export function uniqueValueHash(scope: string, value: string): string {
  return createHash('sha256')
    .update(`${scope}\u0000${value.trim().toLocaleLowerCase('nl-BE')}`)
    .digest('hex')
    .slice(0, 40);
}

export const uniqueValueStream = (scope: string, value: string) => `unique-${uniqueValueHash(scope, value)}`;

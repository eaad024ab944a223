import type { DomainEvent } from '@rw/event-store';
import type { MailLanguage } from '../language';
import type { Donor } from '../donation/events';

export type PledgeKind = 'fixed' | 'per_km';

export interface PledgeBeneficiary {
  type: 'walker' | 'team';
  id: string;
}

export type PledgeMade = DomainEvent<
  'PledgeMade',
  {
    pledgeId: string;
    editionId: string;
    beneficiary: PledgeBeneficiary;
    /** The team the pledge counts for: the walker's team, or the team itself. */
    teamId: string;
    /** Personal data, like a donor's (GDPR). E-mail normalised: trimmed, lower case. */
    sponsor: Donor;
    kind: PledgeKind;
    /** fixed: the whole amount; per_km: the amount for each kilometre walked. */
    amountCents: number;
    /** per_km only: the most the sponsor will pay, whatever the distance. */
    capCents?: number;
    /** The language of the mails it starts; 'nl' when absent (events from before languages). */
    language?: MailLanguage;
    madeAt: string;
  }
>;
/** The distance is known, so is the amount owed. A corrected distance makes the pledge due again, for the new amount. */
export type PledgeBecameDue = DomainEvent<
  'PledgeBecameDue',
  { pledgeId: string; km: number; dueCents: number; at: string }
>;
export type PledgeFulfilled = DomainEvent<
  'PledgeFulfilled',
  { pledgeId: string; donationId: string; amountCents: number; fulfilledAt: string }
>;
export type PledgeCancelled = DomainEvent<
  'PledgeCancelled',
  { pledgeId: string; cancelledBy: string; cancelledAt: string }
>;

export type PledgeEvent = PledgeMade | PledgeBecameDue | PledgeFulfilled | PledgeCancelled;

export const pledgeEventTypes: readonly PledgeEvent['type'][] = [
  'PledgeMade',
  'PledgeBecameDue',
  'PledgeFulfilled',
  'PledgeCancelled',
];

export const pledgeStream = (pledgeId: string) => `pledge-${pledgeId}`;

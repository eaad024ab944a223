import type { DomainEvent } from '@rw/event-store';
import type { MailLanguage } from '../language';

export type WalkerRole = 'captain' | 'member';

export type WalkerRegistered = DomainEvent<
  'WalkerRegistered',
  {
    walkerId: string;
    teamId: string;
    editionId: string;
    routeId: string;
    name: string;
    /** Normalised: trimmed, lower case. Unique within the edition (claimed as a unique value first). */
    email: string;
    slug: string;
    role: WalkerRole;
    targetCents: number;
    story: string;
    /** The route's registration fee; 0 when free. Never a gift: it counts in no raised amount. */
    registrationFeeCents: number;
    /** The language of the mails it starts; 'nl' when absent (events from before languages). */
    language?: MailLanguage;
    registeredAt: string;
    /**
     * Set by the personal-data vault on read: the id of the walker's key, which seals their name, e-mail, slug
     * and story in the store (the same id as their donor id when they also give). Absent on registrations written
     * before walkers' data was sealed: those are stored in clear.
     */
    personId?: string;
    /** The walker's key was deleted (erasure): name, e-mail, slug and story read blank. */
    erased?: boolean;
  }
>;
export type WalkerStoryChanged = DomainEvent<
  'WalkerStoryChanged',
  {
    walkerId: string;
    story: string;
    changedAt: string;
    /**
     * The walker's person id (see WalkerRegistered): the personal-data vault seals the story with their key.
     * Absent on changes written before stories were sealed, and for walkers registered before that: in clear.
     */
    personId?: string;
    /** Read back after the walker's erasure: the story is blank. */
    erased?: boolean;
  }
>;
export type WalkerTargetChanged = DomainEvent<
  'WalkerTargetChanged',
  { walkerId: string; targetCents: number; changedAt: string }
>;
/** The distance walked, as recorded by an organiser; a later record corrects an earlier one. */
export type WalkerDistanceRecorded = DomainEvent<
  'WalkerDistanceRecorded',
  {
    walkerId: string;
    teamId: string;
    km: number;
    recordedBy: string;
    recordedAt: string;
    /** The walker's proposal (WalkerDistanceProposed) this record accepts; absent for a distance typed in. */
    proposalId?: string;
  }
>;
/**
 * A walker proposed the distance they walked, measured from the track they uploaded; it counts only once an
 * organiser accepts it (a WalkerDistanceRecorded of the same km). Only numbers are kept, never a position.
 */
export type WalkerDistanceProposed = DomainEvent<
  'WalkerDistanceProposed',
  {
    walkerId: string;
    teamId: string;
    /** The file's SHA-256: the same file sent twice is one proposal. */
    proposalId: string;
    km: number;
    source: 'gpx';
    points: number;
    durationSeconds?: number;
    /** Elevation against distance, [km, metres], a few samples for the page's profile. */
    profile?: [number, number][];
    proposedAt: string;
  }
>;
export type RegistrationFeePaid = DomainEvent<
  'RegistrationFeePaid',
  { walkerId: string; feeCents: number; paymentReference: string; paidAt: string }
>;
/** Refugees walk free; an organiser may also waive a fee for other reasons, which are kept. */
export type RegistrationFeeWaived = DomainEvent<
  'RegistrationFeeWaived',
  { walkerId: string; waivedBy: string; reason: string; waivedAt: string }
>;
export type WalkerRemoved = DomainEvent<
  'WalkerRemoved',
  { walkerId: string; teamId: string; removedBy: string; removedAt: string }
>;

export type WalkerEvent =
  | WalkerRegistered
  | WalkerStoryChanged
  | WalkerTargetChanged
  | WalkerDistanceRecorded
  | WalkerDistanceProposed
  | RegistrationFeePaid
  | RegistrationFeeWaived
  | WalkerRemoved;

export const walkerStream = (walkerId: string) => `walker-${walkerId}`;

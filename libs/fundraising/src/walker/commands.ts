import type { MailLanguage } from '../language';
import type { WalkerRole } from './events';

export interface RegisterWalker {
  type: 'RegisterWalker';
  walkerId: string;
  teamId: string;
  editionId: string;
  routeId: string;
  name: string;
  email: string;
  slug: string;
  role: WalkerRole;
  /** The walker's own target; the edition's walker minimum when absent. */
  targetCents?: number;
  story?: string;
  /** From the edition: each walker commits to raise at least this much. */
  walkerMinimumCents: number;
  /** From the route; 0 when free. */
  registrationFeeCents: number;
  /** The language of the walker's mails; 'nl' when absent. */
  language?: MailLanguage;
  at: string;
}

export interface ChangeWalkerStory {
  type: 'ChangeWalkerStory';
  walkerId: string;
  story: string;
  at: string;
}

export interface ChangeWalkerTarget {
  type: 'ChangeWalkerTarget';
  walkerId: string;
  targetCents: number;
  walkerMinimumCents: number;
  at: string;
}

export interface RecordDistance {
  type: 'RecordDistance';
  walkerId: string;
  km: number;
  by: string;
  at: string;
  /**
   * Accepts the walker's proposal of this id: the proposal's km are recorded (the same file always measures the
   * same), and a proposal replaced meanwhile is refused rather than recorded unseen.
   */
  proposalId?: string;
}

/** A distance measured from an uploaded track, waiting for an organiser (see WalkerDistanceProposed). */
export interface ProposeDistance {
  type: 'ProposeDistance';
  walkerId: string;
  proposalId: string;
  km: number;
  source: 'gpx';
  points: number;
  durationSeconds?: number;
  profile?: [number, number][];
  at: string;
}

export interface PayRegistrationFee {
  type: 'PayRegistrationFee';
  walkerId: string;
  feeCents: number;
  paymentReference: string;
  at: string;
}

export interface WaiveRegistrationFee {
  type: 'WaiveRegistrationFee';
  walkerId: string;
  by: string;
  reason: string;
  at: string;
}

export interface RemoveWalker {
  type: 'RemoveWalker';
  walkerId: string;
  by: string;
  at: string;
}

export type WalkerCommand =
  | RegisterWalker
  | ChangeWalkerStory
  | ChangeWalkerTarget
  | RecordDistance
  | ProposeDistance
  | PayRegistrationFee
  | WaiveRegistrationFee
  | RemoveWalker;

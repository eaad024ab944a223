import type { Donor } from '../donation/events';
import type { MailLanguage } from '../language';
import type { PledgeBeneficiary, PledgeKind } from './events';

export interface MakePledge {
  type: 'MakePledge';
  pledgeId: string;
  editionId: string;
  beneficiary: PledgeBeneficiary;
  teamId: string;
  sponsor: Donor;
  kind: PledgeKind;
  amountCents: number;
  capCents?: number;
  /** The language of the mails it starts; 'nl' when absent. */
  language?: MailLanguage;
  at: string;
}

export interface MarkPledgeDue {
  type: 'MarkPledgeDue';
  pledgeId: string;
  /**
   * Worked out by the handler: for a pledge to a walker, that walker's distance; for a pledge to a team, the
   * AVERAGE distance of the team's walkers who have one recorded (not the sum). A sponsor who pledges "per km"
   * to a team thinks of the length of the walk, and what they owe must not grow with the size of the team
   * without their knowing.
   */
  km: number;
  at: string;
}

export interface FulfilPledge {
  type: 'FulfilPledge';
  pledgeId: string;
  /** The paid donation that pays this pledge. */
  donationId: string;
  amountCents: number;
  at: string;
}

export interface CancelPledge {
  type: 'CancelPledge';
  pledgeId: string;
  /** The sponsor, or the account id of an organiser. */
  by: string;
  at: string;
}

export type PledgeCommand = MakePledge | MarkPledgeDue | FulfilPledge | CancelPledge;

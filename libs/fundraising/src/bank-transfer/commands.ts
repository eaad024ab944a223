import type { DonationBeneficiary } from '../donation/events';
import type { BankLineFacts, UnmatchedReason } from './events';

export interface IssueTransferCommunication {
  type: 'IssueTransferCommunication';
  communication: string;
  donationId: string;
  at: string;
}

/** Record an imported credit line with what the import found for it. */
export interface RecordBankLine {
  type: 'RecordBankLine';
  line: BankLineFacts;
  outcome: { matched: true; donationId: string } | { matched: false; reason: UnmatchedReason; donationId?: string };
  by: string;
  at: string;
}

export interface AssignBankLine {
  type: 'AssignBankLine';
  lineId: string;
  donationId: string;
  beneficiary: DonationBeneficiary;
  by: string;
  at: string;
}

export type BankLineCommand = RecordBankLine | AssignBankLine;

import type { DomainEvent } from '@rw/event-store';
import type { DonationBeneficiary } from '../donation/events';

/**
 * A structured communication given to one donation to pay by bank transfer. Its stream is named after the
 * communication, so appending to a new stream is what guarantees that no two donations share one.
 */
export type TransferCommunicationIssued = DomainEvent<
  'TransferCommunicationIssued',
  { communication: string; donationId: string; issuedAt: string }
>;

export type TransferCommunicationEvent = TransferCommunicationIssued;

export const transferCommunicationStream = (communication: string) => `transfer-communication-${communication}`;

/** The facts of a credit line on the charity's bank statement, as imported. */
export interface BankLineFacts {
  lineId: string;
  format: 'csv' | 'coda';
  valueOn: string;
  amountCents: number;
  /** Only when the bank wrote a fraction of a cent: the exact amount in thousandths. */
  amountMillis?: number;
  counterpartyName?: string;
  counterpartyIban?: string;
  communication?: string;
  structuredCommunication?: string;
  bankReference?: string;
  /** The paying client's own reference (CODA record 2.2). */
  clientReference?: string;
}

/** A credit line that paid the pending transfer gift its structured communication names. */
export type BankLineMatched = DomainEvent<
  'BankLineMatched',
  BankLineFacts & { donationId: string; importedBy: string; importedAt: string }
>;

export type UnmatchedReason = 'no_communication' | 'unknown_communication' | 'donation_not_pending';

/** Money received that no gift claims: kept for a person to assign, never dropped. */
export type BankLineUnmatched = DomainEvent<
  'BankLineUnmatched',
  BankLineFacts & { reason: UnmatchedReason; donationId?: string; importedBy: string; importedAt: string }
>;

/** A person decided whose gift an unmatched line is: it became an offline bank-transfer gift. */
export type BankLineAssigned = DomainEvent<
  'BankLineAssigned',
  { lineId: string; donationId: string; beneficiary: DonationBeneficiary; assignedBy: string; assignedAt: string }
>;

export type BankLineEvent = BankLineMatched | BankLineUnmatched | BankLineAssigned;

export const bankLineEventTypes: readonly BankLineEvent['type'][] = [
  'BankLineMatched',
  'BankLineUnmatched',
  'BankLineAssigned',
];

export const bankLineStream = (lineId: string) => `bank-line-${lineId}`;

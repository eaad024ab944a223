import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { AssignBankLine, RecordBankLine } from './commands';
import { bankLineDecider, transferCommunicationDecider } from './decider';
import { BankLineNotAssignable, BankLineNotFound, CommunicationTaken, InvalidBankLine } from './errors';
import type {
  BankLineAssigned,
  BankLineFacts,
  BankLineMatched,
  BankLineUnmatched,
  TransferCommunicationIssued,
} from './events';

describe('transfer communication decider', () => {
  const { given } = deciderSpec(transferCommunicationDecider);
  const issue = {
    type: 'IssueTransferCommunication' as const,
    communication: '123456789002',
    donationId: 'd1',
    at: 't1',
  };
  const issued: TransferCommunicationIssued = {
    type: 'TransferCommunicationIssued',
    data: { communication: '123456789002', donationId: 'd1', issuedAt: 't1' },
  };

  it('gives a free communication to a donation', () => {
    given([]).when(issue).then([issued]);
  });

  it('changes nothing when the same donation asks again (a retry)', () => {
    given([issued]).when(issue).then([]);
  });

  it('refuses a communication another donation holds', () => {
    given([issued])
      .when({ ...issue, donationId: 'd2' })
      .thenFails(CommunicationTaken, /belongs to another gift/);
  });

  it('refuses digits with wrong check digits', () => {
    given([])
      .when({ ...issue, communication: '123456789003' })
      .thenFails(InvalidBankLine);
  });
});

describe('bank line decider', () => {
  const { given } = deciderSpec(bankLineDecider);
  const line: BankLineFacts = {
    lineId: 'L1',
    format: 'csv',
    valueOn: '2026-03-03',
    amountCents: 25_00,
    structuredCommunication: '123456789002',
    bankReference: 'B1',
  };
  const matchedLine: RecordBankLine = {
    type: 'RecordBankLine',
    line,
    outcome: { matched: true, donationId: 'd1' },
    by: 'finance-1',
    at: 't1',
  };
  const matched: BankLineMatched = {
    type: 'BankLineMatched',
    data: { ...line, donationId: 'd1', importedBy: 'finance-1', importedAt: 't1' },
  };
  const unmatchedLine: RecordBankLine = {
    ...matchedLine,
    outcome: { matched: false, reason: 'unknown_communication' },
  };
  const unmatched: BankLineUnmatched = {
    type: 'BankLineUnmatched',
    data: { ...line, reason: 'unknown_communication', importedBy: 'finance-1', importedAt: 't1' },
  };
  const assign: AssignBankLine = {
    type: 'AssignBankLine',
    lineId: 'L1',
    donationId: 'd9',
    beneficiary: { type: 'team', id: 'team-1' },
    by: 'finance-2',
    at: 't2',
  };
  const assigned: BankLineAssigned = {
    type: 'BankLineAssigned',
    data: {
      lineId: 'L1',
      donationId: 'd9',
      beneficiary: { type: 'team', id: 'team-1' },
      assignedBy: 'finance-2',
      assignedAt: 't2',
    },
  };

  it('records a credit line that paid a gift as matched', () => {
    given([]).when(matchedLine).then([matched]);
  });

  it('keeps a credit line no gift claims as unmatched, with the reason', () => {
    given([]).when(unmatchedLine).then([unmatched]);
  });

  it('records a line once however often its statement is imported', () => {
    given([matched]).when(matchedLine).then([]);
    given([unmatched]).when(matchedLine).then([]);
  });

  it('refuses a debit line: only money received is recorded', () => {
    given([])
      .when({ ...matchedLine, line: { ...line, amountCents: -5_00 } })
      .thenFails(InvalidBankLine);
  });

  it('assigns an unmatched line once; the same assignment again changes nothing', () => {
    given([unmatched]).when(assign).then([assigned]);
    given([unmatched, assigned]).when(assign).then([]);
  });

  it('refuses to assign a matched line, a line assigned to another gift, or an unknown line', () => {
    given([matched])
      .when(assign)
      .thenFails(BankLineNotAssignable, /paid gift d1 already/);
    given([unmatched, assigned])
      .when({ ...assign, donationId: 'd10' })
      .thenFails(BankLineNotAssignable, /assigned to gift d9 already/);
    given([]).when(assign).thenFails(BankLineNotFound);
  });
});

import type { Decider } from '@rw/event-store';
import { isValidStructuredCommunication } from '../donation/structured-communication';
import type { BankLineCommand, IssueTransferCommunication } from './commands';
import { BankLineNotAssignable, BankLineNotFound, CommunicationTaken, InvalidBankLine } from './errors';
import type { BankLineEvent, BankLineFacts, TransferCommunicationEvent } from './events';

export type TransferCommunicationState = { status: 'free' } | { status: 'issued'; donationId: string };

export const transferCommunicationDecider: Decider<
  IssueTransferCommunication,
  TransferCommunicationEvent,
  TransferCommunicationState
> = {
  initialState: { status: 'free' },
  decide(command, state) {
    if (!isValidStructuredCommunication(command.communication)) {
      throw new InvalidBankLine(`${command.communication} is not a valid structured communication`);
    }
    if (state.status === 'issued') {
      if (state.donationId === command.donationId) return [];
      throw new CommunicationTaken(command.communication);
    }
    return [
      {
        type: 'TransferCommunicationIssued',
        data: { communication: command.communication, donationId: command.donationId, issuedAt: command.at },
      },
    ];
  },
  evolve(_state, event) {
    return { status: 'issued', donationId: event.data.donationId };
  },
};

export type BankLineState =
  | { status: 'none' }
  | { status: 'matched'; line: BankLineFacts; donationId: string }
  | { status: 'unmatched'; line: BankLineFacts }
  | { status: 'assigned'; line: BankLineFacts; donationId: string };

/** A bank line is recorded once, however often its statement is imported; an unmatched one is assigned once. */
export const bankLineDecider: Decider<BankLineCommand, BankLineEvent, BankLineState> = {
  initialState: { status: 'none' },
  decide(command, state) {
    switch (command.type) {
      case 'RecordBankLine': {
        if (state.status !== 'none') return [];
        if (!Number.isSafeInteger(command.line.amountCents) || command.line.amountCents <= 0) {
          throw new InvalidBankLine('only money received (a credit of 1 cent or more) is recorded as a bank line');
        }
        const recorded = { ...command.line, importedBy: command.by, importedAt: command.at };
        return command.outcome.matched
          ? [{ type: 'BankLineMatched', data: { ...recorded, donationId: command.outcome.donationId } }]
          : [
              {
                type: 'BankLineUnmatched',
                data: {
                  ...recorded,
                  reason: command.outcome.reason,
                  ...(command.outcome.donationId ? { donationId: command.outcome.donationId } : {}),
                },
              },
            ];
      }
      case 'AssignBankLine': {
        if (state.status === 'none') throw new BankLineNotFound(command.lineId);
        if (state.status === 'matched') {
          throw new BankLineNotAssignable(command.lineId, `it paid gift ${state.donationId} already`);
        }
        if (state.status === 'assigned') {
          if (state.donationId === command.donationId) return [];
          throw new BankLineNotAssignable(command.lineId, `it was assigned to gift ${state.donationId} already`);
        }
        return [
          {
            type: 'BankLineAssigned',
            data: {
              lineId: command.lineId,
              donationId: command.donationId,
              beneficiary: command.beneficiary,
              assignedBy: command.by,
              assignedAt: command.at,
            },
          },
        ];
      }
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },
  evolve(state, event) {
    switch (event.type) {
      case 'BankLineMatched': {
        const { donationId, importedBy: _by, importedAt: _at, ...line } = event.data;
        return { status: 'matched', line, donationId };
      }
      case 'BankLineUnmatched': {
        const { reason: _reason, donationId: _d, importedBy: _by, importedAt: _at, ...line } = event.data;
        return { status: 'unmatched', line };
      }
      case 'BankLineAssigned':
        return state.status === 'none'
          ? state
          : { status: 'assigned', line: state.line, donationId: event.data.donationId };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};

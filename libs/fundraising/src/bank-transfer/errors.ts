import { DomainError } from '@rw/event-store';

export class CommunicationTaken extends DomainError {
  static override readonly code = 'communication_taken';
  readonly kind = 'conflict';
  constructor(communication: string) {
    super(`structured communication ${communication} belongs to another gift`, { params: { communication } });
  }
}

export class BankLineNotFound extends DomainError {
  static override readonly code = 'bank_line_not_found';
  readonly kind = 'not_found';
  constructor(lineId: string) {
    super(`no bank line ${lineId}`, { params: { lineId } });
  }
}

export class BankLineNotAssignable extends DomainError {
  static override readonly code = 'bank_line_not_assignable';
  readonly kind = 'conflict';
  constructor(lineId: string, why: string) {
    super(`bank line ${lineId} cannot be assigned: ${why}`, { params: { lineId, why } });
  }
}

export class InvalidBankLine extends DomainError {
  static override readonly code = 'invalid_bank_line';
  readonly kind = 'invalid';
}

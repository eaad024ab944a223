import { DomainError } from '@rw/event-store';

export class CommunicationTaken extends DomainError {
  readonly kind = 'conflict';
  constructor(communication: string) {
    super(`structured communication ${communication} belongs to another gift`);
  }
}

export class BankLineNotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(lineId: string) {
    super(`no bank line ${lineId}`);
  }
}

export class BankLineNotAssignable extends DomainError {
  readonly kind = 'conflict';
  constructor(lineId: string, why: string) {
    super(`bank line ${lineId} cannot be assigned: ${why}`);
  }
}

export class InvalidBankLine extends DomainError {
  readonly kind = 'invalid';
}

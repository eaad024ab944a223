import { DomainError } from '@rw/event-store';

export class WalkerNotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(walkerId: string) {
    super(`no walker ${walkerId}`);
  }
}

export class WalkerAlreadyRegistered extends DomainError {
  readonly kind = 'conflict';
  constructor(walkerId: string) {
    super(`walker ${walkerId} is already registered`);
  }
}

export class InvalidWalker extends DomainError {
  readonly kind = 'invalid';
}

export class WalkerNoLongerWalks extends DomainError {
  readonly kind = 'conflict';
  constructor(name: string) {
    super(`${name} was removed from their team`);
  }
}

export class NoRegistrationFeeDue extends DomainError {
  readonly kind = 'conflict';
  constructor(name: string) {
    super(`${name} owes no registration fee (already paid or waived): this payment must be refunded`);
  }
}

export class WrongRegistrationFee extends DomainError {
  readonly kind = 'conflict';
  constructor(expectedCents: number, paidCents: number) {
    super(`the registration fee is ${expectedCents} cents, but ${paidCents} cents were paid`);
  }
}

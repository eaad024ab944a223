import { DomainError } from '@rw/event-store';

export class EmailAlreadyHasAccount extends DomainError {
  readonly kind = 'conflict';
  constructor(email: string) {
    super(`${email} already has an account`);
  }
}

export class InvalidAccount extends DomainError {
  readonly kind = 'invalid';
}

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

export class AccountNotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(accountId: string) {
    super(`no account ${accountId}`);
  }
}

/** An administrator cannot lock themselves out: another administrator must do it, so one always remains. */
export class CannotLockOutSelf extends DomainError {
  readonly kind = 'forbidden';
}

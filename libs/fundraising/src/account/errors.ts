import { DomainError } from '@rw/event-store';

export class EmailAlreadyHasAccount extends DomainError {
  static override readonly code = 'email_already_has_account';
  readonly kind = 'conflict';
  constructor(email: string) {
    super(`${email} already has an account`, { params: { email }, field: 'email' });
  }
}

export class InvalidAccount extends DomainError {
  static override readonly code = 'invalid_account';
  readonly kind = 'invalid';
}

export class AccountNotFound extends DomainError {
  static override readonly code = 'account_not_found';
  readonly kind = 'not_found';
  constructor(accountId: string) {
    super(`no account ${accountId}`, { params: { accountId } });
  }
}

/** An administrator cannot lock themselves out: another administrator must do it, so one always remains. */
export class CannotLockOutSelf extends DomainError {
  static override readonly code = 'cannot_lock_out_self';
  readonly kind = 'forbidden';
}

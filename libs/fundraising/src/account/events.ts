import { createHash } from 'node:crypto';
import type { DomainEvent } from '@rw/event-store';
import { normaliseEmail } from '@rw/kernel';

/**
 * `administrator` creates accounts, grants roles and disables accounts; `organiser` runs editions and the desk;
 * `finance` sees and moves money. A person may hold several.
 */
export type Role = 'administrator' | 'organiser' | 'finance';
export const ROLES: readonly Role[] = ['administrator', 'organiser', 'finance'];

export type AccountCreated = DomainEvent<
  'AccountCreated',
  {
    accountId: string;
    /** Normalised: trimmed, lower case. Staff accounts only; donors have no account. */
    email: string;
    name: string;
    roles: Role[];
    /** scrypt, with its parameters and salt: never the password itself. */
    passwordHash: string;
    createdAt: string;
    /** Account id of the administrator (before roles: the organiser) who created it, or "bootstrap" for the first admin. */
    createdBy: string;
  }
>;

/** The account's roles from now on (the whole set, sorted): granted and withdrawn in one fact. */
export type AccountRolesChanged = DomainEvent<
  'AccountRolesChanged',
  {
    accountId: string;
    email: string;
    roles: Role[];
    changedAt: string;
    /** Account id of the administrator, or "bootstrap" when the start-up made the first admin an administrator. */
    changedBy: string;
  }
>;

/** The account can no longer log in, and every token it was given stops working. */
export type AccountDisabled = DomainEvent<
  'AccountDisabled',
  {
    accountId: string;
    email: string;
    disabledAt: string;
    disabledBy: string;
    /** How often the account has been disabled, this time included: tokens given under a smaller number are dead. */
    sessionGeneration: number;
  }
>;

/** The account can log in again; tokens from before it was disabled stay dead. */
export type AccountEnabled = DomainEvent<
  'AccountEnabled',
  { accountId: string; email: string; enabledAt: string; enabledBy: string }
>;

/** One login session (the `sid` of a token) ended by logging out: its token no longer works. */
export type StaffSessionEnded = DomainEvent<
  'StaffSessionEnded',
  { accountId: string; email: string; sessionId: string; endedAt: string }
>;

export type AccountEvent = AccountCreated | AccountRolesChanged | AccountDisabled | AccountEnabled | StaffSessionEnded;

export { normaliseEmail };

/** One stream per e-mail address, so "no_stream" makes the address unique without a read model. */
export function accountStream(email: string): string {
  return `account-${createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 32)}`;
}

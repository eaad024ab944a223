import { createHash } from 'node:crypto';
import type { DomainEvent } from '@rw/event-store';

export type Role = 'organiser' | 'finance';
export const ROLES: readonly Role[] = ['organiser', 'finance'];

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
    /** Account id of the organiser who created it, or "bootstrap" for the first admin. */
    createdBy: string;
  }
>;

export type AccountEvent = AccountCreated;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** One stream per e-mail address, so "no_stream" makes the address unique without a read model. */
export function accountStream(email: string): string {
  return `account-${createHash('sha256').update(normaliseEmail(email)).digest('hex').slice(0, 32)}`;
}

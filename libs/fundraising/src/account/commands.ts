import type { Role } from './events';

export interface CreateAccount {
  type: 'CreateAccount';
  accountId: string;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  at: string;
  by: string;
}

/** Sets the account's roles to exactly these (grants the new ones, withdraws the others). */
export interface ChangeRoles {
  type: 'ChangeRoles';
  accountId: string;
  email: string;
  roles: Role[];
  at: string;
  by: string;
}

export interface DisableAccount {
  type: 'DisableAccount';
  accountId: string;
  email: string;
  at: string;
  by: string;
}

export interface EnableAccount {
  type: 'EnableAccount';
  accountId: string;
  email: string;
  at: string;
  by: string;
}

/** Logging out: the session's token stops working. */
export interface EndSession {
  type: 'EndSession';
  accountId: string;
  email: string;
  sessionId: string;
  at: string;
}

export type AccountCommand = CreateAccount | ChangeRoles | DisableAccount | EnableAccount | EndSession;

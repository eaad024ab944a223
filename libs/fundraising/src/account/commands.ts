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

export type AccountCommand = CreateAccount;

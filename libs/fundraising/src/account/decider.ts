import type { Decider } from '@rw/event-store';
import type { AccountCommand } from './commands';
import { EmailAlreadyHasAccount, InvalidAccount } from './errors';
import { type AccountEvent, normaliseEmail, type Role } from './events';

export type AccountState =
  | { status: 'none' }
  | { status: 'active'; accountId: string; email: string; name: string; roles: Role[]; passwordHash: string };

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'CreateAccount': {
        if (state.status !== 'none') {
          // the same account created again (a retried request) changes nothing
          if (state.accountId === command.accountId) return [];
          throw new EmailAlreadyHasAccount(state.email);
        }
        const roles = [...new Set(command.roles)].sort();
        if (roles.length === 0) throw new InvalidAccount('an account needs at least one role');
        return [
          {
            type: 'AccountCreated',
            data: {
              accountId: command.accountId,
              email: normaliseEmail(command.email),
              name: command.name.trim(),
              roles,
              passwordHash: command.passwordHash,
              createdAt: command.at,
              createdBy: command.by,
            },
          },
        ];
      }
      default: {
        const _exhaustive: never = command.type;
        return _exhaustive;
      }
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'AccountCreated':
        return { status: 'active', ...pick(event.data) };
      default: {
        const _exhaustive: never = event.type;
        return _exhaustive;
      }
    }
  },
};

function pick(d: AccountEvent['data']) {
  return { accountId: d.accountId, email: d.email, name: d.name, roles: d.roles, passwordHash: d.passwordHash };
}

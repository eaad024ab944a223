import type { Decider } from '@rw/event-store';
import type { AccountCommand } from './commands';
import { AccountNotFound, CannotLockOutSelf, EmailAlreadyHasAccount, InvalidAccount } from './errors';
import { type AccountEvent, normaliseEmail, type Role } from './events';

interface Account {
  accountId: string;
  email: string;
  name: string;
  roles: Role[];
  passwordHash: string;
  /** How often the account was disabled: a token carries the number it was given under, so re-enabling revives none. */
  sessionGeneration: number;
  endedSessions: ReadonlySet<string>;
}

export type AccountState = { status: 'none' } | ({ status: 'active' | 'disabled' } & Account);

const sortedRoles = (roles: readonly Role[]): Role[] => [...new Set(roles)].sort();

export const accountDecider: Decider<AccountCommand, AccountEvent, AccountState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'CreateAccount') {
      if (state.status !== 'none') {
        // the same account created again (a retried request) changes nothing
        if (state.accountId === command.accountId) return [];
        throw new EmailAlreadyHasAccount(state.email);
      }
      const roles = sortedRoles(command.roles);
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
    if (state.status === 'none' || state.accountId !== command.accountId) throw new AccountNotFound(command.accountId);
    const { accountId, email } = state;
    switch (command.type) {
      case 'ChangeRoles': {
        const roles = sortedRoles(command.roles);
        if (roles.length === 0) throw new InvalidAccount('an account needs at least one role');
        if (roles.join() === state.roles.join()) return [];
        if (command.by === accountId && state.roles.includes('administrator') && !roles.includes('administrator')) {
          throw new CannotLockOutSelf(
            'you cannot take the administrator role from yourself: ask another administrator',
          );
        }
        return [
          {
            type: 'AccountRolesChanged',
            data: { accountId, email, roles, changedAt: command.at, changedBy: command.by },
          },
        ];
      }
      case 'DisableAccount':
        if (state.status === 'disabled') return [];
        if (command.by === accountId) {
          throw new CannotLockOutSelf('you cannot disable your own account: ask another administrator');
        }
        return [
          {
            type: 'AccountDisabled',
            data: {
              accountId,
              email,
              disabledAt: command.at,
              disabledBy: command.by,
              sessionGeneration: state.sessionGeneration + 1,
            },
          },
        ];
      case 'EnableAccount':
        if (state.status === 'active') return [];
        return [{ type: 'AccountEnabled', data: { accountId, email, enabledAt: command.at, enabledBy: command.by } }];
      case 'EndSession':
        if (state.endedSessions.has(command.sessionId)) return [];
        return [
          { type: 'StaffSessionEnded', data: { accountId, email, sessionId: command.sessionId, endedAt: command.at } },
        ];
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'AccountCreated') {
      const d = event.data;
      return {
        status: 'active',
        accountId: d.accountId,
        email: d.email,
        name: d.name,
        roles: d.roles,
        passwordHash: d.passwordHash,
        sessionGeneration: 0,
        endedSessions: new Set(),
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'AccountRolesChanged':
        return { ...state, roles: event.data.roles };
      case 'AccountDisabled':
        return { ...state, status: 'disabled', sessionGeneration: event.data.sessionGeneration };
      case 'AccountEnabled':
        return { ...state, status: 'active' };
      case 'StaffSessionEnded':
        return { ...state, endedSessions: new Set([...state.endedSessions, event.data.sessionId]) };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};

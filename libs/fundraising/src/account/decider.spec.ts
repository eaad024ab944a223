import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { CreateAccount } from './commands';
import { accountDecider } from './decider';
import { AccountNotFound, CannotLockOutSelf, EmailAlreadyHasAccount, InvalidAccount } from './errors';
import { type AccountCreated, type AccountDisabled, accountStream } from './events';

const { given } = deciderSpec(accountDecider);

const create: CreateAccount = {
  type: 'CreateAccount',
  accountId: 'acc-1',
  email: '  Finance@Example.ORG ',
  name: 'Fien Ance',
  roles: ['finance', 'organiser', 'finance'],
  passwordHash: 'scrypt$hash',
  at: '2026-01-01T00:00:00.000Z',
  by: 'bootstrap',
};
const created: AccountCreated = {
  type: 'AccountCreated',
  data: {
    accountId: 'acc-1',
    email: 'finance@example.org',
    name: 'Fien Ance',
    roles: ['finance', 'organiser'],
    passwordHash: 'scrypt$hash',
    createdAt: '2026-01-01T00:00:00.000Z',
    createdBy: 'bootstrap',
  },
};

describe('account decider', () => {
  it('creates an account with a normalised e-mail address and each role once', () => {
    given([]).when(create).then([created]);
  });

  it('changes nothing when the same account is created again', () => {
    given([created]).when(create).then([]);
  });

  it('refuses a second account for the same e-mail address', () => {
    given([created])
      .when({ ...create, accountId: 'acc-2' })
      .thenFails(EmailAlreadyHasAccount, /finance@example.org already has an account/);
  });

  it('refuses an account without a role', () => {
    given([])
      .when({ ...create, roles: [] })
      .thenFails(InvalidAccount);
  });

  it('keys the stream on the e-mail address compared case-insensitively after trimming', () => {
    expect(accountStream(' Finance@Example.org')).toBe(accountStream('finance@example.org'));
    expect(accountStream('a@example.org')).not.toBe(accountStream('b@example.org'));
  });

  const at = '2026-02-01T00:00:00.000Z';
  const disabled: AccountDisabled = {
    type: 'AccountDisabled',
    data: {
      accountId: 'acc-1',
      email: 'finance@example.org',
      disabledAt: at,
      disabledBy: 'admin-1',
      sessionGeneration: 1,
    },
  };
  const ids = { accountId: 'acc-1', email: 'finance@example.org', at };

  it('sets the roles to exactly the ones given, once each and sorted; the same set again changes nothing', () => {
    given([created])
      .when({ type: 'ChangeRoles', ...ids, roles: ['organiser', 'administrator', 'organiser'], by: 'admin-1' })
      .then([
        {
          type: 'AccountRolesChanged',
          data: {
            accountId: 'acc-1',
            email: 'finance@example.org',
            roles: ['administrator', 'organiser'],
            changedAt: at,
            changedBy: 'admin-1',
          },
        },
      ]);
    given([created])
      .when({ type: 'ChangeRoles', ...ids, roles: ['organiser', 'finance'], by: 'admin-1' })
      .then([]);
    given([created])
      .when({ type: 'ChangeRoles', ...ids, roles: [], by: 'admin-1' })
      .thenFails(InvalidAccount);
  });

  it('keeps an administrator from taking the administrator role from themselves or disabling themselves', () => {
    const admin: AccountCreated = { ...created, data: { ...created.data, roles: ['administrator', 'finance'] } };
    given([admin])
      .when({ type: 'ChangeRoles', ...ids, roles: ['finance'], by: 'acc-1' })
      .thenFails(CannotLockOutSelf, /ask another administrator/);
    given([admin])
      .when({ type: 'DisableAccount', ...ids, by: 'acc-1' })
      .thenFails(CannotLockOutSelf);
  });

  it('disables an account once and enables it again once', () => {
    given([created])
      .when({ type: 'DisableAccount', ...ids, by: 'admin-1' })
      .then([disabled]);
    given([created, disabled])
      .when({ type: 'DisableAccount', ...ids, by: 'admin-1' })
      .then([]);
    given([created, disabled])
      .when({ type: 'EnableAccount', ...ids, by: 'admin-1' })
      .then([
        {
          type: 'AccountEnabled',
          data: { accountId: 'acc-1', email: 'finance@example.org', enabledAt: at, enabledBy: 'admin-1' },
        },
      ]);
    given([created])
      .when({ type: 'EnableAccount', ...ids, by: 'admin-1' })
      .then([]);
  });

  it('counts how often an account was disabled, so tokens from before stay dead after it is enabled again', () => {
    const state = [created, disabled].reduce(accountDecider.evolve, accountDecider.initialState);
    expect(state).toMatchObject({ status: 'disabled', sessionGeneration: 1 });
  });

  it('ends a session once', () => {
    const ended = {
      type: 'StaffSessionEnded' as const,
      data: { accountId: 'acc-1', email: 'finance@example.org', sessionId: 's-1', endedAt: at },
    };
    given([created])
      .when({ type: 'EndSession', ...ids, sessionId: 's-1' })
      .then([ended]);
    given([created, ended])
      .when({ type: 'EndSession', ...ids, sessionId: 's-1' })
      .then([]);
  });

  it('refuses to change an account that is not there or has another id', () => {
    given([])
      .when({ type: 'DisableAccount', ...ids, by: 'admin-1' })
      .thenFails(AccountNotFound);
    given([created])
      .when({ type: 'EnableAccount', ...ids, accountId: 'acc-2', by: 'admin-1' })
      .thenFails(AccountNotFound);
  });
});

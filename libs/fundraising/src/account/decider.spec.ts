import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { CreateAccount } from './commands';
import { accountDecider } from './decider';
import { EmailAlreadyHasAccount, InvalidAccount } from './errors';
import { type AccountCreated, accountStream } from './events';

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
});

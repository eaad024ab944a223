import type { AccountEvent } from '@rw/fundraising';
import { applyStoryAgain, projectStore, storeWithStory } from '../testing/story';
import { accountsProjection } from './projection';
import { accountCount, hasAdministrator, sessionEnded, staffAccount, staffAccounts } from './queries';

const at = '2026-05-01T10:00:00.000Z';
const created = (accountId: string, email: string, roles: ('administrator' | 'organiser' | 'finance')[]) =>
  ({
    type: 'AccountCreated',
    data: { accountId, email, name: accountId, roles, passwordHash: 'scrypt$x', createdAt: at, createdBy: 'bootstrap' },
  }) satisfies AccountEvent;

const story: [string, AccountEvent[]][] = [
  [
    'account-a',
    [
      created('a', 'a@x.be', ['finance', 'organiser']),
      {
        type: 'AccountRolesChanged',
        data: {
          accountId: 'a',
          email: 'a@x.be',
          roles: ['administrator', 'finance', 'organiser'],
          changedAt: at,
          changedBy: 'bootstrap',
        },
      },
      { type: 'StaffSessionEnded', data: { accountId: 'a', email: 'a@x.be', sessionId: 's1', endedAt: at } },
    ],
  ],
  [
    'account-b',
    [
      created('b', 'b@x.be', ['finance']),
      {
        type: 'AccountDisabled',
        data: { accountId: 'b', email: 'b@x.be', disabledAt: at, disabledBy: 'a', sessionGeneration: 1 },
      },
      { type: 'AccountEnabled', data: { accountId: 'b', email: 'b@x.be', enabledAt: at, enabledBy: 'a' } },
      {
        type: 'AccountDisabled',
        data: { accountId: 'b', email: 'b@x.be', disabledAt: at, disabledBy: 'a', sessionGeneration: 2 },
      },
    ],
  ],
];

describe('accounts projection', () => {
  it('keeps roles, status, the session generation and the ended sessions, the same after a replay', async () => {
    const db = await projectStore(await storeWithStory(story), [accountsProjection], 2);
    const read = () => ({
      count: accountCount(db.db),
      all: staffAccounts(db.db),
      admin: hasAdministrator(db.db),
      ended: [sessionEnded(db.db, 's1'), sessionEnded(db.db, 's2')],
    });
    const first = read();
    expect(first.count).toBe(2);
    expect(staffAccount(db.db, 'a')).toMatchObject({
      roles: ['administrator', 'finance', 'organiser'],
      status: 'active',
      sessionGeneration: 0,
    });
    expect(staffAccount(db.db, 'b')).toMatchObject({ roles: ['finance'], status: 'disabled', sessionGeneration: 2 });
    expect(first.admin).toBe(true);
    expect(first.ended).toEqual([true, false]);
    applyStoryAgain(db, accountsProjection, story);
    expect(read()).toEqual(first);
  });

  it('knows when no account holds the administrator role', async () => {
    const db = await projectStore(await storeWithStory([story[1]]), [accountsProjection], 10);
    expect(hasAdministrator(db.db)).toBe(false);
    expect(staffAccount(db.db, 'nobody')).toBeUndefined();
  });
});

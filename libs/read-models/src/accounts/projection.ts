import type { RecordedEvent } from '@rw/event-store';
import type { AccountEvent } from '@rw/fundraising';
import type { Projection } from '../runner/projection';

/**
 * Staff accounts (never password hashes): who holds which roles, who is disabled, and which login sessions ended.
 * Every staff request is checked against it, so a role withdrawn or an account disabled counts at once.
 */
export const accountsProjection: Projection = {
  name: 'accounts',
  version: 2,
  eventTypes: [
    'AccountCreated',
    'AccountRolesChanged',
    'AccountDisabled',
    'AccountEnabled',
    'StaffSessionEnded',
  ] satisfies AccountEvent['type'][],
  open(db) {
    // version 1's table had no status: made again (the version change replays every account event into it)
    const columns = db.prepare('PRAGMA table_info(accounts)').all() as { name: string }[];
    if (columns.length > 0 && !columns.some((column) => column.name === 'status')) db.exec('DROP TABLE accounts');
    db.exec(`
      CREATE TABLE IF NOT EXISTS accounts (
        account_id         TEXT PRIMARY KEY,
        email              TEXT NOT NULL UNIQUE,
        name               TEXT NOT NULL,
        roles              TEXT NOT NULL,
        status             TEXT NOT NULL,
        session_generation INTEGER NOT NULL,
        created_at         TEXT NOT NULL,
        created_by         TEXT NOT NULL
      );
      CREATE TABLE IF NOT EXISTS staff_sessions_ended (
        session_id TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        ended_at   TEXT NOT NULL
      );
    `);
    const insert = db.prepare(
      `INSERT INTO accounts (account_id, email, name, roles, status, session_generation, created_at, created_by)
       VALUES (?, ?, ?, ?, 'active', 0, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const setRoles = db.prepare('UPDATE accounts SET roles = ? WHERE account_id = ?');
    const disable = db.prepare(
      `UPDATE accounts SET status = 'disabled', session_generation = MAX(session_generation, ?) WHERE account_id = ?`,
    );
    const enable = db.prepare(`UPDATE accounts SET status = 'active' WHERE account_id = ?`);
    const endSession = db.prepare(
      'INSERT INTO staff_sessions_ended (session_id, account_id, ended_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING',
    );
    return {
      reset: () => db.exec('DELETE FROM accounts; DELETE FROM staff_sessions_ended;'),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as AccountEvent;
        switch (event.type) {
          case 'AccountCreated': {
            const d = event.data;
            insert.run(d.accountId, d.email, d.name, d.roles.join(','), d.createdAt, d.createdBy);
            return;
          }
          case 'AccountRolesChanged':
            setRoles.run(event.data.roles.join(','), event.data.accountId);
            return;
          case 'AccountDisabled':
            disable.run(event.data.sessionGeneration, event.data.accountId);
            return;
          case 'AccountEnabled':
            enable.run(event.data.accountId);
            return;
          case 'StaffSessionEnded':
            endSession.run(event.data.sessionId, event.data.accountId, event.data.endedAt);
            return;
          default: {
            const _exhaustive: never = event;
            return _exhaustive;
          }
        }
      },
    };
  },
};

import type { RecordedEvent } from '@rw/event-store';
import type { AccountEvent } from '@rw/fundraising';
import type { Projection } from '../runner/projection';

/** Staff accounts (never password hashes): who can log in with which roles. */
export const accountsProjection: Projection = {
  name: 'accounts',
  version: 1,
  eventTypes: ['AccountCreated'] satisfies AccountEvent['type'][],
  open(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS accounts (
        account_id TEXT PRIMARY KEY,
        email      TEXT NOT NULL UNIQUE,
        name       TEXT NOT NULL,
        roles      TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
    `);
    const insert = db.prepare(
      'INSERT INTO accounts (account_id, email, name, roles, created_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING',
    );
    return {
      reset: () => db.exec('DELETE FROM accounts'),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as AccountEvent;
        switch (event.type) {
          case 'AccountCreated': {
            const d = event.data;
            insert.run(d.accountId, d.email, d.name, d.roles.join(','), d.createdAt);
            return;
          }
          default: {
            const _exhaustive: never = event.type;
            return _exhaustive;
          }
        }
      },
    };
  },
};

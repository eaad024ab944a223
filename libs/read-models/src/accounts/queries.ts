import type { DatabaseSync } from 'node:sqlite';
import type { Role } from '@rw/fundraising';

export interface StaffAccountView {
  id: string;
  email: string;
  name: string;
  roles: Role[];
  status: 'active' | 'disabled';
  /** A token is good only while it carries this number (it grows each time the account is disabled). */
  sessionGeneration: number;
  createdAt: string;
  createdBy: string;
}

interface Row {
  account_id: string;
  email: string;
  name: string;
  roles: string;
  status: 'active' | 'disabled';
  session_generation: number;
  created_at: string;
  created_by: string;
}

const view = (row: Row): StaffAccountView => ({
  id: row.account_id,
  email: row.email,
  name: row.name,
  roles: row.roles.split(',') as Role[],
  status: row.status,
  sessionGeneration: Number(row.session_generation),
  createdAt: row.created_at,
  createdBy: row.created_by,
});

export function accountCount(db: DatabaseSync): number {
  return Number((db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n);
}

export function staffAccount(db: DatabaseSync, accountId: string): StaffAccountView | undefined {
  const row = db.prepare('SELECT * FROM accounts WHERE account_id = ?').get(accountId) as Row | undefined;
  return row ? view(row) : undefined;
}

export function staffAccounts(db: DatabaseSync): StaffAccountView[] {
  return (db.prepare('SELECT * FROM accounts ORDER BY created_at, email').all() as unknown as Row[]).map(view);
}

/** Whether any account holds the administrator role, disabled or not. */
export function hasAdministrator(db: DatabaseSync): boolean {
  const rows = db.prepare('SELECT roles FROM accounts').all() as unknown as { roles: string }[];
  return rows.some((row) => row.roles.split(',').includes('administrator'));
}

export function sessionEnded(db: DatabaseSync, sessionId: string): boolean {
  return db.prepare('SELECT 1 FROM staff_sessions_ended WHERE session_id = ?').get(sessionId) !== undefined;
}

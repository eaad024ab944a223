import type { DatabaseSync } from 'node:sqlite';

export function accountCount(db: DatabaseSync): number {
  return Number((db.prepare('SELECT COUNT(*) AS n FROM accounts').get() as { n: number }).n);
}

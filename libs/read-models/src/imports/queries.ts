import type { DatabaseSync } from 'node:sqlite';

export type BankLineStatus = 'matched' | 'unmatched' | 'assigned';

export interface BankLineRow {
  id: string;
  format: 'csv' | 'coda';
  status: BankLineStatus;
  /** Why no gift claimed it: no_communication, unknown_communication or donation_not_pending. */
  reason: string | null;
  valueOn: string;
  amountCents: number;
  counterpartyName: string | null;
  counterpartyIban: string | null;
  communication: string | null;
  structuredCommunication: string | null;
  bankReference: string | null;
  /** The paying client's own reference (CODA record 2.2). */
  clientReference: string | null;
  /** The exact amount in thousandths, only when the bank wrote a fraction of a cent. */
  amountMillis: number | null;
  donationId: string | null;
  importedAt: string;
}

/** One page of bank lines, oldest value date first, and how many there are in all (of that status when given). */
export function bankLines(
  db: DatabaseSync,
  status?: BankLineStatus,
  page: { limit: number; offset: number } = { limit: -1, offset: 0 },
): { lines: BankLineRow[]; total: number } {
  const rows = db
    .prepare(
      `SELECT line_id AS id, format, status, reason, value_on AS valueOn, amount_cents AS amountCents,
              counterparty_name AS counterpartyName, counterparty_iban AS counterpartyIban, communication,
              structured_communication AS structuredCommunication, bank_reference AS bankReference,
              client_reference AS clientReference, amount_millis AS amountMillis, donation_id AS donationId,
              imported_at AS importedAt
       FROM bank_lines WHERE (? IS NULL OR status = ?) ORDER BY value_on, line_id LIMIT ? OFFSET ?`,
    )
    .all(status ?? null, status ?? null, page.limit, page.offset) as unknown as BankLineRow[];
  const { total } = db
    .prepare('SELECT count(*) AS total FROM bank_lines WHERE (? IS NULL OR status = ?)')
    .get(status ?? null, status ?? null) as { total: number };
  return {
    lines: rows.map((row) => ({
      ...row,
      amountCents: Number(row.amountCents),
      amountMillis: row.amountMillis === null ? null : Number(row.amountMillis),
    })),
    total: Number(total),
  };
}

import { createHash } from 'node:crypto';
import { isUtf8 } from 'node:buffer';

/** One movement on the charity's bank account, as read from a statement (CSV export or CODA). */
export interface StatementLine {
  /** Stable identity of the line: the same statement imported twice gives the same ids. */
  lineId: string;
  format: 'csv' | 'coda';
  /** Where in the file it was (line of the CSV, record of the CODA file), for messages. */
  fileLine: number;
  /** YYYY-MM-DD: the value date, when the money counts as received. */
  valueOn: string;
  /** Positive for money in (a credit), negative for money out (a debit). */
  amountCents: number;
  /** The exact amount in thousandths, only when the bank wrote a fraction of a cent (CODA has three decimals). */
  amountMillis?: number;
  counterpartyName?: string;
  counterpartyIban?: string;
  /** The free communication as the bank gave it. */
  communication?: string;
  /** Twelve digits when the line carries a valid structured communication. */
  structuredCommunication?: string;
  bankReference?: string;
  /** The reference the paying client gave its own bank (CODA record 2.2), e.g. a SEPA end-to-end id. */
  clientReference?: string;
}

/** A statement that cannot be read: nothing of it is imported. */
export class UnreadableStatement extends Error {
  override name = 'UnreadableStatement';
  constructor(
    message: string,
    readonly problems: { line: number; reason: string }[] = [],
  ) {
    super(message);
  }
}

export function lineIdOf(parts: readonly string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex').slice(0, 32);
}

export { isCalendarDay } from '@rw/kernel';

/**
 * Euros as written in a file ("12.50", "12,50", "-1.234,56", "1,234.56", "25") to cents, exactly (no floats).
 * The last `.` or `,` followed by one or two digits is the decimal mark; other `.`, `,`, spaces group thousands.
 */
export function parseEuros(text: string): number | null {
  const trimmed = text.trim().replace(/\s/g, '');
  const match = /^([+-]?)(\d{1,3}(?:[.,']?\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(trimmed);
  if (!match) return null;
  const euros = match[2].replace(/[.,']/g, '');
  const cents = (match[3] ?? '').padEnd(2, '0');
  const value = Number(euros) * 100 + Number(cents);
  if (!Number.isSafeInteger(value)) return null;
  return match[1] === '-' ? -value : value;
}

/**
 * A statement file's bytes as text: UTF-8 when they are valid UTF-8, else the Western European single-byte
 * encoding CODA prescribes (ISO-8859-1) and Belgian banks' CSV exports use (Windows-1252, its superset).
 */
export function decodeStatement(bytes: Uint8Array): string {
  if (isUtf8(bytes)) return new TextDecoder('utf-8').decode(bytes);
  return new TextDecoder('windows-1252').decode(bytes);
}

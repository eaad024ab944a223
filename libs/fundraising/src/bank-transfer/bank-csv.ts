import { parse } from 'csv-parse/sync';
import { parseStructuredCommunication } from '../donation/structured-communication';
import { isCalendarDay, lineIdOf, parseEuros, type StatementLine, UnreadableStatement } from './statement-line';

/**
 * The columns we read from a bank's CSV export (names case-insensitive, in any order, other columns ignored):
 * `date` (YYYY-MM-DD or DD/MM/YYYY, the value date), `amount` (euros, negative for money out, `.` or `,` as
 * decimal mark), `counterparty_name`, `counterparty_iban`, `communication`, `bank_reference`. Only date and amount
 * are required. Delimiter `;` or `,` (the one of the header line).
 */
export const BANK_CSV_COLUMNS = [
  'date',
  'amount',
  'counterparty_name',
  'counterparty_iban',
  'communication',
  'bank_reference',
] as const;

export function parseBankCsv(text: string): StatementLine[] {
  const body = text.replace(/^\uFEFF/, '');
  const header = body.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = header.includes(';') ? ';' : ',';
  let rows: string[][];
  try {
    rows = parse(body, { delimiter, relax_column_count: true, skip_empty_lines: true, trim: true });
  } catch (error) {
    throw new UnreadableStatement(`the bank statement is not readable CSV: ${(error as Error).message}`);
  }
  const names = (rows[0] ?? []).map((name) => name.trim().toLowerCase());
  const missing = ['date', 'amount'].filter((name) => !names.includes(name));
  if (missing.length > 0) {
    throw new UnreadableStatement(
      `the bank statement needs a header line with the columns ${BANK_CSV_COLUMNS.join(', ')} (missing: ${missing.join(', ')})`,
    );
  }
  const column = (row: string[], name: (typeof BANK_CSV_COLUMNS)[number]) => {
    const index = names.indexOf(name);
    return index < 0 ? '' : (row[index] ?? '').trim();
  };
  const problems: { line: number; reason: string }[] = [];
  const lines: StatementLine[] = [];
  const seen = new Map<string, number>();
  rows.slice(1).forEach((row, index) => {
    const fileLine = index + 2;
    const valueOn = dayOf(column(row, 'date'));
    const amountCents = parseEuros(column(row, 'amount'));
    if (valueOn === null) problems.push({ line: fileLine, reason: 'date must be a day, YYYY-MM-DD or DD/MM/YYYY' });
    if (amountCents === null) problems.push({ line: fileLine, reason: 'amount must be euros such as 25.00 or 25,00' });
    if (valueOn === null || amountCents === null) return;
    const communication = column(row, 'communication');
    const bankReference = column(row, 'bank_reference');
    const counterpartyIban = column(row, 'counterparty_iban').replace(/\s/g, '').toUpperCase();
    const counterpartyName = column(row, 'counterparty_name');
    // Without a bank reference, two identical lines in one statement are two movements: the occurrence tells them apart.
    const fingerprint = [valueOn, String(amountCents), counterpartyIban, counterpartyName, communication];
    const occurrence = (seen.get(fingerprint.join('\u0000')) ?? 0) + 1;
    seen.set(fingerprint.join('\u0000'), occurrence);
    const structured = parseStructuredCommunication(communication);
    lines.push({
      lineId: bankReference
        ? lineIdOf(['csv-reference', bankReference])
        : lineIdOf(['csv-line', ...fingerprint, String(occurrence)]),
      format: 'csv',
      fileLine,
      valueOn,
      amountCents,
      ...(counterpartyName ? { counterpartyName } : {}),
      ...(counterpartyIban ? { counterpartyIban } : {}),
      ...(communication ? { communication } : {}),
      ...(structured ? { structuredCommunication: structured } : {}),
      ...(bankReference ? { bankReference } : {}),
    });
  });
  if (problems.length > 0) {
    throw new UnreadableStatement(
      `the bank statement has ${problems.length} unreadable line(s); nothing was imported`,
      problems,
    );
  }
  return lines;
}

function dayOf(text: string): string | null {
  const belgian = /^(\d{2})[/.-](\d{2})[/.-](\d{4})$/.exec(text);
  const day = belgian ? `${belgian[3]}-${belgian[2]}-${belgian[1]}` : text;
  return isCalendarDay(day) ? day : null;
}

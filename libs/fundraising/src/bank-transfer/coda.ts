import { isValidStructuredCommunication } from '../donation/structured-communication';
import { isCalendarDay, lineIdOf, type StatementLine, UnreadableStatement } from './statement-line';

/**
 * Belgian CODA statements (Febelfin "CODA 2.x", the coded statement of account banks give their clients):
 * records of 128 characters, one per line. What we read, by position (1-based, as the specification counts):
 * - 0 header: 6-11 creation date DDMMYY, 128 version code (2);
 * - 1 old balance: 2 account structure, 6-42 account number and currency, 59-64 old balance date,
 *   126-128 statement (CODA sequence) number;
 * - 21 movement: 3-6 continuous sequence number, 7-10 detail number, 11-31 bank reference, 32 sign
 *   (0 credit, 1 debit), 33-47 amount (12 digits and 3 decimals), 48-53 value date, 54-61 transaction code,
 *   62 communication type (1 structured), 63-115 communication (structured: 63-65 type, 101 for the Belgian
 *   one, then 66-77 its 12 digits), 125 globalisation code;
 * - 22 movement continued: 11-63 communication continued;
 * - 23 movement continued: 11-44 counterparty account (IBAN), 45-47 its currency, 48-82 counterparty name,
 *   83-125 communication continued;
 * - 31, 32, 33 information, 4 free message, 8 new balance, 9 trailer: checked for length, otherwise not used.
 * A globalised movement (globalisation code > 0 on detail 0) is taken from its detail records when it has them,
 * else as one line; details are never counted on top of their total.
 */
export function parseCoda(text: string): StatementLine[] {
  const records = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((record, index) => ({ record, fileLine: index + 1 }))
    .filter(({ record }) => record.trim() !== '');
  const problems: { line: number; reason: string }[] = [];
  for (const { record, fileLine } of records) {
    if (record.length !== 128)
      problems.push({ line: fileLine, reason: `a CODA record has 128 characters, not ${record.length}` });
    else if (!/^(0|1|21|22|23|31|32|33|4|8|9)/.test(record))
      problems.push({ line: fileLine, reason: `unknown CODA record type ${record.slice(0, 2)}` });
  }
  if (records[0]?.record[0] !== '0') problems.push({ line: 1, reason: 'a CODA file starts with a header record (0)' });
  if (problems.length > 0)
    throw new UnreadableStatement('the file is not a readable CODA statement; nothing was imported', problems);

  const lines: StatementLine[] = [];
  let account = '';
  let statement = '';
  let movement: Movement | undefined;
  const movements: Movement[] = [];
  for (const { record, fileLine } of records) {
    const at = (from: number, to: number) => record.slice(from - 1, to);
    switch (record[0]) {
      case '1':
        account = at(6, 42).trim();
        statement = `${at(126, 128)}:${at(59, 64)}`;
        break;
      case '2': {
        if (record[1] === '1') {
          movement = readMovement(record, fileLine, account, statement, problems);
          if (movement) movements.push(movement);
        } else if (movement && record[1] === '2') {
          movement.communication += at(11, 63);
        } else if (movement && record[1] === '3') {
          // 11-44 the account (an IBAN), 45-47 its currency
          movement.counterpartyIban = at(11, 44).replace(/\s/g, '');
          movement.counterpartyName = at(48, 82).trim();
          movement.communication += at(83, 125);
        }
        break;
      }
      default:
        break;
    }
  }
  if (problems.length > 0)
    throw new UnreadableStatement('the CODA statement has unreadable movements; nothing was imported', problems);

  for (const m of movements) {
    const globalised = m.detail === '0000' && m.globalisation !== '0';
    const hasDetails = movements.some(
      (d) => d.sequence === m.sequence && d.statement === m.statement && d.detail !== '0000',
    );
    if (globalised && hasDetails) continue;
    if (m.detail !== '0000') {
      const total = movements.find(
        (d) => d.sequence === m.sequence && d.statement === m.statement && d.detail === '0000',
      );
      if (total && total.globalisation === '0') continue;
    }
    const communication = m.communication.replace(/\s+/g, ' ').trim();
    lines.push({
      lineId: lineIdOf(['coda', m.account, m.statement, m.sequence, m.detail]),
      format: 'coda',
      fileLine: m.fileLine,
      valueOn: m.valueOn,
      amountCents: m.amountCents,
      ...(m.counterpartyName ? { counterpartyName: m.counterpartyName } : {}),
      ...(m.counterpartyIban ? { counterpartyIban: m.counterpartyIban } : {}),
      ...(communication ? { communication } : {}),
      ...(m.structuredCommunication ? { structuredCommunication: m.structuredCommunication } : {}),
      ...(m.bankReference ? { bankReference: m.bankReference } : {}),
    });
  }
  return lines;
}

interface Movement {
  fileLine: number;
  account: string;
  statement: string;
  sequence: string;
  detail: string;
  globalisation: string;
  bankReference: string;
  amountCents: number;
  valueOn: string;
  communication: string;
  structuredCommunication?: string;
  counterpartyName?: string;
  counterpartyIban?: string;
}

function readMovement(
  record: string,
  fileLine: number,
  account: string,
  statement: string,
  problems: { line: number; reason: string }[],
): Movement | undefined {
  const at = (from: number, to: number) => record.slice(from - 1, to);
  const sign = at(32, 32);
  const amount = at(33, 47);
  const valueOn = dayOf(at(48, 53));
  if (sign !== '0' && sign !== '1')
    problems.push({ line: fileLine, reason: 'the movement sign must be 0 (credit) or 1 (debit)' });
  // 3 decimals: euros and cents, then a last digit that is always 0 for euro amounts
  if (!/^\d{15}$/.test(amount) || amount[14] !== '0')
    problems.push({ line: fileLine, reason: 'the amount must be 15 digits (12 and 3 decimals, whole cents)' });
  if (valueOn === null) problems.push({ line: fileLine, reason: 'the value date must be a day written DDMMYY' });
  if (!/^\d{4}$/.test(at(3, 6)) || !/^\d{4}$/.test(at(7, 10)))
    problems.push({ line: fileLine, reason: 'sequence and detail numbers are 4 digits' });
  if ((sign !== '0' && sign !== '1') || !/^\d{15}$/.test(amount) || amount[14] !== '0' || valueOn === null)
    return undefined;
  const cents = Number(amount.slice(0, 14));
  const structured =
    at(62, 62) === '1' && at(63, 65) === '101' && isValidStructuredCommunication(at(66, 77)) ? at(66, 77) : undefined;
  return {
    fileLine,
    account,
    statement,
    sequence: at(3, 6),
    detail: at(7, 10),
    globalisation: at(125, 125).trim() || '0',
    bankReference: at(11, 31).trim(),
    amountCents: sign === '1' ? -cents : cents,
    valueOn,
    communication: structured ? '' : at(63, 115),
    ...(structured ? { structuredCommunication: structured } : {}),
  };
}

/** DDMMYY; CODA only exists since the 1990s and before 2090: a two-digit year is 20YY, or 19YY above 89. */
function dayOf(ddmmyy: string): string | null {
  const match = /^(\d{2})(\d{2})(\d{2})$/.exec(ddmmyy);
  if (!match) return null;
  const year = Number(match[3]) > 89 ? `19${match[3]}` : `20${match[3]}`;
  const day = `${year}-${match[2]}-${match[1]}`;
  return isCalendarDay(day) ? day : null;
}

/** Whether a text looks like a CODA file rather than a CSV: its first record is a 128-character header. */
export function looksLikeCoda(text: string): boolean {
  const first = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  return first.length === 128 && first.startsWith('0');
}

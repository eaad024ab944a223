import { isValidStructuredCommunication } from '../donation/structured-communication';
import { isCalendarDay, lineIdOf, type StatementLine, UnreadableStatement } from './statement-line';

/**
 * Belgian CODA statements (Febelfin "CODA 2.x", the coded statement of account banks give their clients):
 * records of 128 characters, one per line. What we read, by position (1-based, as the specification counts):
 * - 0 header: 6-11 creation date DDMMYY, 128 version code (2);
 * - 1 old balance: 6-42 account number and currency, 59-64 old balance date, 126-128 statement (CODA sequence)
 *   number;
 * - 21 movement: 3-6 continuous sequence number, 7-10 detail number, 11-31 bank reference, 32 sign
 *   (0 credit, 1 debit), 33-47 amount (12 digits and 3 decimals), 48-53 value date, 54-61 transaction code
 *   (54 type, 55-56 family, 57-58 operation, 59-61 category), 62 communication type (1 structured), 63-115
 *   communication (structured: 63-65 its type, 101 or 102 for the Belgian one, then 66-77 its 12 digits),
 *   116-121 entry (booking) date, 125 globalisation code;
 * - 22 movement continued: 11-63 communication continued, 64-98 the client reference;
 * - 23 movement continued: 11-47 counterparty account and currency, 48-82 counterparty name, 83-125
 *   communication continued;
 * - 31 information: 40 communication type, 41-113 communication (structured: 41-43 type, 44-55 digits);
 *   32 information: 11-115; 33 information: 11-100;
 * - 4 free message, 8 new balance, 9 trailer: checked for length, otherwise not used.
 *
 * Movements are read as the reference parsers (php-coda-parser, whose readings of real files our tests compare
 * against) read them: the records of one sequence number are one movement, except that the details of a
 * collective movement (operation 07) and the details a client totalled (types 5, 6, 7) are movements of their
 * own, and then their total is not counted on top of them. The details of a total the bank made (type 8) only
 * carry information: the movement is the total, its text runs on through them.
 */
export interface CodaMovement {
  /** Record 21 of the movement (line of the file), for messages. */
  fileLine: number;
  account: string;
  /** Statement number and old balance date: what makes a sequence number unique. */
  statement: string;
  sequence: string;
  detail: string;
  bankReference: string;
  /** Thousandths of the account's currency, as CODA writes them: positive credit, negative debit. */
  amountMillis: number;
  valueOn: string;
  /** The entry date, when the record gives one. */
  bookedOn?: string;
  transactionCode: string;
  /** The 12 digits of a Belgian structured communication (type 101 or 102), whatever its check digits say. */
  structuredCommunication?: { type: '101' | '102'; digits: string };
  /** The reference the paying client gave its bank (record 2.2), e.g. an end-to-end id. */
  clientReference?: string;
  counterpartyName: string;
  counterpartyAccount: string;
  /**
   * The free text: the communication of records 2.1, 2.2 and 2.3 joined; without one, the client reference
   * followed by the information records 3.1, 3.2 and 3.3 joined.
   */
  text: string;
}

type Problems = { line: number; reason: string }[];

interface CodaRecord {
  record: string;
  fileLine: number;
  account: string;
  statement: string;
}

/** The movements of a CODA file as the bank wrote them; refuses a file with any unreadable record, whole. */
export function readCoda(text: string): CodaMovement[] {
  const records = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((record, index) => ({ record, fileLine: index + 1 }))
    .filter(({ record }) => record.trim() !== '');
  const problems: Problems = [];
  for (const { record, fileLine } of records) {
    if (record.length !== 128)
      problems.push({ line: fileLine, reason: `a CODA record has 128 characters, not ${record.length}` });
    else if (!/^(0|1|21|22|23|31|32|33|4|8|9)/.test(record))
      problems.push({ line: fileLine, reason: `unknown CODA record type ${record.slice(0, 2)}` });
  }
  if (records[0]?.record[0] !== '0') problems.push({ line: 1, reason: 'a CODA file starts with a header record (0)' });
  if (problems.length > 0)
    throw new UnreadableStatement('the file is not a readable CODA statement; nothing was imported', problems);

  // The movement records (2x, 3x), each with the account and statement of the old balance record before it.
  const movementRecords: CodaRecord[] = [];
  let account = '';
  let statement = '';
  for (const { record, fileLine } of records) {
    if (record[0] === '1') {
      account = field(record, 6, 42).trim();
      statement = `${field(record, 126, 128)}:${field(record, 59, 64)}`;
    } else if (record[0] === '2' || record[0] === '3') {
      movementRecords.push({ record, fileLine, account, statement });
    }
  }

  const groups = withoutCountedTotals(groupMovements(movementRecords));
  const movements = groups.map((group) => readMovement(group, problems));
  if (problems.length > 0)
    throw new UnreadableStatement('the CODA statement has unreadable movements; nothing was imported', problems);
  return movements.filter((movement): movement is CodaMovement => movement !== undefined);
}

/** The movements of a CODA file as statement lines: the amount in cents, a structured communication only when valid. */
export function parseCoda(text: string): StatementLine[] {
  return readCoda(text).map((m) => {
    const structured =
      m.structuredCommunication && isValidStructuredCommunication(m.structuredCommunication.digits)
        ? m.structuredCommunication.digits
        : undefined;
    return {
      lineId: lineIdOf(['coda', m.account, m.statement, m.sequence, m.detail]),
      format: 'coda',
      fileLine: m.fileLine,
      valueOn: m.valueOn,
      amountCents: centsOf(m.amountMillis),
      ...(m.amountMillis % 10 !== 0 ? { amountMillis: m.amountMillis } : {}),
      ...(m.counterpartyName ? { counterpartyName: m.counterpartyName } : {}),
      ...(m.counterpartyAccount ? { counterpartyIban: m.counterpartyAccount } : {}),
      ...(m.text ? { communication: m.text } : {}),
      ...(structured ? { structuredCommunication: structured } : {}),
      ...(m.bankReference ? { bankReference: m.bankReference } : {}),
      ...(m.clientReference ? { clientReference: m.clientReference } : {}),
    };
  });
}

/**
 * Thousandths to cents, half away from zero. Euro accounts only ever carry whole cents; a bank that writes a third
 * decimal (other currencies, interest) keeps it in `amountMillis`, and the money we count is rounded at this edge.
 */
function centsOf(millis: number): number {
  const cents = Math.round(Math.abs(millis) / 10);
  return millis < 0 ? -cents : cents;
}

function field(record: string, from: number, to: number): string {
  return record.slice(from - 1, to);
}

/** Transaction code of a 21 (54-61) or 31 (32-39) record. */
function transactionCodeOf(record: string): string | undefined {
  if (record.startsWith('21')) return field(record, 54, 61);
  if (record.startsWith('31')) return field(record, 32, 39);
  return undefined;
}

const isCollective = (code: string | undefined) => code?.slice(3, 5) === '07';
/** Details of an amount the client totalled: 5 (detail of 1), 6 (detail of 2), 7 (detail of 2 without data). */
const isClientDetail = (code: string) => ['5', '6', '7'].includes(code[0]);

/** Records of one sequence number form a movement; the details of a collective or client-totalled one are apart. */
function groupMovements(records: readonly CodaRecord[]): CodaRecord[][] {
  const groups: CodaRecord[][] = [];
  let key = '';
  let detail = '';
  for (const r of records) {
    const sequence = `${r.account}\u0000${r.statement}\u0000${field(r.record, 3, 6)}`;
    const recordDetail = field(r.record, 7, 10);
    const code = transactionCodeOf(r.record);
    const splits =
      (isCollective(code) || (r.record.startsWith('21') && code !== undefined && isClientDetail(code))) &&
      recordDetail !== detail;
    if (groups.length === 0 || sequence !== key || splits) {
      key = sequence;
      detail = recordDetail;
      groups.push([]);
    }
    groups[groups.length - 1].push(r);
  }
  return groups.filter((group) => group.some((r) => r.record.startsWith('21')));
}

/** A total (collective, or of type 1 or 2) followed by its details of a lower globalisation level is not counted. */
function withoutCountedTotals(groups: readonly CodaRecord[][]): CodaRecord[][] {
  const first21 = (group: readonly CodaRecord[]) => group.find((r) => r.record.startsWith('21'))?.record ?? '';
  const globalisation = (record: string) => Number(field(record, 125, 125).trim() || '0') || 0;
  return groups.filter((group, index) => {
    const total = first21(group);
    const code = field(total, 54, 61);
    if (!(isCollective(code) || code[0] === '1' || code[0] === '2') || globalisation(total) === 0) return true;
    const next = groups[index + 1];
    if (!next) return true;
    const detail = first21(next);
    const detailCode = field(detail, 54, 61);
    return !((isCollective(detailCode) || isClientDetail(detailCode)) && globalisation(detail) < globalisation(total));
  });
}

function readMovement(group: readonly CodaRecord[], problems: Problems): CodaMovement | undefined {
  const main = group.find((r) => r.record.startsWith('21')) as CodaRecord;
  const { record, fileLine } = main;
  const at = (from: number, to: number) => field(record, from, to);
  const sign = at(32, 32);
  const amount = at(33, 47);
  const valueOn = dayOf(at(48, 53));
  const booked = at(116, 121).trim();
  const bookedOn = booked === '' ? undefined : dayOf(booked);
  const reasons: string[] = [];
  if (sign !== '0' && sign !== '1') reasons.push('the movement sign must be 0 (credit) or 1 (debit)');
  if (!/^\d{15}$/.test(amount)) reasons.push('the amount must be 15 digits (12 and 3 decimals)');
  if (valueOn === null) reasons.push('the value date must be a day written DDMMYY');
  if (bookedOn === null) reasons.push('the entry date must be a day written DDMMYY');
  if (!/^\d{4}$/.test(at(3, 6)) || !/^\d{4}$/.test(at(7, 10))) reasons.push('sequence and detail numbers are 4 digits');
  for (const reason of reasons) problems.push({ line: fileLine, reason });
  if (reasons.length > 0 || valueOn === null || bookedOn === null) return undefined;

  const millis = Number(amount);
  const of = (type: string) => group.find((r) => r.record.startsWith(type))?.record;
  const part2 = of('22');
  const part3 = of('23');
  const info1 = of('31');
  const clientReference = part2 ? field(part2, 64, 98).trim() : '';
  // 11-47: the account and, after its last space, the currency (both reference parsers read it this way)
  const accountAndCurrency = part3 ? field(part3, 11, 47).trim() : '';
  const lastSpace = accountAndCurrency.lastIndexOf(' ');
  const counterpartyAccount = /^[A-Z]{3}$/.test(accountAndCurrency)
    ? '' // a currency without an account
    : lastSpace < 0
      ? accountAndCurrency
      : accountAndCurrency.slice(0, lastSpace).trim();
  const structured =
    structuredOf(at(62, 62), at(63, 65), at(66, 77)) ??
    (info1 ? structuredOf(field(info1, 40, 40), field(info1, 41, 43), field(info1, 44, 55)) : undefined);
  return {
    fileLine,
    account: main.account,
    statement: main.statement,
    sequence: at(3, 6),
    detail: at(7, 10),
    bankReference: at(11, 31).trim(),
    amountMillis: sign === '1' ? -millis : millis,
    valueOn,
    ...(bookedOn ? { bookedOn } : {}),
    transactionCode: at(54, 61),
    ...(structured ? { structuredCommunication: structured } : {}),
    ...(clientReference ? { clientReference } : {}),
    counterpartyName: part3 ? field(part3, 48, 82).trim() : '',
    counterpartyAccount,
    text: textOf(group, clientReference),
  };
}

function structuredOf(flag: string, type: string, digits: string): CodaMovement['structuredCommunication'] {
  if (flag !== '1' || (type !== '101' && type !== '102') || !/^\d{12}$/.test(digits)) return undefined;
  return { type, digits };
}

/**
 * The movement's free text as the reference parsers join it: each record's part with its runs of blanks at either
 * end kept as one blank (a word cut at the end of a record goes on in the next), joined, trimmed. A structured
 * communication is not text.
 */
function textOf(group: readonly CodaRecord[], clientReference: string): string {
  const part = (record: string) => {
    switch (record.slice(0, 2)) {
      case '21':
        return field(record, 62, 62) === '1' ? '' : field(record, 63, 115);
      case '22':
        return field(record, 11, 63);
      case '23':
        return field(record, 83, 125);
      case '31':
        return field(record, 40, 40) === '1' ? '' : field(record, 41, 113);
      case '32':
        return field(record, 11, 115);
      case '33':
        return field(record, 11, 100);
      default:
        return '';
    }
  };
  const join = (types: readonly string[]) =>
    group
      .filter((r) => types.includes(r.record.slice(0, 2)))
      .map((r) => blanksKeptAsOne(part(r.record)))
      .join('');
  const message = join(['21', '22', '23']).trim();
  if (message) return message;
  return `${clientReference ? `${clientReference} ` : ''}${join(['31', '32', '33'])}`.trim();
}

function blanksKeptAsOne(text: string): string {
  const kept = text.replace(/^ +/, ' ').replace(/ +$/, ' ');
  return kept === ' ' ? '' : kept;
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

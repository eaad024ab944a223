import type { LedgerRow } from '@rw/read-models';

/** Euros with a decimal comma, from integer cents ("-1234" → "-12,34"): what Belgian Excel reads as a number. */
export function euros(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.floor(whole / 100)},${String(whole % 100).padStart(2, '0')}`;
}

const brusselsClock = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Brussels',
  hourCycle: 'h23',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** Brussels wall-clock time of a movement ("14:05:00"); empty when only its day is known (an offline gift). */
export function brusselsTime(row: Pick<LedgerRow, 'effectiveAt'>): string {
  return row.effectiveAt === null ? '' : brusselsClock.format(new Date(row.effectiveAt));
}

/**
 * Brussels wall-clock date and time as a spreadsheet date: Excel dates carry no time zone, so the UTC fields hold
 * the Brussels ones.
 */
export function brusselsSpreadsheetDate(row: Pick<LedgerRow, 'effectiveOn' | 'effectiveAt'>): Date {
  const [year, month, day] = row.effectiveOn.split('-').map(Number);
  const [hour, minute, second] = (brusselsTime(row) || '00:00:00').split(':').map(Number);
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second));
}

export const ledgerColumns = [
  'date',
  'time',
  'movement',
  'donation_id',
  'provider',
  'provider_reference',
  'gross_eur',
  'fee_eur',
  'net_eur',
  'donor_name',
  'donor_email',
  'beneficiary_type',
  'beneficiary_name',
  'edition',
  'structured_communication',
  'fee_status',
  'covered_fees_eur',
] as const;

/** A structured communication as we print it: digits, slashes and pluses, nothing a spreadsheet could run. */
const PRINTED_STRUCTURED_COMMUNICATION = /^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/;

/**
 * Text a spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return: OWASP "CSV
 * injection") gets a leading apostrophe, which spreadsheets show as nothing. A structured communication
 * (`+++090/9337/55493+++`) starts with + but is no formula: it names no function, no cell and no other program,
 * and a formula cannot end in `+`; it stays as it is, so that it reads back as the communication the bank knows.
 * Amounts never pass here.
 */
export function spreadsheetSafe(value: string): string {
  if (PRINTED_STRUCTURED_COMMUNICATION.test(value)) return value;
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

/** One CSV field for `;`, made safe for spreadsheets: quoted when it holds a delimiter, a quote or a line break. */
export function csvText(value: string | null): string {
  if (value === null || value === '') return '';
  const safe = spreadsheetSafe(value);
  return /[;"\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

/** How a ledger export names a movement kind and a beneficiary type (the API's export: as they are stored). */
export interface LedgerWords {
  movement(kind: string): string;
  beneficiary(type: string): string;
}

const STORED_WORDS: LedgerWords = { movement: (kind) => kind, beneficiary: (type) => type };

/**
 * The columns every ledger export shares, in their order (date, time, movement ... communication), text made safe
 * for spreadsheets; the CSV writers quote them.
 */
export function ledgerRowFields(row: LedgerRow, words: LedgerWords = STORED_WORDS): string[] {
  const text = (value: string | null) => (value === null ? '' : spreadsheetSafe(value));
  return [
    row.effectiveOn,
    brusselsTime(row),
    words.movement(row.kind),
    text(row.donationId),
    text(row.provider),
    text(row.providerReference),
    euros(row.grossCents),
    euros(row.feeCents),
    euros(row.netCents),
    text(row.donorName),
    text(row.donorEmail),
    words.beneficiary(row.beneficiaryType),
    text(row.beneficiaryName),
    text(row.editionName),
    text(row.communication),
  ];
}

/** The fields of a ledger row in the API's export: the shared columns, then the fee's status and the covered fees. */
export function ledgerFields(row: LedgerRow): string[] {
  return [...ledgerRowFields(row), row.feeStatus, euros(row.coveredFeesCents)];
}

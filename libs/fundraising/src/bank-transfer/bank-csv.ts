import { parse } from 'csv-parse/sync';
import { parseStructuredCommunication } from '../donation/structured-communication';
import { isCalendarDay, lineIdOf, parseEuros, type StatementLine, UnreadableStatement } from './statement-line';

/**
 * The columns of our own bank CSV layout, `generic` (names case-insensitive, in any order, other columns ignored):
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

/** What a column of a bank's export means to us. */
export type BankCsvField =
  | 'account'
  | 'statementNumber'
  | 'bankReference'
  | 'bookingDate'
  | 'valueDate'
  | 'amount'
  | 'currency'
  | 'counterpartyAccount'
  | 'counterpartyName'
  | 'structuredCommunication'
  | 'communication'
  | 'description'
  | 'details';

/**
 * The CSV export of one bank, as finance downloads it from the bank's online banking: which header names (in the
 * Dutch, French and English versions of the export) hold which field. Every bank writes `;` between fields, a
 * decimal comma and DD/MM/YYYY dates; some put lines about the export above the header, which are skipped.
 */
export interface BankCsvLayout {
  id: string;
  bank: string;
  columns: Partial<Record<BankCsvField, readonly string[]>>;
  /** The fields whose columns make a file this bank's export (value date and amount always among them). */
  required: readonly BankCsvField[];
  /** Whether a real export of this bank is in our tests; the others are described from the banks' documented exports. */
  testedAgainstRealFile: boolean;
}

export const BANK_CSV_LAYOUTS = [
  {
    // Rekeningnummer;Rubrieknaam;Naam;Munt;Afschriftnummer;Datum;Omschrijving;Valuta;Bedrag;Saldo;credit;debet;
    // rekeningnummer tegenpartij;BIC tegenpartij;Naam tegenpartij;Adres tegenpartij;gestructureerde mededeling;
    // Vrije mededeling
    id: 'kbc',
    bank: 'KBC / CBC',
    columns: {
      account: ['rekeningnummer', 'numero de compte', 'account number'],
      statementNumber: ['afschriftnummer', "numero d'extrait", 'statement number'],
      bookingDate: ['datum', 'date'],
      description: ['omschrijving', 'description'],
      valueDate: ['valuta', 'date valeur', 'value date'],
      amount: ['bedrag', 'montant', 'amount'],
      currency: ['munt', 'devise', 'currency'],
      counterpartyAccount: [
        'rekeningnummer tegenpartij',
        'numero de compte contrepartie',
        "counterparty's account number",
      ],
      counterpartyName: ['naam tegenpartij', 'nom contrepartie', "counterparty's name"],
      structuredCommunication: ['gestructureerde mededeling', 'communication structuree', 'structured reference'],
      communication: ['vrije mededeling', 'communication libre', 'free-format reference'],
    },
    required: ['valueDate', 'amount', 'bookingDate', 'statementNumber', 'structuredCommunication', 'communication'],
    testedAgainstRealFile: true,
  },
  {
    // Volgnummer;Uitvoeringsdatum;Valutadatum;Bedrag;Valuta rekening;Rekeningnummer;Type verrichting;Tegenpartij;
    // Naam van de tegenpartij;Mededeling;Details;Status;Reden van weigering
    id: 'bnp-paribas-fortis',
    bank: 'BNP Paribas Fortis',
    columns: {
      bankReference: ['volgnummer', 'numero de sequence', 'sequence number'],
      bookingDate: ['uitvoeringsdatum', "date d'execution", 'execution date'],
      valueDate: ['valutadatum', 'date valeur', 'value date'],
      amount: ['bedrag', 'montant', 'amount'],
      currency: ['valuta rekening', 'devise du compte', 'account currency'],
      account: ['rekeningnummer', 'numero de compte', 'account number'],
      description: ['type verrichting', 'type de transaction', 'transaction type'],
      counterpartyAccount: ['tegenpartij', 'contrepartie', 'counterparty'],
      counterpartyName: ['naam van de tegenpartij', 'nom de la contrepartie', 'name of the counterparty'],
      communication: ['mededeling', 'communication'],
      details: ['details'],
    },
    required: ['valueDate', 'amount', 'bankReference', 'bookingDate', 'counterpartyName', 'communication'],
    testedAgainstRealFile: false,
  },
  {
    // Rekening;Boekingsdatum;Rekeninguittrekselnummer;Transactienummer;Rekening tegenpartij;Naam tegenpartij bevat;
    // Straat en nummer;Postcode en plaats;Transactie;Valutadatum;Bedrag;Devies;BIC;Landcode;Mededelingen
    id: 'belfius',
    bank: 'Belfius',
    columns: {
      account: ['rekening', 'compte'],
      bookingDate: ['boekingsdatum', 'date de comptabilisation'],
      statementNumber: ['rekeninguittrekselnummer', "numero d'extrait"],
      bankReference: ['transactienummer', 'numero de transaction'],
      counterpartyAccount: ['rekening tegenpartij', 'compte contrepartie'],
      counterpartyName: ['naam tegenpartij bevat', 'nom contrepartie contient'],
      description: ['transactie', 'transaction'],
      valueDate: ['valutadatum', 'date valeur'],
      amount: ['bedrag', 'montant'],
      currency: ['devies', 'devise'],
      communication: ['mededelingen', 'communications'],
    },
    required: ['valueDate', 'amount', 'bookingDate', 'statementNumber', 'bankReference', 'communication'],
    testedAgainstRealFile: false,
  },
  {
    // Rekeningnummer;Naam van de rekening;Rekening tegenpartij;Omzetnummer;Boekingsdatum;Valutadatum;Bedrag;
    // Munteenheid;Omschrijving;Detail van de omzet;Bericht
    id: 'ing',
    bank: 'ING Belgium',
    columns: {
      account: ['rekeningnummer', 'numero de compte', 'account number'],
      counterpartyAccount: ['rekening tegenpartij', 'compte partie adverse', 'counterparty account'],
      bankReference: ['omzetnummer', 'numero de mouvement', 'transaction number'],
      bookingDate: ['boekingsdatum', 'date comptable', 'booking date'],
      valueDate: ['valutadatum', 'date valeur', 'value date'],
      amount: ['bedrag', 'montant', 'amount'],
      currency: ['munteenheid', 'devise', 'currency'],
      description: ['omschrijving', 'libelles', 'description'],
      details: ['detail van de omzet', 'details du mouvement', 'transaction details'],
      communication: ['bericht', 'message'],
    },
    required: ['valueDate', 'amount', 'bankReference', 'bookingDate', 'details', 'communication'],
    testedAgainstRealFile: false,
  },
] as const satisfies readonly BankCsvLayout[];

export type BankCsvLayoutId = 'generic' | (typeof BANK_CSV_LAYOUTS)[number]['id'];
export const BANK_CSV_LAYOUT_IDS: readonly BankCsvLayoutId[] = ['generic', ...BANK_CSV_LAYOUTS.map((l) => l.id)];

export function isBankCsvLayout(id: string): id is BankCsvLayoutId {
  return (BANK_CSV_LAYOUT_IDS as readonly string[]).includes(id);
}

/** Lines about the export some banks write above the header. */
const MAX_PREAMBLE_LINES = 20;

/** A bank statement exported as CSV, read with the layout finance chose; refused whole when a line is unreadable. */
export function parseBankCsv(text: string, layoutId: BankCsvLayoutId = 'generic'): StatementLine[] {
  if (layoutId === 'generic') return parseGenericCsv(text);
  const layout: BankCsvLayout = BANK_CSV_LAYOUTS.find((l) => l.id === layoutId) as BankCsvLayout;
  const found = findHeader(text, layout);
  if (!found) {
    const wanted = layout.required.map((field) => `"${layout.columns[field]?.[0]}"`).join(', ');
    throw new UnreadableStatement(
      `the file does not fit the ${layout.bank} layout: no header line with the columns ${wanted} (send the bank's own CSV export as downloaded, or choose another layout)`,
    );
  }
  const { rows, headerIndex, columnOf } = found;
  const problems: { line: number; reason: string }[] = [];
  const lines: StatementLine[] = [];
  const seen = new Map<string, number>();
  rows.slice(headerIndex + 1).forEach((row) => {
    const { fileLine } = row;
    if (row.every((cell) => cell.trim() === '')) return;
    const value = (field: BankCsvField) => {
      const at = columnOf.get(field);
      return at === undefined ? '' : (row[at] ?? '').trim();
    };
    const valueOn = dayOf(value('valueDate'));
    const amountCents = parseEuros(value('amount'));
    const currency = value('currency').toUpperCase();
    if (valueOn === null) problems.push({ line: fileLine, reason: 'the value date must be a day, DD/MM/YYYY' });
    if (amountCents === null) problems.push({ line: fileLine, reason: 'the amount must be euros such as 25,00' });
    if (currency !== '' && currency !== 'EUR')
      problems.push({ line: fileLine, reason: `only euro movements can be imported, not ${currency}` });
    if (valueOn === null || amountCents === null || (currency !== '' && currency !== 'EUR')) return;

    const structuredText = value('structuredCommunication');
    const free = value('communication');
    const structured = parseStructuredCommunication(structuredText) ?? parseStructuredCommunication(free);
    const communication = free || structuredText || value('details') || value('description');
    const counterpartyName = value('counterpartyName');
    const counterpartyIban = value('counterpartyAccount').replace(/\s/g, '').toUpperCase();
    const account = value('account').replace(/\s/g, '').toUpperCase();
    const statementNumber = value('statementNumber');
    const reference = value('bankReference');
    const bankReference = reference ? [statementNumber, reference].filter(Boolean).join('/') : '';
    // Without a bank reference, two identical lines of one statement are two movements: the occurrence tells them apart.
    const fingerprint = [
      layout.id,
      account,
      statementNumber,
      value('bookingDate'),
      valueOn,
      String(amountCents),
      counterpartyIban,
      counterpartyName,
      structuredText,
      free,
      value('description'),
      value('details'),
    ].join('\u0000');
    const occurrence = (seen.get(fingerprint) ?? 0) + 1;
    seen.set(fingerprint, occurrence);
    lines.push({
      lineId: bankReference
        ? lineIdOf(['csv-reference', layout.id, account, bankReference])
        : lineIdOf(['csv-line', fingerprint, String(occurrence)]),
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
      `the ${layout.bank} statement has ${problems.length} unreadable line(s); nothing was imported`,
      problems,
    );
  }
  return lines;
}

/** A record of the file and the line of the file it ends on. */
type Row = string[] & { fileLine: number };

/** A header name as compared: lower case, without accents, single blanks. */
function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/[\u2018\u2019]/g, "'")
    .trim()
    .replace(/\s+/g, ' ')
    .toLowerCase();
}

/** The header line (the first of the first lines that names every required column) and where each field is. */
function findHeader(
  text: string,
  layout: BankCsvLayout,
): { rows: Row[]; headerIndex: number; columnOf: Map<BankCsvField, number> } | undefined {
  for (const delimiter of [';', ',']) {
    let rows: Row[];
    try {
      // with `info`, csv-parse gives each record with the line it ends on (its types do not say so)
      const records = parse(text, {
        delimiter,
        bom: true,
        info: true,
        relax_column_count: true,
        relax_quotes: true,
        skip_empty_lines: true,
      }) as unknown as { record: string[]; info: { lines: number } }[];
      rows = records.map(({ record, info }) => Object.assign(record, { fileLine: info.lines }));
    } catch {
      continue;
    }
    for (let index = 0; index < Math.min(rows.length, MAX_PREAMBLE_LINES); index++) {
      const names = rows[index].map(headerKey);
      const columnOf = new Map<BankCsvField, number>();
      for (const [field, accepted] of Object.entries(layout.columns) as [BankCsvField, readonly string[]][]) {
        const at = names.findIndex((name) => accepted.includes(name));
        if (at >= 0) columnOf.set(field, at);
      }
      if (layout.required.every((field) => columnOf.has(field))) return { rows, headerIndex: index, columnOf };
    }
  }
  return undefined;
}

function parseGenericCsv(text: string): StatementLine[] {
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
      `the bank statement needs a header line with the columns ${BANK_CSV_COLUMNS.join(', ')} (missing: ${missing.join(', ')}); for a bank's own export, choose its layout: ${BANK_CSV_LAYOUT_IDS.filter((id) => id !== 'generic').join(', ')}`,
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

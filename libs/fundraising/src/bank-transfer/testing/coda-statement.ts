/**
 * Builds CODA 2.x records for tests: each field written at its 1-based position of the Febelfin layout, the rest
 * blank, every record exactly 128 characters.
 */
export function codaRecord(fields: Record<number, string>): string {
  const record = Array.from({ length: 128 }, () => ' ');
  for (const [position, text] of Object.entries(fields)) {
    [...text].forEach((char, offset) => {
      record[Number(position) - 1 + offset] = char;
    });
  }
  return record.join('').slice(0, 128);
}

export interface CodaMovement {
  sequence: number;
  detail?: number;
  bankReference: string;
  /** Positive credit, negative debit. */
  amountCents: number;
  /** Thousandths, instead of amountCents, for an amount with a third decimal. */
  amountMillis?: number;
  /** Transaction code, 8 digits (type, family, operation, category); a single transfer received when left out. */
  code?: string;
  /** The type of the structured communication: 101 (the default) or 102. */
  structuredType?: '101' | '102';
  /** Record 2.2's client reference. */
  clientReference?: string;
  /** Free text of information records 3.2 after the movement's records. */
  information?: string[];
  /** DDMMYY */
  valueDate: string;
  /** Twelve digits, written as a structured communication (type 1, 101). */
  structured?: string;
  /** Free communication, when not structured. */
  free?: string;
  counterpartyName?: string;
  counterpartyIban?: string;
  globalisation?: number;
}

/** A whole statement: header, old balance, the movements (21, 22, 23), new balance, trailer. */
export function codaStatement(options: {
  statementNumber: number;
  /** DDMMYY */
  oldBalanceDate: string;
  account?: string;
  movements: CodaMovement[];
}): string {
  const account = `${(options.account ?? 'BE68539007547034').padEnd(34, ' ')}EUR`;
  const pad = (n: number, width: number) => String(n).padStart(width, '0');
  const records = [
    codaRecord({ 1: '0', 2: '0000', 6: options.oldBalanceDate, 12: '539', 15: '05', 35: 'REFUGEE WALK VZW', 128: '2' }),
    codaRecord({
      1: '1',
      2: '2',
      3: pad(options.statementNumber, 3),
      6: account,
      43: '0',
      44: pad(1_000_000, 15),
      59: options.oldBalanceDate,
      65: 'REFUGEE WALK VZW',
      126: pad(options.statementNumber, 3),
    }),
  ];
  for (const m of options.movements) {
    const common = { 3: pad(m.sequence, 4), 7: pad(m.detail ?? 0, 4) };
    records.push(
      codaRecord({
        1: '21',
        ...common,
        11: m.bankReference.padEnd(21, ' '),
        32: (m.amountMillis ?? m.amountCents) < 0 ? '1' : '0',
        33: pad(Math.abs(m.amountMillis ?? m.amountCents * 10), 15),
        48: m.valueDate,
        54: m.code ?? '00150000',
        62: m.structured ? '1' : '0',
        63: m.structured ? `${m.structuredType ?? '101'}${m.structured}` : (m.free ?? ''),
        116: m.valueDate,
        122: pad(options.statementNumber, 3),
        125: String(m.globalisation ?? 0),
        126: '1',
        128: '0',
      }),
      codaRecord({ 1: '22', ...common, 11: '', 64: m.clientReference ?? '', 99: 'GEBABEBB', 126: '1', 128: '0' }),
      codaRecord({
        1: '23',
        ...common,
        11: `${(m.counterpartyIban ?? '').padEnd(34, ' ')}EUR`,
        48: m.counterpartyName ?? '',
        126: '0',
        128: '0',
      }),
      ...(m.information ?? []).map((text) => codaRecord({ 1: '32', ...common, 11: text, 126: '0', 128: '0' })),
    );
  }
  records.push(
    codaRecord({
      1: '8',
      2: pad(options.statementNumber, 3),
      5: account,
      42: '0',
      43: pad(1_000_000, 15),
      58: options.oldBalanceDate,
    }),
    codaRecord({ 1: '9', 17: pad(records.length + 1, 6), 23: pad(0, 15), 38: pad(0, 15), 128: '2' }),
  );
  return `${records.join('\r\n')}\r\n`;
}

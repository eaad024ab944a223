import { looksLikeCoda, parseCoda, readCoda } from './coda';
import { decodeStatement, UnreadableStatement } from './statement-line';
import { codaRecord, codaStatement } from './testing/coda-statement';

const statement = codaStatement({
  statementNumber: 42,
  oldBalanceDate: '020326',
  movements: [
    {
      sequence: 1,
      bankReference: 'REF0001',
      amountCents: 25_00,
      valueDate: '030326',
      structured: '123456789002',
      counterpartyName: 'SOFIE CLAES',
      counterpartyIban: 'BE71096123456769',
    },
    { sequence: 2, bankReference: 'REF0002', amountCents: -12_34, valueDate: '030326', free: 'huur zaal' },
    { sequence: 3, bankReference: 'REF0003', amountCents: 1_234_567_89, valueDate: '280226', free: 'gift for Jan' },
  ],
});

describe('CODA statements', () => {
  it('is recognised by its 128-character header record', () => {
    expect(looksLikeCoda(statement)).toBe(true);
    expect(looksLikeCoda('date;amount\n2026-03-03;25,00\n')).toBe(false);
  });

  it('reads each movement: amount with its sign, value date, structured or free communication, counterparty', () => {
    const lines = parseCoda(statement);
    expect(lines.map(({ lineId: _id, ...line }) => line)).toEqual([
      {
        format: 'coda',
        fileLine: 3,
        valueOn: '2026-03-03',
        amountCents: 25_00,
        counterpartyName: 'SOFIE CLAES',
        counterpartyIban: 'BE71096123456769',
        structuredCommunication: '123456789002',
        bankReference: 'REF0001',
      },
      {
        format: 'coda',
        fileLine: 6,
        valueOn: '2026-03-03',
        amountCents: -12_34,
        communication: 'huur zaal',
        bankReference: 'REF0002',
      },
      {
        format: 'coda',
        fileLine: 9,
        valueOn: '2026-02-28',
        amountCents: 1_234_567_89,
        communication: 'gift for Jan',
        bankReference: 'REF0003',
      },
    ]);
  });

  it('gives a line the same id each time the statement is read, another in another statement', () => {
    const again = parseCoda(statement).map((line) => line.lineId);
    expect(parseCoda(statement).map((line) => line.lineId)).toEqual(again);
    expect(new Set(again).size).toBe(3);
    const next = codaStatement({
      statementNumber: 43,
      oldBalanceDate: '030326',
      movements: [{ sequence: 1, bankReference: 'REF0001', amountCents: 25_00, valueDate: '030326' }],
    });
    expect(parseCoda(next)[0].lineId).not.toBe(again[0]);
  });

  it('takes a structured communication only with type 1 and code 101 and valid check digits', () => {
    const wrongCheck = codaStatement({
      statementNumber: 1,
      oldBalanceDate: '010126',
      movements: [
        { sequence: 1, bankReference: 'R', amountCents: 10_00, valueDate: '020126', structured: '123456789003' },
      ],
    });
    expect(parseCoda(wrongCheck)[0].structuredCommunication).toBeUndefined();
  });

  it('counts a total the client made once, from its details (types 1 and 5), each with its own communication', () => {
    const text = codaStatement({
      statementNumber: 5,
      oldBalanceDate: '010126',
      movements: [
        {
          sequence: 1,
          bankReference: 'BATCH',
          amountCents: 30_00,
          valueDate: '020126',
          code: '10550000',
          globalisation: 1,
          free: 'collective',
        },
        {
          sequence: 1,
          detail: 1,
          bankReference: 'BATCH',
          amountCents: 10_00,
          valueDate: '020126',
          code: '50550000',
          structured: '123456789002',
        },
        {
          sequence: 1,
          detail: 2,
          bankReference: 'BATCH',
          amountCents: 20_00,
          valueDate: '020126',
          code: '50550000',
          free: 'other',
        },
      ],
    });
    const lines = parseCoda(text);
    expect(lines.map((line) => [line.amountCents, line.structuredCommunication, line.communication])).toEqual([
      [10_00, '123456789002', undefined],
      [20_00, undefined, 'other'],
    ]);
    expect(new Set(lines.map((line) => line.lineId)).size).toBe(2);
  });

  it('splits a collective movement (operation 07) into its details', () => {
    const text = codaStatement({
      statementNumber: 6,
      oldBalanceDate: '010126',
      movements: [
        {
          sequence: 1,
          bankReference: 'C',
          amountCents: 50_00,
          valueDate: '020126',
          code: '10107000',
          globalisation: 1,
        },
        { sequence: 1, detail: 1, bankReference: 'C', amountCents: 15_00, valueDate: '020126', code: '00107000' },
        { sequence: 1, detail: 2, bankReference: 'C', amountCents: 35_00, valueDate: '020126', code: '00107000' },
      ],
    });
    expect(parseCoda(text).map((line) => line.amountCents)).toEqual([15_00, 35_00]);
  });

  it('keeps a total the bank made (type 3) as one movement, its text running on through its details (type 8)', () => {
    const text = codaStatement({
      statementNumber: 7,
      oldBalanceDate: '010126',
      movements: [
        {
          sequence: 1,
          bankReference: 'B',
          amountCents: -12_00,
          valueDate: '020126',
          code: '33537000',
          globalisation: 1,
          free: 'Costs of',
        },
        {
          sequence: 1,
          detail: 1,
          bankReference: 'B',
          amountCents: -10_00,
          valueDate: '020126',
          code: '83537100',
          free: 'the account',
        },
        {
          sequence: 1,
          detail: 2,
          bankReference: 'B',
          amountCents: -2_00,
          valueDate: '020126',
          code: '83537011',
          free: 'and VAT',
        },
      ],
    });
    const lines = parseCoda(text);
    expect(lines.map((line) => [line.amountCents, line.communication])).toEqual([
      [-12_00, 'Costs of the account and VAT'],
    ]);
  });

  it('reads a structured communication of type 102 as well as 101, and the client reference of record 2.2', () => {
    const text = codaStatement({
      statementNumber: 8,
      oldBalanceDate: '010126',
      movements: [
        {
          sequence: 1,
          bankReference: 'R1',
          amountCents: 25_00,
          valueDate: '020126',
          structured: '123456789002',
          structuredType: '102',
          clientReference: 'E2E-REF-42',
        },
        { sequence: 2, bankReference: 'R2', amountCents: 5_00, valueDate: '020126', structured: '010806817183' },
      ],
    });
    expect(readCoda(text).map((m) => [m.structuredCommunication, m.clientReference])).toEqual([
      [{ type: '102', digits: '123456789002' }, 'E2E-REF-42'],
      [{ type: '101', digits: '010806817183' }, undefined],
    ]);
    const [first, second] = parseCoda(text);
    expect(first).toMatchObject({ structuredCommunication: '123456789002', clientReference: 'E2E-REF-42' });
    expect(second).toMatchObject({ structuredCommunication: '010806817183' });
    expect(second.clientReference).toBeUndefined();
  });

  it('gives a movement without communication its client reference and information records as text', () => {
    const text = codaStatement({
      statementNumber: 9,
      oldBalanceDate: '010126',
      movements: [
        {
          sequence: 1,
          bankReference: 'R1',
          amountCents: 25_00,
          valueDate: '020126',
          clientReference: 'REF-7',
          information: ['GROTE WEG 32', 'HASSELT'],
        },
      ],
    });
    expect(parseCoda(text)[0].communication).toBe('REF-7 GROTE WEG 32 HASSELT');
  });

  it('reads an amount with a third decimal: cents rounded, the exact thousandths kept', () => {
    const text = codaStatement({
      statementNumber: 10,
      oldBalanceDate: '010126',
      movements: [
        { sequence: 1, bankReference: 'R1', amountMillis: -767_823, amountCents: 0, valueDate: '020126' },
        { sequence: 2, bankReference: 'R2', amountMillis: 2_505, amountCents: 0, valueDate: '020126' },
        { sequence: 3, bankReference: 'R3', amountCents: 2_50, valueDate: '020126' },
      ],
    });
    expect(readCoda(text).map((m) => m.amountMillis)).toEqual([-767_823, 2_505, 2_500]);
    expect(parseCoda(text).map((line) => [line.amountCents, line.amountMillis])).toEqual([
      [-767_82, -767_823],
      [2_51, 2_505],
      [2_50, undefined],
    ]);
  });

  it('reads a file written in ISO-8859-1, as CODA prescribes, and the same file in UTF-8, alike', () => {
    const text = codaStatement({
      statementNumber: 11,
      oldBalanceDate: '010126',
      movements: [
        { sequence: 1, bankReference: 'R1', amountCents: 5_00, valueDate: '020126', free: 'Café Crème à Liège' },
      ],
    });
    const latin1 = decodeStatement(Buffer.from(text, 'latin1'));
    const utf8 = decodeStatement(Buffer.from(text, 'utf8'));
    expect(parseCoda(latin1)[0].communication).toBe('Café Crème à Liège');
    expect(parseCoda(utf8)).toEqual(parseCoda(latin1));
  });

  it('refuses records that are not 128 characters, naming the line', () => {
    const broken = statement.split('\r\n');
    broken[2] = broken[2].slice(0, 120);
    try {
      parseCoda(broken.join('\n'));
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableStatement);
      expect((error as UnreadableStatement).problems).toEqual([
        { line: 3, reason: 'a CODA record has 128 characters, not 120' },
      ]);
    }
  });

  it('refuses a movement with a date that does not exist or an amount that is not digits, naming the line', () => {
    const badDate = [
      codaRecord({ 1: '0', 128: '2' }),
      codaRecord({ 1: '21', 3: '0001', 7: '0000', 32: '0', 33: '000000000002500', 48: '310226' }),
    ].join('\n');
    expect(() => parseCoda(badDate)).toThrow(UnreadableStatement);
    const letters = [
      codaRecord({ 1: '0', 128: '2' }),
      codaRecord({ 1: '21', 3: '0001', 7: '0000', 32: '0', 33: '00000000000250O', 48: '010326' }),
    ].join('\n');
    try {
      parseCoda(letters);
      throw new Error('not refused');
    } catch (error) {
      expect((error as UnreadableStatement).problems).toEqual([
        { line: 2, reason: 'the amount must be 15 digits (12 and 3 decimals)' },
      ]);
    }
  });
});

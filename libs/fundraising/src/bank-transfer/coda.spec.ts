import { parseCoda, looksLikeCoda } from './coda';
import { UnreadableStatement } from './statement-line';
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

  it('counts a globalised movement once, from its details', () => {
    const text = codaStatement({
      statementNumber: 5,
      oldBalanceDate: '010126',
      movements: [
        {
          sequence: 1,
          bankReference: 'BATCH',
          amountCents: 30_00,
          valueDate: '020126',
          globalisation: 1,
          free: 'collective',
        },
        {
          sequence: 1,
          detail: 1,
          bankReference: 'BATCH',
          amountCents: 10_00,
          valueDate: '020126',
          structured: '123456789002',
        },
        { sequence: 1, detail: 2, bankReference: 'BATCH', amountCents: 20_00, valueDate: '020126', free: 'other' },
      ],
    });
    expect(parseCoda(text).map((line) => line.amountCents)).toEqual([10_00, 20_00]);
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

  it('refuses a movement with a date that does not exist or an amount of fractions of a cent', () => {
    const badDate = [
      codaRecord({ 1: '0', 128: '2' }),
      codaRecord({ 1: '21', 3: '0001', 7: '0000', 32: '0', 33: '000000000002500', 48: '310226' }),
    ].join('\n');
    expect(() => parseCoda(badDate)).toThrow(UnreadableStatement);
    const millis = [
      codaRecord({ 1: '0', 128: '2' }),
      codaRecord({ 1: '21', 3: '0001', 7: '0000', 32: '0', 33: '000000000002501', 48: '010326' }),
    ].join('\n');
    expect(() => parseCoda(millis)).toThrow(UnreadableStatement);
  });
});

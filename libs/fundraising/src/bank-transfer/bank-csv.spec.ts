import { parseBankCsv } from './bank-csv';
import { parseEuros, UnreadableStatement } from './statement-line';

describe('bank CSV statements', () => {
  it('reads ; with decimal commas and DD/MM/YYYY dates', () => {
    const lines = parseBankCsv(
      '\uFEFFDate;Amount;Counterparty_Name;Counterparty_IBAN;Communication;Bank_Reference\r\n' +
        '03/03/2026;25,00;Sofie Claes;BE71 0961 2345 6769;+++123/4567/89002+++;B1\r\n' +
        '04/03/2026;-1.234,56;Huurder;;huur;B2\r\n',
    );
    expect(lines.map(({ lineId: _id, ...line }) => line)).toEqual([
      {
        format: 'csv',
        fileLine: 2,
        valueOn: '2026-03-03',
        amountCents: 25_00,
        counterpartyName: 'Sofie Claes',
        counterpartyIban: 'BE71096123456769',
        communication: '+++123/4567/89002+++',
        structuredCommunication: '123456789002',
        bankReference: 'B1',
      },
      {
        format: 'csv',
        fileLine: 3,
        valueOn: '2026-03-04',
        amountCents: -1_234_56,
        counterpartyName: 'Huurder',
        communication: 'huur',
        bankReference: 'B2',
      },
    ]);
  });

  it('reads , with decimal points and quoted fields', () => {
    const [line] = parseBankCsv('date,amount,communication\n2026-03-03,"1,234.50",123456789002\n');
    expect(line).toMatchObject({
      valueOn: '2026-03-03',
      amountCents: 1_234_50,
      structuredCommunication: '123456789002',
    });
  });

  it('identifies a line by its bank reference, else by its content and occurrence', () => {
    const text = 'date;amount;communication\n2026-03-03;10,00;x\n2026-03-03;10,00;x\n';
    const [first, second] = parseBankCsv(text);
    expect(first.lineId).not.toBe(second.lineId);
    expect(parseBankCsv(text).map((l) => l.lineId)).toEqual([first.lineId, second.lineId]);
    const byReference = (reference: string, day: string) =>
      parseBankCsv(`date;amount;bank_reference\n${day};10,00;${reference}\n`)[0].lineId;
    expect(byReference('B1', '2026-03-03')).toBe(byReference('B1', '2026-03-04'));
  });

  it('refuses a file without date and amount columns, or with unreadable lines, naming them', () => {
    expect(() => parseBankCsv('when;how much\n2026-03-03;10\n')).toThrow(/missing: date, amount/);
    try {
      parseBankCsv('date;amount\n2026-02-30;10\n2026-03-01;ten\n');
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(UnreadableStatement);
      expect((error as UnreadableStatement).problems).toEqual([
        { line: 2, reason: 'date must be a day, YYYY-MM-DD or DD/MM/YYYY' },
        { line: 3, reason: 'amount must be euros such as 25.00 or 25,00' },
      ]);
    }
  });

  it('turns euros into cents exactly, whatever the decimal mark', () => {
    expect(parseEuros('25')).toBe(2500);
    expect(parseEuros('25,5')).toBe(2550);
    expect(parseEuros('0.29')).toBe(29);
    expect(parseEuros('1.234,56')).toBe(123456);
    expect(parseEuros('1,234.56')).toBe(123456);
    expect(parseEuros('-12,34')).toBe(-1234);
    expect(parseEuros('12.345')).toBe(1234500);
    expect(parseEuros('12,3x')).toBeNull();
    expect(parseEuros('')).toBeNull();
  });
});

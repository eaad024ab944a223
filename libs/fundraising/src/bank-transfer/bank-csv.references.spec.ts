import { readFileSync } from 'node:fs';
import { describeWithReferences, reference } from '../../../../test/support/references';
import { parseBankCsv } from './bank-csv';
import { decodeStatement, UnreadableStatement } from './statement-line';

describeWithReferences('bank CSV: a real export in KBC’s layout', () => {
  const kbc = () => decodeStatement(readFileSync(reference('belgian-finance/bank-csv/kbc-layout-django-test.csv')));

  it('is read with layout kbc: each line’s value date, amount, counterparty and communication', () => {
    const lines = parseBankCsv(kbc(), 'kbc');
    expect(lines.map(({ lineId: _id, ...line }) => line)).toEqual(
      [
        { written: '***190/5063/21290***', structured: '190506321290' },
        { written: '***154/5988/69980***', structured: '154598869980' },
        { written: '***176/0220/59911***', structured: '176022059911' },
        // wrong check digits: kept as the communication, never read as a structured one
        { written: '***190/5063/21291***', structured: undefined },
        { written: 'adlkfjasdlkj', structured: undefined },
        // a structured communication the payer typed in the free communication
        { written: '***190/5063/21290***', structured: '190506321290' },
      ].map(({ written, structured }, index) => ({
        format: 'csv',
        fileLine: index + 2,
        valueOn: '2019-08-10', // the "Valuta" column, not the booking "Datum" (08/08/2019)
        amountCents: 32_00,
        counterpartyName: 'DJANGO',
        counterpartyIban: 'BE00000000000000',
        communication: written,
        ...(structured ? { structuredCommunication: structured } : {}),
      })),
    );
  });

  it('gives each line its own id, the same ones at each reading', () => {
    const ids = parseBankCsv(kbc(), 'kbc').map((line) => line.lineId);
    expect(new Set(ids).size).toBe(6);
    expect(parseBankCsv(kbc(), 'kbc').map((line) => line.lineId)).toEqual(ids);
  });

  it('is refused without the layout, and with a layout it does not fit, saying which', () => {
    expect(() => parseBankCsv(kbc())).toThrow(/missing: date, amount\); for a bank's own export, choose its layout/);
    for (const layout of ['bnp-paribas-fortis', 'belfius', 'ing'] as const) {
      expect(() => parseBankCsv(kbc(), layout)).toThrow(UnreadableStatement);
      expect(() => parseBankCsv(kbc(), layout)).toThrow(/the file does not fit the .* layout/);
    }
  });
});

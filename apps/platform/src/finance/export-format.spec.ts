import { PassThrough } from 'node:stream';
import type { LedgerRow } from '@rw/read-models';
import { parse } from 'csv-parse/sync';
import { csvText, spreadsheetSafe } from './export-format';
import { writeLedgerCsv } from './export-writers';

const row = (overrides: Partial<LedgerRow>): LedgerRow =>
  ({
    movementId: 'm1',
    effectiveOn: '2026-03-05',
    effectiveAt: null,
    kind: 'gift_paid',
    donationId: 'd1',
    provider: 'bank_transfer',
    providerReference: 'B-1',
    grossCents: 35_00,
    feeCents: 0,
    netCents: 35_00,
    donorName: 'Sofie Claes',
    donorEmail: 'sofie@example.be',
    beneficiaryType: 'walker',
    beneficiaryName: 'Amina',
    editionId: 'e1',
    editionName: 'Refugee Walk 2026',
    communication: '+++090/9337/55493+++',
    feeStatus: '',
    coveredFeesCents: 0,
    ...overrides,
  }) satisfies LedgerRow;

async function ledgerCsv(rows: LedgerRow[]): Promise<string> {
  const output = new PassThrough();
  const chunks: Buffer[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk));
  await writeLedgerCsv(rows, output);
  return Buffer.concat(chunks).toString('utf8');
}

describe('spreadsheet-safe text', () => {
  it('keeps a structured communication as it is: no function, no reference, nothing to run', () => {
    expect(spreadsheetSafe('+++090/9337/55493+++')).toBe('+++090/9337/55493+++');
    expect(csvText('+++090/9337/55493+++')).toBe('+++090/9337/55493+++');
  });

  it('neutralises anything else a spreadsheet would run as a formula, including look-alikes of a communication', () => {
    for (const formula of [
      '=HYPERLINK("http://evil.example","x")',
      '+cmd|" /C calc"!A0',
      '-2+3',
      '@SUM(A1:A2)',
      '\tx',
      '+++090/9337/55493+++=1',
      '+++090/9337/55493++ +A1',
    ]) {
      expect(spreadsheetSafe(formula)).toBe(`'${formula}`);
    }
    expect(spreadsheetSafe('Sofie Claes')).toBe('Sofie Claes');
    expect(csvText('Disputed; "Quoted"')).toBe('"Disputed; ""Quoted"""');
    expect(csvText(null)).toBe('');
  });
});

describe('ledger CSV (csv-stringify)', () => {
  it('reads back as the same text: the communication intact, a day without time, names with ; and quotes', async () => {
    const text = await ledgerCsv([
      row({}),
      row({ movementId: 'm2', effectiveAt: '2026-03-05T13:05:00.000Z', donorName: 'Disputed; "Quoted"' }),
      row({ movementId: 'm3', donorName: '=1+1', grossCents: -12_34, netCents: -12_34, communication: null }),
    ]);
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text.endsWith('\r\n')).toBe(true);
    const [header, ...records] = parse(text, { delimiter: ';', bom: true }) as string[][];
    expect(header[0]).toBe('date');
    expect(header[14]).toBe('structured_communication');
    expect(records.map((f) => [f[0], f[1], f[6], f[9], f[14]])).toEqual([
      ['2026-03-05', '', '35,00', 'Sofie Claes', '+++090/9337/55493+++'],
      ['2026-03-05', '14:05:00', '35,00', 'Disputed; "Quoted"', '+++090/9337/55493+++'],
      ['2026-03-05', '', '-12,34', "'=1+1", ''],
    ]);
  });

  it('streams many rows in batches, every row once', async () => {
    const rows = Array.from({ length: 1_234 }, (_, i) => row({ movementId: `m${i}`, donationId: `d${i}` }));
    const records = parse(await ledgerCsv(rows), { delimiter: ';', bom: true, from_line: 2 }) as string[][];
    expect(records.map((f) => f[3])).toEqual(rows.map((r) => r.donationId));
  });
});

import { DatabaseSync } from 'node:sqlite';
import type { BankLineEvent } from '@rw/fundraising';
import { applyStoryAgain, projectStore, storeWithStory } from '../testing/story';
import { bankLinesProjection } from './projection';
import { bankLines } from './queries';

const facts = (lineId: string, amountCents: number, valueOn: string) => ({
  lineId,
  format: 'coda' as const,
  valueOn,
  amountCents,
  counterpartyName: 'SOFIE CLAES',
  bankReference: `B-${lineId}`,
  importedBy: 'finance-1',
  importedAt: '2026-03-04T08:00:00.000Z',
});
const story: [string, BankLineEvent[]][] = [
  [
    'bank-line-L1',
    [
      {
        type: 'BankLineMatched',
        data: { ...facts('L1', 25_00, '2026-03-03'), structuredCommunication: '123456789002', donationId: 'd1' },
      },
    ],
  ],
  [
    'bank-line-L2',
    [
      {
        type: 'BankLineUnmatched',
        data: { ...facts('L2', 10_00, '2026-03-01'), communication: 'voor Jan', reason: 'no_communication' },
      },
      {
        type: 'BankLineAssigned',
        data: {
          lineId: 'L2',
          donationId: 'd2',
          beneficiary: { type: 'walker', id: 'w1' },
          assignedBy: 'finance-1',
          assignedAt: 't',
        },
      },
    ],
  ],
  [
    'bank-line-L3',
    [
      {
        type: 'BankLineUnmatched',
        data: {
          ...facts('L3', 7_50, '2026-03-02'),
          amountMillis: 7_503,
          clientReference: 'E2E-7',
          reason: 'unknown_communication',
        },
      },
    ],
  ],
];

const project = async () => projectStore(await storeWithStory(story), [bankLinesProjection], 2);

describe('bank lines projection', () => {
  it('lists lines by status, oldest value date first, with what finance needs to assign them', async () => {
    const db = await project();
    expect(bankLines(db.db, 'unmatched').lines).toEqual([
      {
        id: 'L3',
        format: 'coda',
        status: 'unmatched',
        reason: 'unknown_communication',
        valueOn: '2026-03-02',
        amountCents: 7_50,
        counterpartyName: 'SOFIE CLAES',
        counterpartyIban: null,
        communication: null,
        structuredCommunication: null,
        bankReference: 'B-L3',
        clientReference: 'E2E-7',
        amountMillis: 7_503,
        donationId: null,
        importedAt: '2026-03-04T08:00:00.000Z',
      },
    ]);
    expect(bankLines(db.db, 'assigned').lines.map((l) => [l.id, l.donationId])).toEqual([['L2', 'd2']]);
    expect(bankLines(db.db, 'matched').lines.map((l) => [l.id, l.donationId])).toEqual([['L1', 'd1']]);
    expect(bankLines(db.db).lines.map((l) => l.id)).toEqual(['L2', 'L3', 'L1']);
    expect(bankLines(db.db, 'matched').lines[0]).toMatchObject({ clientReference: null, amountMillis: null });
    expect(bankLines(db.db, undefined, { limit: 2, offset: 1 })).toEqual({
      lines: [expect.objectContaining({ id: 'L3' }), expect.objectContaining({ id: 'L1' })],
      total: 3,
    });
    expect(bankLines(db.db, 'matched', { limit: 1, offset: 0 }).total).toBe(1);
  });

  it('adds the columns of version 2 to a table of version 1', () => {
    const db = new DatabaseSync(':memory:');
    db.exec(`CREATE TABLE bank_lines (line_id TEXT PRIMARY KEY, format TEXT NOT NULL, status TEXT NOT NULL,
      reason TEXT, value_on TEXT NOT NULL, amount_cents INTEGER NOT NULL, counterparty_name TEXT,
      counterparty_iban TEXT, communication TEXT, structured_communication TEXT, bank_reference TEXT,
      donation_id TEXT, imported_at TEXT NOT NULL)`);
    bankLinesProjection.open(db);
    const columns = (db.prepare("SELECT name FROM pragma_table_info('bank_lines')").all() as { name: string }[]).map(
      (c) => c.name,
    );
    expect(columns).toEqual(expect.arrayContaining(['client_reference', 'amount_millis']));
    bankLinesProjection.open(db); // opening again changes nothing
  });

  it('gives the same rows when the same events are applied twice (a replay after a crash)', async () => {
    const db = await project();
    const before = db.db.prepare('SELECT * FROM bank_lines ORDER BY line_id').all();
    applyStoryAgain(db, bankLinesProjection, story);
    expect(db.db.prepare('SELECT * FROM bank_lines ORDER BY line_id').all()).toEqual(before);
  });
});

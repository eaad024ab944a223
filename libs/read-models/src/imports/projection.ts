import type { RecordedEvent } from '@rw/event-store';
import { type BankLineEvent, bankLineEventTypes } from '@rw/fundraising';
import type { Projection } from '../runner/projection';

/** Credit lines of the charity's bank statements: which paid a transfer gift, which wait for a person to assign. */
export const bankLinesProjection: Projection = {
  name: 'bank_lines',
  version: 2,
  eventTypes: bankLineEventTypes,
  open(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS bank_lines (
        line_id                  TEXT PRIMARY KEY,
        format                   TEXT NOT NULL,
        status                   TEXT NOT NULL,
        reason                   TEXT,
        value_on                 TEXT NOT NULL,
        amount_cents             INTEGER NOT NULL,
        counterparty_name        TEXT,
        counterparty_iban        TEXT,
        communication            TEXT,
        structured_communication TEXT,
        bank_reference           TEXT,
        client_reference         TEXT,
        amount_millis            INTEGER,
        donation_id              TEXT,
        imported_at              TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS bank_lines_by_status ON bank_lines (status, value_on, line_id);
    `);
    // Version 2 adds the CODA client reference and a third decimal; a file of version 1 gets the columns, then is
    // rebuilt from the events (the version changed).
    const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all('bank_lines') as { name: string }[]).map(
      (column) => column.name,
    );
    if (!columns.includes('client_reference')) db.exec('ALTER TABLE bank_lines ADD COLUMN client_reference TEXT');
    if (!columns.includes('amount_millis')) db.exec('ALTER TABLE bank_lines ADD COLUMN amount_millis INTEGER');
    const insert = db.prepare(
      `INSERT INTO bank_lines (line_id, format, status, reason, value_on, amount_cents, counterparty_name,
         counterparty_iban, communication, structured_communication, bank_reference, client_reference, amount_millis,
         donation_id, imported_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const assign = db.prepare("UPDATE bank_lines SET status = 'assigned', donation_id = ? WHERE line_id = ?");
    return {
      reset: () => db.exec('DELETE FROM bank_lines'),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as BankLineEvent;
        switch (event.type) {
          case 'BankLineMatched':
          case 'BankLineUnmatched': {
            const d = event.data;
            const unmatched = event.type === 'BankLineUnmatched' ? event.data : undefined;
            insert.run(
              d.lineId,
              d.format,
              unmatched ? 'unmatched' : 'matched',
              unmatched?.reason ?? null,
              d.valueOn,
              d.amountCents,
              d.counterpartyName ?? null,
              d.counterpartyIban ?? null,
              d.communication ?? null,
              d.structuredCommunication ?? null,
              d.bankReference ?? null,
              d.clientReference ?? null,
              d.amountMillis ?? null,
              (event.type === 'BankLineMatched' ? event.data.donationId : unmatched?.donationId) ?? null,
              d.importedAt,
            );
            return;
          }
          case 'BankLineAssigned':
            assign.run(event.data.donationId, event.data.lineId);
            return;
          default: {
            const _exhaustive: never = event;
            return _exhaustive;
          }
        }
      },
    };
  },
};

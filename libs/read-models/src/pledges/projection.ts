import type { RecordedEvent } from '@rw/event-store';
import type { PledgeEvent } from '@rw/fundraising';
import type { Projection } from '../runner/projection';

/** Pledges with what they ask now: which become due when a distance is recorded, and what is pledged still open. */
export const pledgesProjection: Projection = {
  name: 'pledges',
  version: 1,
  eventTypes: ['PledgeMade', 'PledgeBecameDue', 'PledgeFulfilled', 'PledgeCancelled'] satisfies PledgeEvent['type'][],
  open(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS pledges (
        pledge_id        TEXT PRIMARY KEY,
        edition_id       TEXT NOT NULL,
        beneficiary_type TEXT NOT NULL,
        beneficiary_id   TEXT NOT NULL,
        team_id          TEXT NOT NULL,
        kind             TEXT NOT NULL,
        amount_cents     INTEGER NOT NULL,
        cap_cents        INTEGER,
        status           TEXT NOT NULL,
        due_cents        INTEGER NOT NULL DEFAULT 0,
        km               REAL,
        donation_id      TEXT,
        made_at          TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS pledges_by_beneficiary ON pledges (beneficiary_type, beneficiary_id, status);
      CREATE INDEX IF NOT EXISTS pledges_by_edition ON pledges (edition_id, status);
    `);
    const insert = db.prepare(
      `INSERT INTO pledges (pledge_id, edition_id, beneficiary_type, beneficiary_id, team_id, kind, amount_cents, cap_cents, status, made_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'open', ?) ON CONFLICT DO NOTHING`,
    );
    const due = db.prepare("UPDATE pledges SET status = 'due', due_cents = ?, km = ? WHERE pledge_id = ?");
    const fulfilled = db.prepare("UPDATE pledges SET status = 'fulfilled', donation_id = ? WHERE pledge_id = ?");
    const cancelled = db.prepare("UPDATE pledges SET status = 'cancelled' WHERE pledge_id = ?");
    return {
      reset: () => db.exec('DELETE FROM pledges'),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as PledgeEvent;
        switch (event.type) {
          case 'PledgeMade': {
            const d = event.data;
            insert.run(
              d.pledgeId,
              d.editionId,
              d.beneficiary.type,
              d.beneficiary.id,
              d.teamId,
              d.kind,
              d.amountCents,
              d.capCents ?? null,
              d.madeAt,
            );
            return;
          }
          case 'PledgeBecameDue':
            due.run(event.data.dueCents, event.data.km, event.data.pledgeId);
            return;
          case 'PledgeFulfilled':
            fulfilled.run(event.data.donationId, event.data.pledgeId);
            return;
          case 'PledgeCancelled':
            cancelled.run(event.data.pledgeId);
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

import type { DatabaseSync } from 'node:sqlite';
import type { RecordedEvent } from '@rw/event-store';
import type { EditionEvent } from '@rw/fundraising';
import type { Projection, ProjectionHandler } from '../runner/projection';

/** Editions with their routes. */
export const editionsProjection: Projection = {
  name: 'editions',
  version: 2,
  eventTypes: ['EditionCreated'] satisfies EditionEvent['type'][],
  open(db: DatabaseSync): ProjectionHandler {
    db.exec(`
      CREATE TABLE IF NOT EXISTS editions (
        edition_id           TEXT PRIMARY KEY,
        name                 TEXT NOT NULL,
        walk_on              TEXT NOT NULL,
        walker_minimum_cents INTEGER NOT NULL,
        routes_json          TEXT NOT NULL,
        created_at           TEXT NOT NULL
      );
      -- apart from editions, so that files made before goals existed need no new column
      CREATE TABLE IF NOT EXISTS edition_goals (
        edition_id TEXT PRIMARY KEY,
        goal_cents INTEGER NOT NULL
      );
    `);
    const insertEdition = db.prepare(
      `INSERT INTO editions (edition_id, name, walk_on, walker_minimum_cents, routes_json, created_at)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (edition_id) DO NOTHING`,
    );
    const insertGoal = db.prepare(
      'INSERT INTO edition_goals (edition_id, goal_cents) VALUES (?, ?) ON CONFLICT DO NOTHING',
    );
    return {
      reset() {
        db.exec('DELETE FROM editions; DELETE FROM edition_goals;');
      },
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as EditionEvent;
        switch (event.type) {
          case 'EditionCreated': {
            const d = event.data;
            insertEdition.run(
              d.editionId,
              d.name,
              d.walkOn,
              d.walkerMinimumCents,
              JSON.stringify(d.routes),
              d.createdAt,
            );
            if (d.goalCents !== undefined) insertGoal.run(d.editionId, d.goalCents);
            return;
          }
          default: {
            const _exhaustive: never = event.type;
            return _exhaustive;
          }
        }
      },
    };
  },
};

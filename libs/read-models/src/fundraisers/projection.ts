import type { RecordedEvent } from '@rw/event-store';
import type { TeamEvent, WalkerEvent } from '@rw/fundraising';
import type { Projection } from '../runner/projection';

type Handled = TeamEvent | WalkerEvent;

/** Teams and walkers: who fundraises for what, with their pages' figures. */
export const fundraisersProjection: Projection = {
  name: 'fundraisers',
  version: 1,
  eventTypes: [
    'TeamRegistered',
    'TeamRenamed',
    'TeamTargetChanged',
    'TeamClosedForJoining',
    'TeamReopenedForJoining',
    'WalkerRegistered',
    'WalkerStoryChanged',
    'WalkerTargetChanged',
    'WalkerDistanceRecorded',
    'RegistrationFeePaid',
    'RegistrationFeeWaived',
    'WalkerRemoved',
  ] satisfies Handled['type'][],
  open(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS teams (
        team_id           TEXT PRIMARY KEY,
        edition_id        TEXT NOT NULL,
        route_id          TEXT NOT NULL,
        name              TEXT NOT NULL,
        slug              TEXT NOT NULL,
        target_cents      INTEGER NOT NULL,
        captain_walker_id TEXT NOT NULL,
        closed            INTEGER NOT NULL DEFAULT 0,
        registered_at     TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS teams_by_edition ON teams (edition_id);
      CREATE TABLE IF NOT EXISTS walkers (
        walker_id     TEXT PRIMARY KEY,
        team_id       TEXT NOT NULL,
        edition_id    TEXT NOT NULL,
        route_id      TEXT NOT NULL,
        name          TEXT NOT NULL,
        slug          TEXT NOT NULL,
        role          TEXT NOT NULL,
        target_cents  INTEGER NOT NULL,
        story         TEXT NOT NULL,
        km            REAL,
        fee_status    TEXT NOT NULL,
        removed       INTEGER NOT NULL DEFAULT 0,
        registered_at TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS walkers_by_team ON walkers (team_id, registered_at);
      CREATE INDEX IF NOT EXISTS walkers_by_edition ON walkers (edition_id);
    `);
    const insertTeam = db.prepare(
      `INSERT INTO teams (team_id, edition_id, route_id, name, slug, target_cents, captain_walker_id, registered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const setTeam = (column: 'name' | 'target_cents' | 'closed') =>
      db.prepare(`UPDATE teams SET ${column} = ? WHERE team_id = ?`);
    const teamName = setTeam('name');
    const teamTarget = setTeam('target_cents');
    const teamClosed = setTeam('closed');
    const insertWalker = db.prepare(
      `INSERT INTO walkers (walker_id, team_id, edition_id, route_id, name, slug, role, target_cents, story, fee_status, registered_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const setWalker = (column: 'story' | 'target_cents' | 'km' | 'fee_status' | 'removed') =>
      db.prepare(`UPDATE walkers SET ${column} = ? WHERE walker_id = ?`);
    const walkerStory = setWalker('story');
    const walkerTarget = setWalker('target_cents');
    const walkerKm = setWalker('km');
    const walkerFee = setWalker('fee_status');
    const walkerRemoved = setWalker('removed');
    return {
      reset: () => db.exec('DELETE FROM teams; DELETE FROM walkers;'),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as Handled;
        switch (event.type) {
          case 'TeamRegistered': {
            const d = event.data;
            insertTeam.run(
              d.teamId,
              d.editionId,
              d.routeId,
              d.name,
              d.slug,
              d.targetCents,
              d.captainWalkerId,
              d.registeredAt,
            );
            return;
          }
          case 'TeamRenamed':
            teamName.run(event.data.name, event.data.teamId);
            return;
          case 'TeamTargetChanged':
            teamTarget.run(event.data.targetCents, event.data.teamId);
            return;
          case 'TeamClosedForJoining':
            teamClosed.run(1, event.data.teamId);
            return;
          case 'TeamReopenedForJoining':
            teamClosed.run(0, event.data.teamId);
            return;
          case 'WalkerRegistered': {
            const d = event.data;
            insertWalker.run(
              d.walkerId,
              d.teamId,
              d.editionId,
              d.routeId,
              d.name,
              d.slug,
              d.role,
              d.targetCents,
              d.story,
              d.registrationFeeCents > 0 ? 'pending_fee' : 'free',
              d.registeredAt,
            );
            return;
          }
          case 'WalkerStoryChanged':
            walkerStory.run(event.data.story, event.data.walkerId);
            return;
          case 'WalkerTargetChanged':
            walkerTarget.run(event.data.targetCents, event.data.walkerId);
            return;
          case 'WalkerDistanceRecorded':
            walkerKm.run(event.data.km, event.data.walkerId);
            return;
          case 'RegistrationFeePaid':
            walkerFee.run('paid', event.data.walkerId);
            return;
          case 'RegistrationFeeWaived':
            walkerFee.run('waived', event.data.walkerId);
            return;
          case 'WalkerRemoved':
            walkerRemoved.run(1, event.data.walkerId);
            return;
          case 'WalkerAdmittedToTeam':
          case 'WalkerRemovedFromTeam':
            // membership is read from the walkers' own events
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

import type { RecordedEvent } from '@rw/event-store';
import type { DonorEvent, TeamEvent, WalkerEvent } from '@rw/fundraising';
import type { Projection } from '../runner/projection';
import { searchKey } from './search-key';

type Handled = TeamEvent | WalkerEvent | DonorEvent;

/** What an erased walker's page, team page, leaderboard line and desk row show instead of their name. */
export const ERASED_WALKER_NAME = 'anonymous';

/** Teams and walkers: who fundraises for what, with their pages' figures. */
export const fundraisersProjection: Projection = {
  name: 'fundraisers',
  version: 3,
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
    'DonorErased',
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
        registered_at     TEXT NOT NULL,
        search_name       TEXT NOT NULL DEFAULT ''
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
        registered_at TEXT NOT NULL,
        search_name   TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX IF NOT EXISTS walkers_by_team ON walkers (team_id, registered_at);
      CREATE INDEX IF NOT EXISTS walkers_by_edition ON walkers (edition_id);
      -- whose key seals each walker's personal data, so that erasing that person blanks their walkers
      CREATE TABLE IF NOT EXISTS walker_persons (
        walker_id TEXT PRIMARY KEY,
        person_id TEXT NOT NULL,
        erased    INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS walker_persons_by_person ON walker_persons (person_id);
    `);
    // Version 3 adds the names as search finds them (no accents, lower case) and pages found by slug; a file of
    // version 2 gets the columns, then is rebuilt from the events (the version changed).
    for (const table of ['teams', 'walkers']) {
      const columns = (db.prepare('SELECT name FROM pragma_table_info(?)').all(table) as { name: string }[]).map(
        (column) => column.name,
      );
      if (!columns.includes('search_name')) {
        db.exec(`ALTER TABLE ${table} ADD COLUMN search_name TEXT NOT NULL DEFAULT ''`);
      }
    }
    db.exec(`
      CREATE INDEX IF NOT EXISTS teams_by_slug ON teams (slug);
      CREATE INDEX IF NOT EXISTS walkers_by_slug ON walkers (slug);
      CREATE INDEX IF NOT EXISTS teams_by_search ON teams (edition_id, search_name);
      CREATE INDEX IF NOT EXISTS walkers_by_search ON walkers (edition_id, search_name);
    `);
    const insertTeam = db.prepare(
      `INSERT INTO teams (team_id, edition_id, route_id, name, slug, target_cents, captain_walker_id, registered_at, search_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const setTeam = (column: 'target_cents' | 'closed') =>
      db.prepare(`UPDATE teams SET ${column} = ? WHERE team_id = ?`);
    const teamName = db.prepare('UPDATE teams SET name = ?, search_name = ? WHERE team_id = ?');
    const teamTarget = setTeam('target_cents');
    const teamClosed = setTeam('closed');
    const insertWalker = db.prepare(
      `INSERT INTO walkers (walker_id, team_id, edition_id, route_id, name, slug, role, target_cents, story, fee_status, registered_at, search_name)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`,
    );
    const setWalker = (column: 'story' | 'target_cents' | 'km' | 'fee_status' | 'removed') =>
      db.prepare(`UPDATE walkers SET ${column} = ? WHERE walker_id = ?`);
    const walkerStory = setWalker('story');
    const walkerTarget = setWalker('target_cents');
    const walkerKm = setWalker('km');
    const walkerFee = setWalker('fee_status');
    const walkerRemoved = setWalker('removed');
    const insertPerson = db.prepare('INSERT INTO walker_persons VALUES (?, ?, ?) ON CONFLICT DO NOTHING');
    // the story goes too: it is the walker's own words about themselves; search no longer finds the old name
    const eraseWalkers = db.prepare(
      `UPDATE walkers SET name = ?, slug = walker_id, story = '', search_name = ''
       WHERE walker_id IN (SELECT walker_id FROM walker_persons WHERE person_id = ?)`,
    );
    const markErased = db.prepare('UPDATE walker_persons SET erased = 1 WHERE person_id = ?');
    const isErased = db.prepare('SELECT 1 FROM walker_persons WHERE walker_id = ? AND erased = 1');
    return {
      reset: () => db.exec('DELETE FROM teams; DELETE FROM walkers; DELETE FROM walker_persons;'),
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
              searchKey(d.name),
            );
            return;
          }
          case 'TeamRenamed':
            teamName.run(event.data.name, searchKey(event.data.name), event.data.teamId);
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
            if (d.personId) insertPerson.run(d.walkerId, d.personId, d.erased ? 1 : 0);
            // erased (read again in a rebuild): the same row as the erasure left
            insertWalker.run(
              d.walkerId,
              d.teamId,
              d.editionId,
              d.routeId,
              d.erased ? ERASED_WALKER_NAME : d.name,
              d.erased ? d.walkerId : d.slug,
              d.role,
              d.targetCents,
              d.erased ? '' : d.story,
              d.registrationFeeCents > 0 ? 'pending_fee' : 'free',
              d.registeredAt,
              // an erased walker is found by no name
              d.erased ? '' : searchKey(d.name),
            );
            return;
          }
          case 'WalkerStoryChanged':
            // an erased walker's story stays blank when a rebuild replays their later changes
            if (event.data.erased || isErased.get(event.data.walkerId)) return;
            walkerStory.run(event.data.story, event.data.walkerId);
            return;
          case 'DonorErased':
            eraseWalkers.run(ERASED_WALKER_NAME, event.data.donorId);
            markErased.run(event.data.donorId);
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
          // proposals have their own read model (distance-proposals): a proposed distance counts only once recorded
          case 'WalkerDistanceProposed':
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

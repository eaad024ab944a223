import type { DatabaseSync } from 'node:sqlite';
import type { RecordedEvent } from '@rw/event-store';
import type { WalkerDistanceProposed, WalkerDistanceRecorded } from '@rw/fundraising';
import type { Projection } from '../runner/projection';

type Handled = WalkerDistanceProposed | WalkerDistanceRecorded;

/** Each walker's latest distance proposed from a track, and whether an organiser has settled it. */
export const distanceProposalsProjection: Projection = {
  name: 'distance_proposals',
  version: 1,
  eventTypes: ['WalkerDistanceProposed', 'WalkerDistanceRecorded'] satisfies Handled['type'][],
  open(db) {
    db.exec(`
      CREATE TABLE IF NOT EXISTS distance_proposals (
        walker_id        TEXT PRIMARY KEY,
        proposal_id      TEXT NOT NULL,
        km               REAL NOT NULL,
        points           INTEGER NOT NULL,
        duration_seconds INTEGER,
        profile          TEXT,
        proposed_at      TEXT NOT NULL,
        -- 'pending' until a distance is recorded: 'accepted' when it is the proposed one, else 'replaced'
        status           TEXT NOT NULL
      );
      CREATE INDEX IF NOT EXISTS distance_proposals_by_status ON distance_proposals (status, proposed_at);
    `);
    const propose = db.prepare(
      `INSERT INTO distance_proposals VALUES (?, ?, ?, ?, ?, ?, ?, 'pending')
       ON CONFLICT (walker_id) DO UPDATE SET proposal_id = excluded.proposal_id, km = excluded.km,
         points = excluded.points, duration_seconds = excluded.duration_seconds, profile = excluded.profile,
         proposed_at = excluded.proposed_at, status = 'pending'`,
    );
    const settle = db.prepare(
      `UPDATE distance_proposals SET status = CASE WHEN proposal_id = ? OR km = ? THEN 'accepted' ELSE 'replaced' END
       WHERE walker_id = ? AND status = 'pending'`,
    );
    return {
      reset: () => db.exec('DELETE FROM distance_proposals;'),
      apply(recorded: RecordedEvent) {
        const event = recorded as unknown as Handled;
        if (event.type === 'WalkerDistanceProposed') {
          const d = event.data;
          propose.run(
            d.walkerId,
            d.proposalId,
            d.km,
            d.points,
            d.durationSeconds ?? null,
            d.profile ? JSON.stringify(d.profile) : null,
            d.proposedAt,
          );
        } else if (event.type === 'WalkerDistanceRecorded') {
          // records from before proposals were accepted by id: the same km is taken as accepting it
          settle.run(event.data.proposalId ?? null, event.data.km, event.data.walkerId);
        }
      },
    };
  },
};

export interface DistanceProposal {
  walkerId: string;
  proposalId: string;
  km: number;
  points: number;
  durationSeconds?: number;
  profile?: [number, number][];
  proposedAt: string;
  status: 'pending' | 'accepted' | 'replaced';
}

export interface PendingDistanceProposal extends DistanceProposal {
  walkerName: string;
  teamName: string;
  /** The distance recorded so far, if any. */
  recordedKm: number | null;
}

interface Row {
  walkerId: string;
  proposalId: string;
  km: number;
  points: number;
  durationSeconds: number | null;
  profile: string | null;
  proposedAt: string;
  status: DistanceProposal['status'];
}

const proposalOf = (row: Row): DistanceProposal => ({
  walkerId: row.walkerId,
  proposalId: row.proposalId,
  km: Number(row.km),
  points: Number(row.points),
  ...(row.durationSeconds === null ? {} : { durationSeconds: Number(row.durationSeconds) }),
  ...(row.profile === null ? {} : { profile: JSON.parse(row.profile) as [number, number][] }),
  proposedAt: row.proposedAt,
  status: row.status,
});

const COLUMNS = `p.walker_id AS walkerId, p.proposal_id AS proposalId, p.km, p.points,
  p.duration_seconds AS durationSeconds, p.profile, p.proposed_at AS proposedAt, p.status`;

/** A walker's latest proposal, settled or not. */
export function distanceProposalOf(db: DatabaseSync, walkerId: string): DistanceProposal | undefined {
  const row = db
    .prepare(`SELECT ${COLUMNS} FROM distance_proposals p WHERE p.walker_id = ?`)
    .get(walkerId) as unknown as Row | undefined;
  return row ? proposalOf(row) : undefined;
}

/** The proposals an organiser has yet to accept, oldest first (walkers still walking). */
export function pendingDistanceProposals(db: DatabaseSync): PendingDistanceProposal[] {
  const rows = db
    .prepare(
      `SELECT ${COLUMNS}, w.name AS walkerName, t.name AS teamName, w.km AS recordedKm
       FROM distance_proposals p JOIN walkers w ON w.walker_id = p.walker_id JOIN teams t ON t.team_id = w.team_id
       WHERE p.status = 'pending' AND w.removed = 0
       ORDER BY p.proposed_at, p.walker_id`,
    )
    .all() as unknown as (Row & { walkerName: string; teamName: string; recordedKm: number | null })[];
  return rows.map((row) => ({
    ...proposalOf(row),
    walkerName: row.walkerName,
    teamName: row.teamName,
    recordedKm: row.recordedKm === null ? null : Number(row.recordedKm),
  }));
}

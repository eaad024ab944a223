import type { RecordedEvent } from '@rw/event-store';
import { ReadModelDatabase } from '../runner/read-model-database';
import { distanceProposalOf, distanceProposalsProjection, pendingDistanceProposals } from './distance-proposals';
import { fundraisersProjection } from './projection';

let position = 0;
const recorded = (type: string, data: Record<string, unknown>) =>
  ({ type, data, streamId: `walker-${data.walkerId}`, position: ++position }) as unknown as RecordedEvent;
const proposed = (walkerId: string, proposalId: string, km: number, at = '2026-09-27T16:00:00Z') =>
  recorded('WalkerDistanceProposed', {
    walkerId,
    teamId: 't1',
    proposalId,
    km,
    source: 'gpx',
    points: 120,
    profile: [
      [0, 10],
      [km, 30],
    ],
    proposedAt: at,
  });
const distance = (walkerId: string, km: number) =>
  recorded('WalkerDistanceRecorded', { walkerId, teamId: 't1', km, recordedBy: 'org', recordedAt: '2026-09-28' });

function database() {
  const { db } = new ReadModelDatabase(':memory:');
  const fundraisers = fundraisersProjection.open(db);
  const proposals = distanceProposalsProjection.open(db);
  fundraisers.apply(
    recorded('TeamRegistered', {
      teamId: 't1',
      editionId: 'e1',
      routeId: 'r1',
      name: 'Zon',
      slug: 'zon',
      targetCents: 0,
      captainWalkerId: 'w1',
      registeredAt: '2026-09-01',
    }),
  );
  for (const [walkerId, name] of [
    ['w1', 'Ann'],
    ['w2', 'Bob'],
  ]) {
    fundraisers.apply(
      recorded('WalkerRegistered', {
        walkerId,
        teamId: 't1',
        editionId: 'e1',
        routeId: 'r1',
        name,
        email: `${walkerId}@example.org`,
        slug: walkerId,
        role: 'member',
        targetCents: 0,
        story: '',
        registrationFeeCents: 0,
        registeredAt: '2026-09-01',
      }),
    );
  }
  return { db, proposals, fundraisers };
}

describe('distance proposals read model', () => {
  it('lists the proposals waiting, oldest first, with the walker and the km recorded so far', () => {
    const { db, proposals, fundraisers } = database();
    proposals.apply(proposed('w2', 'b', 12.5, '2026-09-27T18:00:00Z'));
    proposals.apply(proposed('w1', 'a', 20.1, '2026-09-27T17:00:00Z'));
    // a distance recorded before the proposal (only the walkers' table sees it here)
    fundraisers.apply(distance('w2', 3));
    expect(pendingDistanceProposals(db).map((p) => [p.walkerName, p.teamName, p.km, p.recordedKm])).toEqual([
      ['Ann', 'Zon', 20.1, null],
      ['Bob', 'Zon', 12.5, 3],
    ]);
    expect(distanceProposalOf(db, 'w1')).toMatchObject({ proposalId: 'a', points: 120, status: 'pending' });
  });

  it('settles a proposal when a distance is recorded: accepted when it is the proposed km, replaced otherwise', () => {
    const { db, proposals } = database();
    proposals.apply(proposed('w1', 'a', 20.1));
    proposals.apply(proposed('w2', 'b', 12.5));
    proposals.apply(distance('w1', 20.1));
    proposals.apply(distance('w2', 10));
    expect(distanceProposalOf(db, 'w1')?.status).toBe('accepted');
    expect(distanceProposalOf(db, 'w2')?.status).toBe('replaced');
    expect(pendingDistanceProposals(db)).toEqual([]);
    // a newer track proposes again, and a later record does not touch a settled proposal
    proposals.apply(proposed('w1', 'c', 21));
    expect(distanceProposalOf(db, 'w1')).toMatchObject({ proposalId: 'c', km: 21, status: 'pending' });
  });

  it('ignores the events it does not read and starts again from nothing on reset', () => {
    const { db, proposals } = database();
    proposals.apply(recorded('WalkerStoryChanged', { walkerId: 'w1', story: 'x', changedAt: '2026-09-02' }));
    proposals.apply(proposed('w1', 'a', 20.1));
    proposals.reset();
    expect(distanceProposalOf(db, 'w1')).toBeUndefined();
  });
});

import { type EventStore, loadState } from '@rw/event-store';
import { teamDecider } from './decider';
import { teamStream } from './events';

/**
 * A team's invitation as it stands now (its code is the team's secret: read from its stream, never kept in the read
 * models), for the pages that show the "join this team" link; undefined for an unknown team.
 */
export async function teamInvitation(store: EventStore, teamId: string) {
  const { state } = await loadState(store, teamStream(teamId), teamDecider);
  if (state.status !== 'registered') return undefined;
  const { editionId, joinCode, captainWalkerId, closed } = state;
  return { editionId, joinCode, captainWalkerId, closed };
}

import { type EventStore, loadState } from '@rw/event-store';
import { editionDecider } from './edition/decider';
import { EditionNotFound } from './edition/errors';
import { editionStream } from './edition/events';
import { teamDecider } from './team/decider';
import { TeamNotFound } from './team/errors';
import { teamStream } from './team/events';
import { walkerDecider } from './walker/decider';
import { WalkerNotFound } from './walker/errors';
import { walkerStream } from './walker/events';

export interface Beneficiary {
  type: 'walker' | 'team' | 'edition';
  id: string;
}

/** Where a gift or a pledge counts: its edition, and the team and walker (a walker's gift counts for their team too). */
export interface Attribution {
  editionId: string;
  teamId?: string;
  walkerId?: string;
}

/** Finds who a gift or pledge is for; 404 for a walker who does not walk (any more), a team or an edition unknown. */
export async function attribute(store: EventStore, beneficiary: Beneficiary): Promise<Attribution> {
  switch (beneficiary.type) {
    case 'walker': {
      const { state } = await loadState(store, walkerStream(beneficiary.id), walkerDecider);
      if (state.status !== 'walking') throw new WalkerNotFound(beneficiary.id);
      return { editionId: state.editionId, teamId: state.teamId, walkerId: state.walkerId };
    }
    case 'team': {
      const { state } = await loadState(store, teamStream(beneficiary.id), teamDecider);
      if (state.status !== 'registered') throw new TeamNotFound(beneficiary.id);
      return { editionId: state.editionId, teamId: state.teamId };
    }
    case 'edition': {
      const { state } = await loadState(store, editionStream(beneficiary.id), editionDecider);
      if (state.status === 'none') throw new EditionNotFound(beneficiary.id);
      return { editionId: state.editionId };
    }
    default: {
      const _exhaustive: never = beneficiary.type;
      return _exhaustive;
    }
  }
}

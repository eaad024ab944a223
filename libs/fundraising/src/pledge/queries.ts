import { type EventStore, loadState } from '@rw/event-store';
import { pledgeDecider } from './decider';
import { PledgeNotFound } from './errors';
import { pledgeStream } from './events';

/** What a pledge is now (what is due, and from whom): for its pay page, which starts the sponsor's gift. */
export async function pledgeNow(store: EventStore, pledgeId: string) {
  const { state } = await loadState(store, pledgeStream(pledgeId), pledgeDecider);
  if (state.status === 'none') throw new PledgeNotFound(pledgeId);
  return state;
}

import { type EventStore, loadState } from '@rw/event-store';
import { walkerDecider } from './decider';
import { WalkerNotFound } from './errors';
import { walkerStream } from './events';

/** Where a walker's registration fee stands now (owed, paid, waived, free): for the fee's pay link and result page. */
export async function walkerFeeNow(store: EventStore, walkerId: string) {
  const { state } = await loadState(store, walkerStream(walkerId), walkerDecider);
  if (state.status === 'none') throw new WalkerNotFound(walkerId);
  return state;
}

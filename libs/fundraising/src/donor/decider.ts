import type { Decider } from '@rw/event-store';
import type { DonorEvent } from './events';

export interface EraseDonor {
  type: 'EraseDonor';
  donorId: string;
  /** Account id of the finance member. */
  by: string;
  erasedAt: string;
}

export type DonorCommand = EraseDonor;

export interface DonorState {
  erased: boolean;
}

/** A donor's own stream only records the erasure: once is enough, a repeated request changes nothing. */
export const donorDecider: Decider<DonorCommand, DonorEvent, DonorState> = {
  initialState: { erased: false },
  decide(command, state) {
    if (state.erased) return [];
    return [{ type: 'DonorErased', data: { donorId: command.donorId, erasedAt: command.erasedAt, by: command.by } }];
  },
  evolve(state, event) {
    return event.type === 'DonorErased' ? { erased: true } : state;
  },
};

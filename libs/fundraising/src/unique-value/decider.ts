import type { Decider } from '@rw/event-store';
import type { UniqueValueCommand } from './commands';
import { UniqueValueTaken } from './errors';
import { type UniqueValueEvent, uniqueValueHash } from './events';

export type UniqueValueState = { status: 'free' } | { status: 'claimed'; ownerId: string };

export const uniqueValueDecider: Decider<UniqueValueCommand, UniqueValueEvent, UniqueValueState> = {
  initialState: { status: 'free' },

  decide(command, state) {
    const valueHash = uniqueValueHash(command.scope, command.value);
    switch (command.type) {
      case 'ClaimUniqueValue':
        if (state.status === 'claimed') {
          if (state.ownerId === command.ownerId) return [];
          throw new UniqueValueTaken(command.scope);
        }
        return [
          {
            type: 'UniqueValueClaimed',
            data: { scope: command.scope, valueHash, ownerId: command.ownerId, claimedAt: command.at },
          },
        ];
      case 'ReleaseUniqueValue':
        if (state.status !== 'claimed' || state.ownerId !== command.ownerId) return [];
        return [
          {
            type: 'UniqueValueReleased',
            data: { scope: command.scope, valueHash, ownerId: command.ownerId, releasedAt: command.at },
          },
        ];
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'UniqueValueClaimed':
        return { status: 'claimed', ownerId: event.data.ownerId };
      case 'UniqueValueReleased':
        return { status: 'free' };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};

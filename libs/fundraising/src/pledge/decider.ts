import type { Decider } from '@rw/event-store';
import { checkPerson, MAX_GIFT_CENTS, MIN_GIFT_CENTS, sameFacts } from '../donation/decider';
import { messageEuros } from '@rw/kernel';
import { MAX_KM } from '../walker/decider';
import type { CancelPledge, FulfilPledge, MakePledge, MarkPledgeDue, PledgeCommand } from './commands';
import {
  InvalidPledge,
  NothingDueOnPledge,
  PledgeAlreadyFulfilled,
  PledgeAlreadyMade,
  PledgeNotDue,
  PledgeNotFound,
  PledgeWasCancelled,
  WrongPledgeAmount,
} from './errors';
import type { PledgeEvent, PledgeMade } from './events';

export type PledgeStatus = 'open' | 'due' | 'fulfilled' | 'cancelled';

interface PledgeFacts {
  pledge: PledgeMade['data'];
  /** The distance the due amount was worked out from; null while open. */
  km: number | null;
  /** 0 while open. */
  dueCents: number;
}

/** fulfilled and cancelled are final. */
export type PledgeState =
  | { status: 'none' }
  | (PledgeFacts & { status: 'open' | 'due' | 'cancelled' })
  | (PledgeFacts & { status: 'fulfilled' /** The donation that paid it. */; donationId: string });

type Known = Exclude<PledgeState, { status: 'none' }>;

/**
 * The most a pledge may promise per km: the largest gift spread over 100 km, longer than any walk of the event
 * (1,000.00 EUR per km). Without it one pledge could add tens of millions to what an edition shows as pledged.
 */
export const MAX_PER_KM_CENTS = MAX_GIFT_CENTS / 100;

/**
 * What a pledge asks for a distance. Per km: km times the amount, rounded half up to a whole cent, in integer
 * arithmetic (the distance in hundredths of a km first), then capped by its own cap and by the largest gift (it is
 * paid as one gift).
 */
export function pledgeDueCents(pledge: Pick<PledgeMade['data'], 'kind' | 'amountCents' | 'capCents'>, km: number) {
  if (pledge.kind === 'fixed') return pledge.amountCents;
  const hundredthsTimesAmount = Math.round(km * 100) * pledge.amountCents + 50;
  const dueCents = (hundredthsTimesAmount - (hundredthsTimesAmount % 100)) / 100;
  return Math.min(dueCents, pledge.capCents ?? MAX_GIFT_CENTS, MAX_GIFT_CENTS);
}

export const pledgeDecider: Decider<PledgeCommand, PledgeEvent, PledgeState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'MakePledge') return make(command, state);
    if (state.status === 'none') throw new PledgeNotFound(command.pledgeId);
    switch (command.type) {
      case 'MarkPledgeDue':
        return markDue(command, state);
      case 'FulfilPledge':
        return fulfil(command, state);
      case 'CancelPledge':
        return cancel(command, state);
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'PledgeMade') {
      return { status: 'open', pledge: event.data, km: null, dueCents: 0 };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'PledgeBecameDue':
        return { ...state, status: 'due', km: event.data.km, dueCents: event.data.dueCents };
      case 'PledgeFulfilled':
        return { ...state, status: 'fulfilled', donationId: event.data.donationId };
      case 'PledgeCancelled':
        return { ...state, status: 'cancelled' };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};

function make(command: MakePledge, state: PledgeState): PledgeEvent[] {
  const pledge = pledgeOf(command);
  if (state.status !== 'none') {
    const { madeAt: _before, ...stored } = state.pledge;
    const { madeAt: _now, ...asked } = pledge;
    if (sameFacts(stored, asked)) return [];
    throw new PledgeAlreadyMade(command.pledgeId);
  }
  return [{ type: 'PledgeMade', data: pledge }];
}

function pledgeOf(command: MakePledge): PledgeMade['data'] {
  const { kind, amountCents, capCents, beneficiary } = command;
  if (kind !== 'fixed' && kind !== 'per_km')
    throw new InvalidPledge('a pledge is fixed or per_km', { reason: 'kind_invalid', field: 'kind' });
  if (!Number.isSafeInteger(amountCents))
    throw new InvalidPledge('a pledge is a whole number of cents', {
      reason: 'amount_not_cents',
      field: 'amountCents',
    });
  if (kind === 'fixed' && amountCents < MIN_GIFT_CENTS) {
    throw new InvalidPledge(`a pledge is at least ${messageEuros(MIN_GIFT_CENTS)}`, {
      reason: 'amount_too_small',
      params: { min: MIN_GIFT_CENTS },
      field: 'amountCents',
    });
  }
  if (kind === 'per_km' && amountCents < 1) {
    throw new InvalidPledge('a pledge per km is at least 0.01 EUR per km', {
      reason: 'amount_too_small',
      params: { min: 1 },
      field: 'amountCents',
    });
  }
  if (kind === 'fixed' && amountCents > MAX_GIFT_CENTS) {
    throw new InvalidPledge(`a pledge is at most ${messageEuros(MAX_GIFT_CENTS)}`, {
      reason: 'amount_too_large',
      params: { max: MAX_GIFT_CENTS },
      field: 'amountCents',
    });
  }
  if (kind === 'per_km' && amountCents > MAX_PER_KM_CENTS) {
    throw new InvalidPledge(`a pledge per km is at most ${messageEuros(MAX_PER_KM_CENTS)} per km`, {
      reason: 'amount_too_large',
      params: { max: MAX_PER_KM_CENTS },
      field: 'amountCents',
    });
  }
  if (capCents !== undefined) {
    if (kind !== 'per_km')
      throw new InvalidPledge('only a pledge per km has a cap', { reason: 'cap_not_per_km', field: 'capCents' });
    if (!Number.isSafeInteger(capCents) || capCents < MIN_GIFT_CENTS || capCents > MAX_GIFT_CENTS) {
      throw new InvalidPledge(
        `a cap is a whole number of cents, from ${messageEuros(MIN_GIFT_CENTS)} to ${messageEuros(MAX_GIFT_CENTS)}`,
        { reason: 'cap_out_of_range', params: { min: MIN_GIFT_CENTS, max: MAX_GIFT_CENTS }, field: 'capCents' },
      );
    }
  }
  if (beneficiary.type === 'team' && beneficiary.id !== command.teamId) {
    throw new InvalidPledge(`a pledge to team ${beneficiary.id} counts for that team, not ${command.teamId}`);
  }
  return {
    pledgeId: command.pledgeId,
    editionId: command.editionId,
    beneficiary: { type: beneficiary.type, id: beneficiary.id },
    teamId: command.teamId,
    sponsor: checkPerson(command.sponsor, 'sponsor', InvalidPledge),
    kind,
    amountCents,
    ...(capCents === undefined ? {} : { capCents }),
    ...(command.language === undefined ? {} : { language: command.language }),
    madeAt: command.at,
  };
}

function markDue(command: MarkPledgeDue, state: Known): PledgeEvent[] {
  if (!(Number.isFinite(command.km) && command.km >= 0 && command.km <= MAX_KM)) {
    throw new InvalidPledge(`a distance walked is between 0 and ${MAX_KM} km`, {
      reason: 'distance_out_of_range',
      params: { max: MAX_KM },
      field: 'km',
    });
  }
  const km = Math.round(command.km * 100) / 100;
  switch (state.status) {
    case 'open':
    case 'due':
      break;
    // A paid pledge is settled: a corrected distance does not ask the sponsor again (finance settles any
    // difference by hand). A cancelled one owes nothing. Neither may stop the distance from being recorded.
    case 'fulfilled':
    case 'cancelled':
      return [];
    default: {
      const _exhaustive: never = state;
      return _exhaustive;
    }
  }
  if (state.status === 'due' && km === state.km) return [];
  // At 0 km a pledge per km becomes due for 0.00 EUR: the distance is a fact and the amount follows it. Nothing
  // can be paid on it (see fulfil); it can be cancelled, and a corrected distance makes it due again.
  return [
    {
      type: 'PledgeBecameDue',
      data: { pledgeId: state.pledge.pledgeId, km, dueCents: pledgeDueCents(state.pledge, km), at: command.at },
    },
  ];
}

/**
 * Whether gift `donationId` of `amountCents` may pay the pledge: the one rule read by `FulfilPledge` and by a
 * checkout that names the pledge, before its gift is opened. Throws the refusal; false when that gift has paid it
 * already (nothing to do), true when it pays it now.
 */
export function checkPledgePayment(
  state: PledgeState,
  pledgeId: string,
  donationId: string,
  amountCents: number,
): boolean {
  switch (state.status) {
    case 'none':
      throw new PledgeNotFound(pledgeId);
    case 'fulfilled':
      if (state.donationId === donationId) return false;
      throw new PledgeAlreadyFulfilled(pledgeId, state.donationId, `refund donation ${donationId}`);
    case 'cancelled':
      throw new PledgeWasCancelled(pledgeId);
    case 'open':
      throw new PledgeNotDue(pledgeId);
    case 'due':
      if (state.dueCents === 0) throw new NothingDueOnPledge(pledgeId, state.km ?? 0);
      if (amountCents !== state.dueCents) throw new WrongPledgeAmount(pledgeId, state.dueCents, amountCents);
      return true;
    default: {
      const _exhaustive: never = state;
      return _exhaustive;
    }
  }
}

function fulfil(command: FulfilPledge, state: Known): PledgeEvent[] {
  const { pledgeId } = state.pledge;
  if (!checkPledgePayment(state, pledgeId, command.donationId, command.amountCents)) return [];
  return [
    {
      type: 'PledgeFulfilled',
      data: { pledgeId, donationId: command.donationId, amountCents: command.amountCents, fulfilledAt: command.at },
    },
  ];
}

function cancel(command: CancelPledge, state: Known): PledgeEvent[] {
  const { pledgeId } = state.pledge;
  switch (state.status) {
    case 'open':
    case 'due':
      return [{ type: 'PledgeCancelled', data: { pledgeId, cancelledBy: command.by, cancelledAt: command.at } }];
    case 'fulfilled':
      throw new PledgeAlreadyFulfilled(pledgeId, state.donationId, 'refund that donation instead');
    case 'cancelled':
      return [];
    default: {
      const _exhaustive: never = state;
      return _exhaustive;
    }
  }
}

import type { Decider } from '@rw/event-store';
import { normaliseEmail } from '../account/events';
import { messageEuros, nameProblem, PERSON_NAME_MAX_LENGTH, TARGET_MAX_CENTS, tidyName } from '@rw/kernel';
import type { RegisterWalker, WalkerCommand } from './commands';
import {
  DistanceProposalGone,
  InvalidWalker,
  NoRegistrationFeeDue,
  WalkerAlreadyRegistered,
  WalkerNoLongerWalks,
  WalkerNotFound,
  WrongRegistrationFee,
} from './errors';
import type { WalkerEvent, WalkerRole } from './events';

export const STORY_MAX_LENGTH = 4000;
/** A walker's name is a person's name: the kernel's limit. */
export const WALKER_NAME_MAX_LENGTH = PERSON_NAME_MAX_LENGTH;
/** Far beyond any walk; a larger figure is a typing error. */
export const MAX_KM = 300;

export type FeeStatus = 'pending_fee' | 'paid' | 'waived' | 'free';

export type WalkerState =
  | { status: 'none' }
  | {
      status: 'walking' | 'removed';
      walkerId: string;
      teamId: string;
      editionId: string;
      name: string;
      role: WalkerRole;
      targetCents: number;
      story: string;
      km: number | null;
      /** The distance a walker proposed from a track, until an organiser records a distance. */
      proposal?: { proposalId: string; km: number };
      /** The proposal last accepted, so that accepting it again changes nothing. */
      acceptedProposalId?: string;
      registrationFeeCents: number;
      fee: FeeStatus;
      feePaymentReference?: string;
      /** Whose key seals the walker's personal data (absent for walkers registered before it was sealed). */
      personId?: string;
    };

type Known = Extract<WalkerState, { status: 'walking' | 'removed' }>;

export const walkerDecider: Decider<WalkerCommand, WalkerEvent, WalkerState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'RegisterWalker') {
      if (state.status !== 'none') {
        const name = checkName(command.name);
        if (state.teamId === command.teamId && state.name === name) return [];
        throw new WalkerAlreadyRegistered(command.walkerId);
      }
      const { name, targetCents, story } = checkNewWalker(command);
      return [
        {
          type: 'WalkerRegistered',
          data: {
            walkerId: command.walkerId,
            teamId: command.teamId,
            editionId: command.editionId,
            routeId: command.routeId,
            name,
            email: normaliseEmail(command.email),
            slug: command.slug,
            role: command.role,
            targetCents,
            story,
            registrationFeeCents: command.registrationFeeCents,
            ...(command.language === undefined ? {} : { language: command.language }),
            registeredAt: command.at,
          },
        },
      ];
    }
    if (state.status === 'none') throw new WalkerNotFound(command.walkerId);
    if (state.status === 'removed') {
      if (command.type === 'RemoveWalker') return [];
      throw new WalkerNoLongerWalks(state.name);
    }
    return decideForWalking(command, state);
  },

  evolve(state, event) {
    if (event.type === 'WalkerRegistered') {
      const d = event.data;
      return {
        status: 'walking',
        walkerId: d.walkerId,
        teamId: d.teamId,
        editionId: d.editionId,
        name: d.name,
        role: d.role,
        targetCents: d.targetCents,
        story: d.story,
        km: null,
        registrationFeeCents: d.registrationFeeCents,
        fee: d.registrationFeeCents > 0 ? 'pending_fee' : 'free',
        ...(d.personId === undefined ? {} : { personId: d.personId }),
      };
    }
    if (state.status === 'none') return state;
    switch (event.type) {
      case 'WalkerStoryChanged':
        return { ...state, story: event.data.story };
      case 'WalkerTargetChanged':
        return { ...state, targetCents: event.data.targetCents };
      case 'WalkerDistanceRecorded': {
        // a recorded distance settles any proposal: accepted, or replaced by the organiser's own figure
        const { proposal: _settled, ...rest } = state;
        return {
          ...rest,
          km: event.data.km,
          ...(event.data.proposalId === undefined ? {} : { acceptedProposalId: event.data.proposalId }),
        };
      }
      case 'WalkerDistanceProposed':
        return { ...state, proposal: { proposalId: event.data.proposalId, km: event.data.km } };
      case 'RegistrationFeePaid':
        return { ...state, fee: 'paid', feePaymentReference: event.data.paymentReference };
      case 'RegistrationFeeWaived':
        return { ...state, fee: 'waived' };
      case 'WalkerRemoved':
        return { ...state, status: 'removed' };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};

function decideForWalking(command: Exclude<WalkerCommand, { type: 'RegisterWalker' }>, state: Known): WalkerEvent[] {
  const walkerId = state.walkerId;
  switch (command.type) {
    case 'ChangeWalkerStory': {
      const story = checkStory(command.story);
      return story === state.story
        ? []
        : [
            {
              type: 'WalkerStoryChanged',
              // the person's id lets the store seal the story with their key, as their registration is
              data: { walkerId, story, changedAt: command.at, ...(state.personId ? { personId: state.personId } : {}) },
            },
          ];
    }
    case 'ChangeWalkerTarget':
      checkTarget(command.targetCents, command.walkerMinimumCents);
      return command.targetCents === state.targetCents
        ? []
        : [
            {
              type: 'WalkerTargetChanged',
              data: { walkerId, targetCents: command.targetCents, changedAt: command.at },
            },
          ];
    case 'ProposeDistance': {
      const km = checkKm(command.km);
      if (state.proposal?.proposalId === command.proposalId) return [];
      return [
        {
          type: 'WalkerDistanceProposed',
          data: {
            walkerId,
            teamId: state.teamId,
            proposalId: command.proposalId,
            km,
            source: command.source,
            points: command.points,
            ...(command.durationSeconds === undefined ? {} : { durationSeconds: command.durationSeconds }),
            ...(command.profile === undefined ? {} : { profile: command.profile }),
            proposedAt: command.at,
          },
        },
      ];
    }
    case 'RecordDistance': {
      if (command.proposalId !== undefined) return acceptProposal(command.proposalId, command, state);
      const km = checkKm(command.km);
      if (km === state.km) return [];
      return [
        {
          type: 'WalkerDistanceRecorded',
          data: { walkerId, teamId: state.teamId, km, recordedBy: command.by, recordedAt: command.at },
        },
      ];
    }
    case 'PayRegistrationFee':
      if (state.fee === 'paid' && state.feePaymentReference === command.paymentReference) return [];
      if (state.fee !== 'pending_fee') throw new NoRegistrationFeeDue(state.name);
      if (command.feeCents !== state.registrationFeeCents) {
        throw new WrongRegistrationFee(state.registrationFeeCents, command.feeCents);
      }
      return [
        {
          type: 'RegistrationFeePaid',
          data: {
            walkerId,
            feeCents: command.feeCents,
            paymentReference: command.paymentReference,
            paidAt: command.at,
          },
        },
      ];
    case 'WaiveRegistrationFee':
      if (command.reason.trim() === '') throw new InvalidWalker('say why the fee is waived (for example: refugee)');
      if (state.fee !== 'pending_fee') return [];
      return [
        {
          type: 'RegistrationFeeWaived',
          data: { walkerId, waivedBy: command.by, reason: command.reason.trim(), waivedAt: command.at },
        },
      ];
    case 'RemoveWalker':
      return [
        {
          type: 'WalkerRemoved',
          data: { walkerId, teamId: state.teamId, removedBy: command.by, removedAt: command.at },
        },
      ];
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

/** An organiser accepts the walker's proposal: its km are recorded, once. */
function acceptProposal(proposalId: string, command: { by: string; at: string }, state: Known): WalkerEvent[] {
  if (state.proposal?.proposalId !== proposalId) {
    if (state.acceptedProposalId === proposalId) return [];
    throw new DistanceProposalGone(state.walkerId);
  }
  return [
    {
      type: 'WalkerDistanceRecorded',
      data: {
        walkerId: state.walkerId,
        teamId: state.teamId,
        km: state.proposal.km,
        recordedBy: command.by,
        recordedAt: command.at,
        proposalId,
      },
    },
  ];
}

/** A distance walked, rounded to ten metres. */
function checkKm(raw: number): number {
  if (!(Number.isFinite(raw) && raw >= 0 && raw <= MAX_KM)) {
    throw new InvalidWalker(`a distance walked is between 0 and ${MAX_KM} km`, {
      reason: 'distance_out_of_range',
      params: { max: MAX_KM },
      field: 'km',
    });
  }
  return Math.round(raw * 100) / 100;
}

/**
 * A new walker's name, target (the edition's minimum when none is given) and story, as registering them checks them
 * (InvalidWalker if not): for a use case to refuse before it claims anything. Returns them as they are kept.
 */
export function checkNewWalker(walker: Pick<RegisterWalker, 'name' | 'targetCents' | 'story' | 'walkerMinimumCents'>): {
  name: string;
  targetCents: number;
  story: string;
} {
  const name = checkName(walker.name);
  const targetCents = walker.targetCents ?? walker.walkerMinimumCents;
  checkTarget(targetCents, walker.walkerMinimumCents);
  return { name, targetCents, story: checkStory(walker.story ?? '') };
}

function checkName(raw: string): string {
  const name = tidyName(raw);
  const problem = nameProblem(name, WALKER_NAME_MAX_LENGTH);
  if (problem === 'missing')
    throw new InvalidWalker('a walker needs a name', { reason: 'name_missing', field: 'name' });
  if (problem === 'too_long') {
    throw new InvalidWalker(`a walker's name has at most ${WALKER_NAME_MAX_LENGTH} characters`, {
      reason: 'name_too_long',
      params: { max: WALKER_NAME_MAX_LENGTH },
      field: 'name',
    });
  }
  return name;
}

function checkTarget(targetCents: number, walkerMinimumCents: number): void {
  if (!Number.isSafeInteger(targetCents)) {
    throw new InvalidWalker('a target is a whole number of cents', {
      reason: 'target_not_cents',
      field: 'targetCents',
    });
  }
  if (targetCents > TARGET_MAX_CENTS) {
    throw new InvalidWalker(`a target is at most ${messageEuros(TARGET_MAX_CENTS)}`, {
      reason: 'target_too_high',
      params: { max: TARGET_MAX_CENTS },
      field: 'targetCents',
    });
  }
  if (targetCents < walkerMinimumCents) {
    throw new InvalidWalker(
      `each walker commits to raise at least ${messageEuros(walkerMinimumCents)}: the target cannot be lower`,
      { reason: 'target_below_minimum', params: { min: walkerMinimumCents }, field: 'targetCents' },
    );
  }
}

function checkStory(raw: string): string {
  const story = raw.trim();
  if (story.length > STORY_MAX_LENGTH) {
    throw new InvalidWalker(`a story has at most ${STORY_MAX_LENGTH} characters`, {
      reason: 'story_too_long',
      params: { max: STORY_MAX_LENGTH },
      field: 'story',
    });
  }
  return story;
}

import type { Decider } from '@rw/event-store';
import { messageEuros, nameProblem, TARGET_MAX_CENTS, tidyName } from '@rw/kernel';
import type { AdmitWalker, RegisterTeam, TeamCommand } from './commands';
import {
  CaptainCannotLeave,
  InvalidTeam,
  OnlyTheCaptain,
  TeamAlreadyRegistered,
  TeamClosed,
  TeamFull,
  TeamNotFound,
  WrongJoinCode,
} from './errors';
import type { TeamEvent } from './events';

export const TEAM_NAME_MAX_LENGTH = 80;

export type TeamState =
  | { status: 'none' }
  | {
      status: 'registered';
      teamId: string;
      editionId: string;
      routeId: string;
      name: string;
      slug: string;
      targetCents: number;
      captainWalkerId: string;
      joinCode: string;
      maxWalkers?: number;
      walkerIds: string[];
      closed: boolean;
    };

type Registered = Extract<TeamState, { status: 'registered' }>;

export const teamDecider: Decider<TeamCommand, TeamEvent, TeamState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'RegisterTeam') {
      if (state.status === 'registered') {
        const name = checkName(command.name);
        if (state.captainWalkerId === command.captainWalkerId && state.name === name) return [];
        throw new TeamAlreadyRegistered(command.teamId);
      }
      const name = checkNewTeam(command);
      return [
        {
          type: 'TeamRegistered',
          data: {
            teamId: command.teamId,
            editionId: command.editionId,
            routeId: command.routeId,
            name,
            slug: command.slug,
            targetCents: command.targetCents,
            captainWalkerId: command.captainWalkerId,
            joinCode: command.joinCode,
            ...(command.maxWalkers === undefined ? {} : { maxWalkers: command.maxWalkers }),
            registeredAt: command.at,
          },
        },
        {
          type: 'WalkerAdmittedToTeam',
          data: { teamId: command.teamId, walkerId: command.captainWalkerId, admittedAt: command.at },
        },
      ];
    }
    if (state.status !== 'registered') throw new TeamNotFound(command.teamId);
    return decideForRegistered(command, state);
  },

  evolve(state, event) {
    if (event.type === 'TeamRegistered') {
      const d = event.data;
      return {
        status: 'registered',
        teamId: d.teamId,
        editionId: d.editionId,
        routeId: d.routeId,
        name: d.name,
        slug: d.slug,
        targetCents: d.targetCents,
        captainWalkerId: d.captainWalkerId,
        joinCode: d.joinCode,
        maxWalkers: d.maxWalkers,
        walkerIds: [],
        closed: false,
      };
    }
    if (state.status !== 'registered') return state;
    switch (event.type) {
      case 'TeamRenamed':
        return { ...state, name: event.data.name };
      case 'TeamTargetChanged':
        return { ...state, targetCents: event.data.targetCents };
      case 'WalkerAdmittedToTeam':
        return { ...state, walkerIds: [...state.walkerIds, event.data.walkerId] };
      case 'WalkerRemovedFromTeam':
        return { ...state, walkerIds: state.walkerIds.filter((id) => id !== event.data.walkerId) };
      case 'TeamClosedForJoining':
        return { ...state, closed: true };
      case 'TeamReopenedForJoining':
        return { ...state, closed: false };
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  },
};

function decideForRegistered(command: Exclude<TeamCommand, { type: 'RegisterTeam' }>, state: Registered): TeamEvent[] {
  const teamId = state.teamId;
  switch (command.type) {
    case 'RenameTeam': {
      const name = checkName(command.name);
      return name === state.name ? [] : [{ type: 'TeamRenamed', data: { teamId, name, renamedAt: command.at } }];
    }
    case 'ChangeTeamTarget':
      checkTarget(command.targetCents, command.walkerMinimumCents);
      return command.targetCents === state.targetCents
        ? []
        : [{ type: 'TeamTargetChanged', data: { teamId, targetCents: command.targetCents, changedAt: command.at } }];
    case 'AdmitWalker':
      if (checkAdmission(state, command).alreadyIn) return [];
      return [{ type: 'WalkerAdmittedToTeam', data: { teamId, walkerId: command.walkerId, admittedAt: command.at } }];
    case 'RemoveWalkerFromTeam':
      if (command.by !== state.captainWalkerId) throw new OnlyTheCaptain('remove a walker');
      if (command.walkerId === state.captainWalkerId) throw new CaptainCannotLeave();
      if (!state.walkerIds.includes(command.walkerId)) return [];
      return [
        {
          type: 'WalkerRemovedFromTeam',
          data: { teamId, walkerId: command.walkerId, removedBy: command.by, removedAt: command.at },
        },
      ];
    case 'CloseTeamForJoining':
      if (command.by !== state.captainWalkerId) throw new OnlyTheCaptain('close the team');
      return state.closed ? [] : [{ type: 'TeamClosedForJoining', data: { teamId, closedAt: command.at } }];
    case 'ReopenTeamForJoining':
      if (command.by !== state.captainWalkerId) throw new OnlyTheCaptain('reopen the team');
      return state.closed ? [{ type: 'TeamReopenedForJoining', data: { teamId, reopenedAt: command.at } }] : [];
    default: {
      const _exhaustive: never = command;
      return _exhaustive;
    }
  }
}

/**
 * A new team's name, target and size, as registering it checks them (InvalidTeam if not): for a use case to refuse
 * before it claims anything. Returns the name as it is kept.
 */
export function checkNewTeam(
  team: Pick<RegisterTeam, 'name' | 'targetCents' | 'maxWalkers' | 'walkerMinimumCents'>,
): string {
  const name = checkName(team.name);
  checkTarget(team.targetCents, team.walkerMinimumCents);
  if (team.maxWalkers !== undefined && !(Number.isSafeInteger(team.maxWalkers) && team.maxWalkers >= 1)) {
    throw new InvalidTeam('a team takes at least one walker');
  }
  return name;
}

/**
 * Whether a walker may join the team with this code (TeamNotFound, WrongJoinCode, TeamClosed or TeamFull if not);
 * `alreadyIn` when they are in it already, which admitting them again does not change.
 */
export function checkAdmission(
  state: TeamState,
  admission: Pick<AdmitWalker, 'teamId' | 'walkerId' | 'joinCode'>,
): { team: Registered; alreadyIn: boolean } {
  if (state.status !== 'registered') throw new TeamNotFound(admission.teamId);
  if (state.walkerIds.includes(admission.walkerId)) return { team: state, alreadyIn: true };
  if (admission.joinCode !== state.joinCode) throw new WrongJoinCode();
  if (state.closed) throw new TeamClosed(state.name);
  if (state.maxWalkers !== undefined && state.walkerIds.length >= state.maxWalkers) {
    throw new TeamFull(state.name, state.maxWalkers);
  }
  return { team: state, alreadyIn: false };
}

function checkName(raw: string): string {
  const name = tidyName(raw);
  const problem = nameProblem(name, TEAM_NAME_MAX_LENGTH);
  if (problem === 'missing') throw new InvalidTeam('a team needs a name', { reason: 'name_missing', field: 'name' });
  if (problem === 'too_long') {
    throw new InvalidTeam(`a team name has at most ${TEAM_NAME_MAX_LENGTH} characters`, {
      reason: 'name_too_long',
      params: { max: TEAM_NAME_MAX_LENGTH },
      field: 'name',
    });
  }
  return name;
}

/**
 * A team's target: 0 (the team sets none) or from the least each walker commits to (a team counts its captain's
 * target at least) up to the highest target anyone may set. The minimum is checked when the caller knows it.
 */
function checkTarget(targetCents: number, walkerMinimumCents = 0): void {
  if (!Number.isSafeInteger(targetCents) || targetCents < 0) {
    throw new InvalidTeam('a team target is a whole number of cents, 0 or more', {
      reason: 'target_invalid',
      field: 'targetCents',
    });
  }
  if (targetCents > TARGET_MAX_CENTS) {
    throw new InvalidTeam(`a team target is at most ${messageEuros(TARGET_MAX_CENTS)}`, {
      reason: 'target_too_high',
      params: { max: TARGET_MAX_CENTS },
      field: 'targetCents',
    });
  }
  if (targetCents > 0 && targetCents < walkerMinimumCents) {
    throw new InvalidTeam(
      `a team target is at least what each walker commits to raise, ${messageEuros(walkerMinimumCents)}`,
      { reason: 'target_below_minimum', params: { min: walkerMinimumCents }, field: 'targetCents' },
    );
  }
}

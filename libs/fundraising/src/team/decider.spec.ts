import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { RegisterTeam } from './commands';
import { checkAdmission, checkNewTeam, teamDecider } from './decider';
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
import type { TeamEvent, TeamRegistered } from './events';

const { given } = deciderSpec(teamDecider);
const at = '2026-05-01T12:00:00.000Z';

const register: RegisterTeam = {
  type: 'RegisterTeam',
  teamId: 't1',
  editionId: 'ed1',
  routeId: 'r1',
  name: '  De   Stappers ',
  slug: 'de-stappers',
  targetCents: 500_00,
  captainWalkerId: 'w-captain',
  joinCode: 'JOIN-1234',
  at,
};
const registered: TeamRegistered = {
  type: 'TeamRegistered',
  data: {
    teamId: 't1',
    editionId: 'ed1',
    routeId: 'r1',
    name: 'De Stappers',
    slug: 'de-stappers',
    targetCents: 500_00,
    captainWalkerId: 'w-captain',
    joinCode: 'JOIN-1234',
    registeredAt: at,
  },
};
const captainAdmitted: TeamEvent = {
  type: 'WalkerAdmittedToTeam',
  data: { teamId: 't1', walkerId: 'w-captain', admittedAt: at },
};
const team = [registered, captainAdmitted];
const admitAnna = { type: 'AdmitWalker' as const, teamId: 't1', walkerId: 'w-anna', joinCode: 'JOIN-1234', at };
const annaAdmitted: TeamEvent = {
  type: 'WalkerAdmittedToTeam',
  data: { teamId: 't1', walkerId: 'w-anna', admittedAt: at },
};

describe('team decider', () => {
  describe('registering', () => {
    it('registers a team whose captain is its first walker', () => {
      given([]).when(register).then([registered, captainAdmitted]);
    });

    it('changes nothing when the same registration arrives again', () => {
      given(team).when(register).then([]);
    });

    it('refuses another registration under the same team id', () => {
      given(team)
        .when({ ...register, captainWalkerId: 'w-other' })
        .thenFails(TeamAlreadyRegistered);
    });

    it('refuses an empty name, a name that is too long and a target that is not whole cents', () => {
      given([])
        .when({ ...register, name: '   ' })
        .thenFails(InvalidTeam, /needs a name/);
      given([])
        .when({ ...register, name: 'x'.repeat(81) })
        .thenFails(InvalidTeam, /at most 80/);
      given([])
        .when({ ...register, targetCents: 100.5 })
        .thenFails(InvalidTeam, /whole number of cents/);
      given([])
        .when({ ...register, targetCents: -1 })
        .thenFails(InvalidTeam, /whole number of cents/);
    });

    it('takes a target of 0 (none) or from the walker minimum up to EUR 1,000,000', () => {
      given([])
        .when({ ...register, targetCents: 0, walkerMinimumCents: 100_00 })
        .then([{ ...registered, data: { ...registered.data, targetCents: 0 } }, captainAdmitted]);
      given([])
        .when({ ...register, targetCents: 100_00, walkerMinimumCents: 100_00 })
        .then([{ ...registered, data: { ...registered.data, targetCents: 100_00 } }, captainAdmitted]);
      given([])
        .when({ ...register, targetCents: 99_99, walkerMinimumCents: 100_00 })
        .thenFails(InvalidTeam, /at least what each walker commits to raise, 100\.00 EUR/);
      given([])
        .when({ ...register, targetCents: 1_000_000_01 })
        .thenFails(InvalidTeam, /at most 1000000\.00 EUR/);
      given(team)
        .when({ type: 'ChangeTeamTarget', teamId: 't1', targetCents: 50_00, walkerMinimumCents: 100_00, at })
        .thenFails(InvalidTeam, /at least/);
      given(team)
        .when({ type: 'ChangeTeamTarget', teamId: 't1', targetCents: 2_000_000_00, at })
        .thenFails(InvalidTeam, /at most/);
    });

    it('answers not found for any other command on a team that does not exist', () => {
      given([]).when(admitAnna).thenFails(TeamNotFound);
    });
  });

  describe('renaming and targets', () => {
    it('renames a team, and changes nothing for the same name', () => {
      given(team)
        .when({ type: 'RenameTeam', teamId: 't1', name: 'Stapvoets', at })
        .then([{ type: 'TeamRenamed', data: { teamId: 't1', name: 'Stapvoets', renamedAt: at } }]);
      given(team).when({ type: 'RenameTeam', teamId: 't1', name: ' De Stappers', at }).then([]);
    });

    it('changes the target, and changes nothing for the same target', () => {
      given(team)
        .when({ type: 'ChangeTeamTarget', teamId: 't1', targetCents: 800_00, at })
        .then([{ type: 'TeamTargetChanged', data: { teamId: 't1', targetCents: 800_00, changedAt: at } }]);
      given(team).when({ type: 'ChangeTeamTarget', teamId: 't1', targetCents: 500_00, at }).then([]);
    });
  });

  describe('joining', () => {
    it('admits a walker who has the join code, once', () => {
      given(team).when(admitAnna).then([annaAdmitted]);
      given([...team, annaAdmitted])
        .when(admitAnna)
        .then([]);
    });

    it('refuses a wrong join code', () => {
      given(team)
        .when({ ...admitAnna, joinCode: 'GUESS' })
        .thenFails(WrongJoinCode, /invitation link/);
    });

    it('refuses to admit anyone to a closed team, and admits again once reopened', () => {
      const closed: TeamEvent = { type: 'TeamClosedForJoining', data: { teamId: 't1', closedAt: at } };
      given([...team, closed])
        .when(admitAnna)
        .thenFails(TeamClosed);
      given([...team, closed, { type: 'TeamReopenedForJoining', data: { teamId: 't1', reopenedAt: at } }])
        .when(admitAnna)
        .then([annaAdmitted]);
    });

    it('refuses a walker beyond the team’s maximum', () => {
      const small: TeamRegistered = { ...registered, data: { ...registered.data, maxWalkers: 2 } };
      given([small, captainAdmitted, annaAdmitted])
        .when({ ...admitAnna, walkerId: 'w-bob' })
        .thenFails(TeamFull, /full \(2 walkers\)/);
    });
  });

  describe('removing walkers and closing', () => {
    const remove = { type: 'RemoveWalkerFromTeam' as const, teamId: 't1', walkerId: 'w-anna', by: 'w-captain', at };

    it('lets the captain remove a walker, once', () => {
      const removed: TeamEvent = {
        type: 'WalkerRemovedFromTeam',
        data: { teamId: 't1', walkerId: 'w-anna', removedBy: 'w-captain', removedAt: at },
      };
      given([...team, annaAdmitted])
        .when(remove)
        .then([removed]);
      given([...team, annaAdmitted, removed])
        .when(remove)
        .then([]);
    });

    it('lets only the captain remove a walker, and never the captain', () => {
      given([...team, annaAdmitted])
        .when({ ...remove, by: 'w-anna' })
        .thenFails(OnlyTheCaptain, /remove a walker/);
      given(team)
        .when({ ...remove, walkerId: 'w-captain' })
        .thenFails(CaptainCannotLeave);
    });

    it('lets only the captain close and reopen the team for joining', () => {
      given(team)
        .when({ type: 'CloseTeamForJoining', teamId: 't1', by: 'w-captain', at })
        .then([{ type: 'TeamClosedForJoining', data: { teamId: 't1', closedAt: at } }]);
      given(team).when({ type: 'CloseTeamForJoining', teamId: 't1', by: 'w-anna', at }).thenFails(OnlyTheCaptain);
      given(team).when({ type: 'ReopenTeamForJoining', teamId: 't1', by: 'w-captain', at }).then([]);
    });
  });
});

/** The checks a use case runs before it claims anything are the decider's own: same results, no events. */
describe('team checks without a decision', () => {
  it('a new team: the kept name, or the refusal registering would give', () => {
    expect(checkNewTeam({ name: '  De   Stappers ', targetCents: 0 })).toBe('De Stappers');
    expect(() => checkNewTeam({ name: '   ', targetCents: 0 })).toThrow(InvalidTeam);
    expect(() => checkNewTeam({ name: 'A', targetCents: -1 })).toThrow(InvalidTeam);
    expect(() => checkNewTeam({ name: 'A', targetCents: 1.5 })).toThrow(InvalidTeam);
    expect(() => checkNewTeam({ name: 'A', targetCents: 0, maxWalkers: 0 })).toThrow(InvalidTeam);
  });

  it('an admission: unknown team, wrong code, closed or full team refused; someone already in is no change', () => {
    const team = teamDecider.evolve(teamDecider.initialState, registered);
    const withCaptain = teamDecider.evolve(team, {
      type: 'WalkerAdmittedToTeam',
      data: { teamId: 't1', walkerId: 'w-captain', admittedAt: at },
    });
    const admission = { teamId: 't1', walkerId: 'w-new', joinCode: 'JOIN-1234' };
    expect(() => checkAdmission(teamDecider.initialState, admission)).toThrow(TeamNotFound);
    expect(() => checkAdmission(withCaptain, { ...admission, joinCode: 'nope' })).toThrow(WrongJoinCode);
    expect(checkAdmission(withCaptain, admission).alreadyIn).toBe(false);
    expect(checkAdmission(withCaptain, { ...admission, walkerId: 'w-captain' }).alreadyIn).toBe(true);
    const closed = teamDecider.evolve(withCaptain, {
      type: 'TeamClosedForJoining',
      data: { teamId: 't1', closedAt: at },
    });
    expect(() => checkAdmission(closed, admission)).toThrow(TeamClosed);
    if (withCaptain.status !== 'registered') throw new Error('registered above');
    expect(() => checkAdmission({ ...withCaptain, maxWalkers: 1 }, admission)).toThrow(TeamFull);
  });
});

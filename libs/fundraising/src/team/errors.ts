import { DomainError } from '@rw/event-store';

export class TeamNotFound extends DomainError {
  static override readonly code = 'team_not_found';
  readonly kind = 'not_found';
  constructor(teamId: string) {
    super(`no team ${teamId}`, { params: { teamId } });
  }
}

export class TeamAlreadyRegistered extends DomainError {
  static override readonly code = 'team_already_registered';
  readonly kind = 'conflict';
  constructor(teamId: string) {
    super(`team ${teamId} is already registered`, { params: { teamId } });
  }
}

export class InvalidTeam extends DomainError {
  static override readonly code = 'invalid_team';
  readonly kind = 'invalid';
}

export class WrongJoinCode extends DomainError {
  static override readonly code = 'wrong_join_code';
  readonly kind = 'forbidden';
  constructor() {
    super('that join code does not open this team: ask the captain for the invitation link', { field: 'joinCode' });
  }
}

export class TeamClosed extends DomainError {
  static override readonly code = 'team_closed';
  readonly kind = 'conflict';
  constructor(name: string) {
    super(`team ${name} does not take new walkers any more`, { params: { name } });
  }
}

export class TeamFull extends DomainError {
  static override readonly code = 'team_full';
  readonly kind = 'conflict';
  constructor(name: string, maxWalkers: number) {
    super(`team ${name} is full (${maxWalkers} walkers)`, { params: { name, maxWalkers } });
  }
}

export class OnlyTheCaptain extends DomainError {
  static override readonly code = 'only_the_captain';
  readonly kind = 'forbidden';
  constructor(what: string) {
    super(`only the team's captain can ${what}`, { params: { what } });
  }
}

export class CaptainCannotLeave extends DomainError {
  static override readonly code = 'captain_cannot_leave';
  readonly kind = 'conflict';
  constructor() {
    super('the captain cannot be removed from their own team');
  }
}

import { DomainError } from '@rw/event-store';

export class TeamNotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(teamId: string) {
    super(`no team ${teamId}`);
  }
}

export class TeamAlreadyRegistered extends DomainError {
  readonly kind = 'conflict';
  constructor(teamId: string) {
    super(`team ${teamId} is already registered`);
  }
}

export class InvalidTeam extends DomainError {
  readonly kind = 'invalid';
}

export class WrongJoinCode extends DomainError {
  readonly kind = 'forbidden';
  constructor() {
    super('that join code does not open this team: ask the captain for the invitation link');
  }
}

export class TeamClosed extends DomainError {
  readonly kind = 'conflict';
  constructor(name: string) {
    super(`team ${name} does not take new walkers any more`);
  }
}

export class TeamFull extends DomainError {
  readonly kind = 'conflict';
  constructor(name: string, maxWalkers: number) {
    super(`team ${name} is full (${maxWalkers} walkers)`);
  }
}

export class OnlyTheCaptain extends DomainError {
  readonly kind = 'forbidden';
  constructor(what: string) {
    super(`only the team's captain can ${what}`);
  }
}

export class CaptainCannotLeave extends DomainError {
  readonly kind = 'conflict';
  constructor() {
    super('the captain cannot be removed from their own team');
  }
}

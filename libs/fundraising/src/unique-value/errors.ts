import { DomainError } from '@rw/event-store';

export class UniqueValueTaken extends DomainError {
  static override readonly code = 'unique_value_taken';
  readonly kind = 'conflict';
  constructor(readonly scope: string) {
    super(messageFor(scope), { ...detailsFor(scope), params: { scope } });
  }
}

/** Which value was taken: a team's name or a walker's e-mail address, each the input of one field. */
function detailsFor(scope: string): { reason?: string; field?: string } {
  if (scope.startsWith('team-name:')) return { reason: 'team_name', field: 'name' };
  if (scope.startsWith('walker-email:')) return { reason: 'walker_email', field: 'email' };
  return {};
}

function messageFor(scope: string): string {
  if (scope.startsWith('team-name:')) return 'a team with that name already walks in this edition: choose another name';
  if (scope.startsWith('walker-email:')) {
    return 'that e-mail address already walks in this edition: each walker needs an address of their own';
  }
  return 'that value is already taken';
}

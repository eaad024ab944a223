import { DomainError } from '@rw/event-store';

export class EditionAlreadyExists extends DomainError {
  readonly kind = 'conflict';
  constructor(editionId: string) {
    super(`edition ${editionId} already exists`);
  }
}

export class InvalidEdition extends DomainError {
  readonly kind = 'invalid';
}

export class EditionNotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(editionId: string) {
    super(`no edition ${editionId}`);
  }
}

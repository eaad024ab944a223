import { DomainError } from '@rw/event-store';

export class EditionAlreadyExists extends DomainError {
  static override readonly code = 'edition_already_exists';
  readonly kind = 'conflict';
  constructor(editionId: string) {
    super(`edition ${editionId} already exists`, { params: { editionId } });
  }
}

export class InvalidEdition extends DomainError {
  static override readonly code = 'invalid_edition';
  readonly kind = 'invalid';
}

export class EditionNotFound extends DomainError {
  static override readonly code = 'edition_not_found';
  readonly kind = 'not_found';
  constructor(editionId: string) {
    super(`no edition ${editionId}`, { params: { editionId } });
  }
}

/** Registration ends with the walk: from the day after it, no team registers and no walker joins. */
export class RegistrationClosed extends DomainError {
  static override readonly code = 'registration_closed';
  readonly kind = 'conflict';
  constructor(editionId: string, walkOn: string) {
    super(`registration for edition ${editionId} closed after its walk on ${walkOn}`, { params: { walkOn } });
  }
}

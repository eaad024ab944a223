import { DomainError } from '@rw/event-store';

export class WalkerNotFound extends DomainError {
  static override readonly code = 'walker_not_found';
  readonly kind = 'not_found';
  constructor(walkerId: string) {
    super(`no walker ${walkerId}`, { params: { walkerId } });
  }
}

export class WalkerAlreadyRegistered extends DomainError {
  static override readonly code = 'walker_already_registered';
  readonly kind = 'conflict';
  constructor(walkerId: string) {
    super(`walker ${walkerId} is already registered`, { params: { walkerId } });
  }
}

export class InvalidWalker extends DomainError {
  static override readonly code = 'invalid_walker';
  readonly kind = 'invalid';
}

export class WalkerNoLongerWalks extends DomainError {
  static override readonly code = 'walker_no_longer_walks';
  readonly kind = 'conflict';
  constructor(name: string) {
    super(`${name} was removed from their team`, { params: { name } });
  }
}

export class NoRegistrationFeeDue extends DomainError {
  static override readonly code = 'no_registration_fee_due';
  readonly kind = 'conflict';
  constructor(name: string) {
    super(`${name} owes no registration fee (already paid or waived): this payment must be refunded`, {
      params: { name },
    });
  }
}

export class WrongRegistrationFee extends DomainError {
  static override readonly code = 'wrong_registration_fee';
  readonly kind = 'conflict';
  constructor(expectedCents: number, paidCents: number) {
    super(`the registration fee is ${expectedCents} cents, but ${paidCents} cents were paid`, {
      params: { expectedCents, paidCents },
    });
  }
}

/** The proposal an organiser accepts is no longer the walker's latest: a newer track replaced it, or a distance was recorded. */
export class DistanceProposalGone extends DomainError {
  static override readonly code = 'distance_proposal_gone';
  readonly kind = 'conflict';
  constructor(walkerId: string) {
    super(`walker ${walkerId} has no such distance proposal waiting (replaced or already handled)`, {
      params: { walkerId },
    });
  }
}

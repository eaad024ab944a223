import { DomainError } from '@rw/event-store';
import { messageEuros } from '@rw/kernel';

export class PledgeNotFound extends DomainError {
  readonly kind = 'not_found';
  constructor(pledgeId: string) {
    super(`no pledge ${pledgeId}`);
  }
}

export class InvalidPledge extends DomainError {
  readonly kind = 'invalid';
}

export class PledgeAlreadyMade extends DomainError {
  readonly kind = 'conflict';
  constructor(pledgeId: string) {
    super(`pledge ${pledgeId} already exists with other details: make a new pledge instead`);
  }
}

export class PledgeNotDue extends DomainError {
  readonly kind = 'conflict';
  constructor(pledgeId: string) {
    super(`pledge ${pledgeId} is not due yet: it becomes due once the distance walked is recorded`);
  }
}

export class NothingDueOnPledge extends DomainError {
  readonly kind = 'conflict';
  constructor(pledgeId: string, km: number) {
    super(`pledge ${pledgeId} is due for 0.00 EUR (${km} km walked): there is nothing to pay; cancel it instead`);
  }
}

export class WrongPledgeAmount extends DomainError {
  readonly kind = 'conflict';
  constructor(pledgeId: string, dueCents: number, paidCents: number) {
    super(`pledge ${pledgeId} is due for ${messageEuros(dueCents)}, not ${messageEuros(paidCents)}`);
  }
}

export class PledgeAlreadyFulfilled extends DomainError {
  readonly kind = 'conflict';
  constructor(pledgeId: string, donationId: string, what: string) {
    super(`pledge ${pledgeId} was already paid by donation ${donationId}: ${what}`);
  }
}

export class PledgeWasCancelled extends DomainError {
  readonly kind = 'conflict';
  constructor(pledgeId: string) {
    super(`pledge ${pledgeId} was cancelled and takes no payment: refund the gift or give it without the pledge`);
  }
}

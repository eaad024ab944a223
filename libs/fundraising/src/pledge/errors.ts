import { DomainError } from '@rw/event-store';
import { messageEuros } from '@rw/kernel';

export class PledgeNotFound extends DomainError {
  static override readonly code = 'pledge_not_found';
  readonly kind = 'not_found';
  constructor(pledgeId: string) {
    super(`no pledge ${pledgeId}`, { params: { pledgeId } });
  }
}

export class InvalidPledge extends DomainError {
  static override readonly code = 'invalid_pledge';
  readonly kind = 'invalid';
}

export class PledgeAlreadyMade extends DomainError {
  static override readonly code = 'pledge_already_made';
  readonly kind = 'conflict';
  constructor(pledgeId: string) {
    super(`pledge ${pledgeId} already exists with other details: make a new pledge instead`, { params: { pledgeId } });
  }
}

export class PledgeNotDue extends DomainError {
  static override readonly code = 'pledge_not_due';
  readonly kind = 'conflict';
  constructor(pledgeId: string) {
    super(`pledge ${pledgeId} is not due yet: it becomes due once the distance walked is recorded`, {
      params: { pledgeId },
    });
  }
}

export class NothingDueOnPledge extends DomainError {
  static override readonly code = 'nothing_due_on_pledge';
  readonly kind = 'conflict';
  constructor(pledgeId: string, km: number) {
    super(`pledge ${pledgeId} is due for 0.00 EUR (${km} km walked): there is nothing to pay; cancel it instead`, {
      params: { pledgeId, km },
    });
  }
}

export class WrongPledgeAmount extends DomainError {
  static override readonly code = 'wrong_pledge_amount';
  readonly kind = 'conflict';
  constructor(pledgeId: string, dueCents: number, paidCents: number) {
    super(`pledge ${pledgeId} is due for ${messageEuros(dueCents)}, not ${messageEuros(paidCents)}`, {
      params: { pledgeId, dueCents, paidCents },
    });
  }
}

export class PledgeAlreadyFulfilled extends DomainError {
  static override readonly code = 'pledge_already_fulfilled';
  readonly kind = 'conflict';
  constructor(pledgeId: string, donationId: string, what: string) {
    super(`pledge ${pledgeId} was already paid by donation ${donationId}: ${what}`, {
      params: { pledgeId, donationId, what },
    });
  }
}

export class PledgeWasCancelled extends DomainError {
  static override readonly code = 'pledge_was_cancelled';
  readonly kind = 'conflict';
  constructor(pledgeId: string) {
    super(`pledge ${pledgeId} was cancelled and takes no payment: refund the gift or give it without the pledge`, {
      params: { pledgeId },
    });
  }
}

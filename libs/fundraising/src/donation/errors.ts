import { DomainError } from '@rw/event-store';
import { messageEuros } from '@rw/kernel';

export class DonationNotFound extends DomainError {
  static override readonly code = 'donation_not_found';
  readonly kind = 'not_found';
  constructor(donationId: string) {
    super(`no donation ${donationId}`, { params: { donationId } });
  }
}

export class InvalidDonation extends DomainError {
  static override readonly code = 'invalid_donation';
  readonly kind = 'invalid';
}

export class DonationAlreadyCreated extends DomainError {
  static override readonly code = 'donation_already_created';
  readonly kind = 'conflict';
  constructor(donationId: string) {
    super(`donation ${donationId} already exists with other details: start a new donation instead`, {
      params: { donationId },
    });
  }
}

export class DonationAlreadySettled extends DomainError {
  static override readonly code = 'donation_already_settled';
  readonly kind = 'conflict';
  constructor(donationId: string, settlement: string, outcome: string) {
    super(
      `donation ${donationId} is already ${settlement} and cannot become ${outcome}: check the payment at the provider`,
      { params: { donationId, settlement, outcome } },
    );
  }
}

export class DonationNotPaid extends DomainError {
  static override readonly code = 'donation_not_paid';
  readonly kind = 'conflict';
  constructor(
    donationId: string,
    readonly status: string,
    consequence: string,
  ) {
    super(`donation ${donationId} is ${status}, not paid: ${consequence}`, {
      params: { donationId, status, consequence },
    });
  }
}

export class NotAMonthlyDonation extends DomainError {
  static override readonly code = 'not_a_monthly_donation';
  readonly kind = 'invalid';
  constructor(donationId: string, what: string) {
    super(`donation ${donationId} is a one-off gift: only a monthly donation can ${what}`, {
      params: { donationId, what },
    });
  }
}

export class RefundExceedsPaid extends DomainError {
  static override readonly code = 'refund_exceeds_paid';
  readonly kind = 'conflict';
  constructor(donationId: string, leftCents: number, askedCents: number) {
    super(
      leftCents === 0
        ? `donation ${donationId} has nothing left to refund (0.00 EUR): it was refunded or charged back in full`
        : `donation ${donationId} has only ${messageEuros(leftCents)} left to refund, not ${messageEuros(askedCents)}`,
      { params: { donationId, leftCents, askedCents } },
    );
  }
}

export class ChargebackExceedsPaid extends DomainError {
  static override readonly code = 'chargeback_exceeds_paid';
  readonly kind = 'conflict';
  constructor(donationId: string, leftCents: number, askedCents: number) {
    super(
      `donation ${donationId} has only ${messageEuros(leftCents)} paid that was not charged back yet, not ${messageEuros(askedCents)}: check the charge-back at the provider`,
      { params: { donationId, leftCents, askedCents } },
    );
  }
}

export class UnknownCharge extends DomainError {
  static override readonly code = 'unknown_charge';
  readonly kind = 'invalid';
  constructor(donationId: string, chargeId: string) {
    super(`donation ${donationId} has no payment ${chargeId}: name one of the charges in its history`, {
      params: { donationId, chargeId },
    });
  }
}

import type { DomainEvent } from '@rw/event-store';
import type { MailLanguage } from '../language';

export type DonationFrequency = 'one_off' | 'monthly';

export interface DonationBeneficiary {
  type: 'walker' | 'team' | 'edition';
  id: string;
}

/**
 * What a reader of a money event needs of its gift, so that no projection keeps a copy of every gift to learn it:
 * the decider copies it from the gift as created. Never personal data (the donor stays on DonationCreated only).
 * Events written before it lack it; reading them through the event store's upcasters fills it in from the
 * DonationCreated of their stream (see `donationUpcasters`).
 */
export interface GiftFacts {
  editionId: string;
  beneficiary: DonationBeneficiary;
  /** The team the money counts for (a gift to a walker counts for the walker's team too). */
  teamId?: string;
  walkerId?: string;
  frequency: DonationFrequency;
  /** sandbox, stripe, mollie, offline, import, bank_transfer. */
  provider: string;
  /** Offline gifts: the day the organiser received the money (the day the money moved, for the books). */
  receivedOn?: string;
}

/** Personal data (GDPR): erasable on request, see DESIGN.md section 3. */
export interface Donor {
  /** The name as shown (first names then surname when those were given apart). */
  name: string;
  /** Given apart when a tax certificate is asked (Belcotax zones 2.13 and 2.114); absent on older events. */
  surname?: string;
  firstNames?: string;
  /**
   * Normalised: trimmed, lower case. A donor is identified by this address. Empty on a gift an organiser recorded
   * without one (cash from a collection jar): nobody to write to, and no tax certificate.
   */
  email: string;
  /** Postal address, for a tax certificate (attest 281.71). */
  address?: DonorAddress;
  /** Belgian national register number, 11 digits, given when the donor wants a tax certificate. */
  nationalNumber?: string;
  /** Set by the personal-data vault on read: the donor's random id, stable while their key exists. */
  donorId?: string;
  /** The donor's key was deleted: name and e-mail are blank, the rest absent. */
  erased?: boolean;
}

export interface DonorAddress {
  street: string;
  postalCode: string;
  city: string;
  /** ISO 3166-1 alpha-2, "BE" when absent. */
  country?: string;
}

/** A gift an organiser received in person or on the charity's account, outside any payment provider. */
export interface OfflineReceipt {
  /** Account id of the organiser or finance member who records it. */
  by: string;
  method: 'cash' | 'bank_transfer';
  /** YYYY-MM-DD: the day the money came in. */
  receivedOn: string;
  /** Bank statement line, structured communication, receipt number… */
  reference?: string;
  /** Cash a walker collected from others and paid in: counts as raised, never on a tax certificate. */
  collective?: boolean;
}

export type DonationCreated = DomainEvent<
  'DonationCreated',
  {
    donationId: string;
    editionId: string;
    beneficiary: DonationBeneficiary;
    /** The team the gift counts for (a gift to a walker counts for the walker's team too). */
    teamId?: string;
    walkerId?: string;
    /** For a monthly donation: the amount of each month. With covered fees, the whole charge (gift and fees). */
    amountCents: number;
    /**
     * Of amountCents, what the donor added to cover the provider's estimated fee for the method (FEE_ESTIMATES),
     * computed by the platform, never chosen by the donor. All of it is given: it counts as raised and on a tax
     * certificate like the rest. Absent when the donor did not cover the fees (and on older events).
     */
    coverFeesCents?: number;
    frequency: DonationFrequency;
    donor: Donor;
    message?: string;
    /** Shown as "anonymous" and without an amount on the supporters wall. */
    anonymous: boolean;
    /** sandbox, stripe, mollie, offline or import. */
    provider: string;
    /** bancontact, ideal, creditcard, …: what the donor chose, when known. */
    method?: string;
    /** The pledge this gift pays. */
    pledgeId?: string;
    recordedOffline?: OfflineReceipt;
    /** The language of the mails it starts; 'nl' when absent (events from before languages). */
    language?: MailLanguage;
    createdAt: string;
  }
>;
/** The provider's checkout for this gift: where the donor pays, and the provider's id of it (for reconciliation). */
export type DonationCheckoutOpened = DomainEvent<
  'DonationCheckoutOpened',
  { donationId: string; providerReference: string; checkoutUrl: string; openedAt: string }
>;
/**
 * The provider's fee on one payment (it can arrive after the payment). A cost for the books, never out of a raised
 * amount; a fee the provider keeps on a refund stays a cost.
 */
export type ProviderFeeRecorded = DomainEvent<
  'ProviderFeeRecorded',
  { donationId: string; providerPaymentId: string; feeCents: number; recordedAt: string; gift?: GiftFacts }
>;
/** The first payment: the whole gift for a one-off donation, the first month for a monthly one. */
export type DonationPaid = DomainEvent<
  'DonationPaid',
  {
    donationId: string;
    amountCents: number;
    providerReference: string;
    paidAt: string;
    /** Of amountCents, the part the donor added to cover the fees (as on DonationCreated), when all of it came in. */
    coverFeesCents?: number;
    /**
     * The gift had been recorded with this final outcome when the provider said the money arrived after all (a
     * retry in the same checkout after a decline, a late bank transfer): the money counts, and finance can see it.
     */
    afterOutcome?: 'failed' | 'expired' | 'canceled';
    /** YYYY-MM-DD, when only the day is known: the value date of the bank statement line that paid it. */
    paidOn?: string;
    /** Absent on events from before money events said what they count for: filled in on read (upcasters). */
    gift?: GiftFacts;
    /**
     * The pledge this gift pays (as its DonationCreated says), so that the reaction fulfilling it needs no other
     * read. Absent on payments recorded before the fulfilment became a reaction: those fulfilled their pledge in
     * the same request.
     */
    pledgeId?: string;
  }
>;
/**
 * One attempt inside a checkout that is still open was declined (a card refused); the donor may try again in the
 * same checkout and pay, so the gift stays pending. The reason is shown on the result page.
 */
export type DonationPaymentAttemptFailed = DomainEvent<
  'DonationPaymentAttemptFailed',
  { donationId: string; providerReference: string; reason?: string; failedAt: string }
>;
/**
 * The provider reported something that cannot follow what we recorded (a payment said failed after it was paid,
 * a charge-back larger than what is left). Nothing is counted or undone: finance looks into it. Recorded once per
 * provider id and report, so a provider retrying its webhook is answered 200 and flags nothing new.
 */
export type DonationFlaggedForFinance = DomainEvent<
  'DonationFlaggedForFinance',
  {
    donationId: string;
    /** The provider's id the report is about (payment, refund, charge-back). */
    providerReference: string;
    /** What the provider reported: failed, expired, canceled, ChargedBack, … */
    reported: string;
    /** What the gift was when the report came. */
    recordedStatus: string;
    /** Why it could not be applied, in a sentence for finance. */
    problem: string;
    flaggedAt: string;
  }
>;
export type DonationFailed = DomainEvent<
  'DonationFailed',
  { donationId: string; providerReference: string; reason?: string; failedAt: string }
>;
export type DonationExpired = DomainEvent<
  'DonationExpired',
  { donationId: string; providerReference: string; expiredAt: string }
>;
/** The donor left the checkout (provider's word "canceled"); not a monthly donation being stopped. */
export type DonationCanceled = DomainEvent<
  'DonationCanceled',
  { donationId: string; providerReference: string; canceledAt: string }
>;
/** A later month of a monthly donation, paid. */
export interface MonthlyCharge {
  donationId: string;
  /** The provider's id of this month's payment. */
  chargeId: string;
  amountCents: number;
  /** Of amountCents, the part the donor added to cover the fees, when the month came in whole. */
  coverFeesCents?: number;
  providerReference: string;
  paidAt: string;
  /** Absent on events from before money events said what they count for: filled in on read (upcasters). */
  gift?: GiftFacts;
}
/** Each one counts as a gift. */
export type MonthlyChargePaid = DomainEvent<'MonthlyChargePaid', MonthlyCharge>;
/**
 * Money of a month that came in after the monthly donation was cancelled (the provider's subscription was not
 * stopped in time). It was received, so it is recorded, but apart: finance decides whether to refund it.
 */
export type MonthlyChargePaidAfterCancellation = DomainEvent<'MonthlyChargePaidAfterCancellation', MonthlyCharge>;
export type MonthlyDonationCancelled = DomainEvent<
  'MonthlyDonationCancelled',
  /** provider: the provider ended the subscription itself (a mandate revoked, payments failing). */
  { donationId: string; cancelledBy: 'donor' | 'finance' | 'provider'; cancelledAt: string }
>;
export type DonationRefunded = DomainEvent<
  'DonationRefunded',
  {
    donationId: string;
    refundId: string;
    amountCents: number;
    refundedAt: string;
    /**
     * The payment given back: the provider's reference of the first payment or a monthly charge's chargeId.
     * Absent in events from before refunds named their charge (they gave back the first payment).
     */
    chargeId?: string;
    /** Absent on events from before money events said what they count for: filled in on read (upcasters). */
    gift?: GiftFacts;
  }
>;
/** A refund counted earlier failed at the provider after all (Stripe's refund.failed): the money stayed with us. */
export type DonationRefundReversed = DomainEvent<
  'DonationRefundReversed',
  { donationId: string; refundId: string; amountCents: number; reversedAt: string; gift?: GiftFacts }
>;
/** The donor's bank took the money back (a dispute). */
export type DonationChargedBack = DomainEvent<
  'DonationChargedBack',
  { donationId: string; chargebackId: string; amountCents: number; chargedBackAt: string; gift?: GiftFacts }
>;
/** A charge-back given back (a won dispute, a reversed Mollie chargeback): the money counts again. */
export type DonationChargebackReversed = DomainEvent<
  'DonationChargebackReversed',
  { donationId: string; chargebackId: string; amountCents: number; reversedAt: string; gift?: GiftFacts }
>;

export type DonationEvent =
  | DonationCreated
  | DonationCheckoutOpened
  | ProviderFeeRecorded
  | DonationPaid
  | DonationFailed
  | DonationExpired
  | DonationCanceled
  | MonthlyChargePaid
  | MonthlyChargePaidAfterCancellation
  | MonthlyDonationCancelled
  | DonationRefunded
  | DonationChargedBack
  | DonationPaymentAttemptFailed
  | DonationFlaggedForFinance
  | DonationRefundReversed
  | DonationChargebackReversed;

export const donationEventTypes: readonly DonationEvent['type'][] = [
  'DonationCreated',
  'DonationCheckoutOpened',
  'ProviderFeeRecorded',
  'DonationPaid',
  'DonationFailed',
  'DonationExpired',
  'DonationCanceled',
  'MonthlyChargePaid',
  'MonthlyChargePaidAfterCancellation',
  'MonthlyDonationCancelled',
  'DonationRefunded',
  'DonationChargedBack',
  'DonationPaymentAttemptFailed',
  'DonationFlaggedForFinance',
  'DonationRefundReversed',
  'DonationChargebackReversed',
];

/** The events that move money (or its fee): each says what it counts for (`gift`). */
export const donationMoneyEventTypes = [
  'DonationPaid',
  'MonthlyChargePaid',
  'MonthlyChargePaidAfterCancellation',
  'DonationRefunded',
  'DonationRefundReversed',
  'DonationChargedBack',
  'DonationChargebackReversed',
  'ProviderFeeRecorded',
] as const satisfies readonly DonationEvent['type'][];

export type DonationMoneyEvent = Extract<DonationEvent, { type: (typeof donationMoneyEventTypes)[number] }>;

export const donationStream = (donationId: string) => `donation-${donationId}`;

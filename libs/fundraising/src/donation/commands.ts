import type { MailLanguage } from '../language';
import type { DonationBeneficiary, DonationFrequency, Donor, OfflineReceipt } from './events';

export interface CreateDonation {
  type: 'CreateDonation';
  donationId: string;
  editionId: string;
  beneficiary: DonationBeneficiary;
  /** Resolved by the handler (a walker's team) so that team totals include gifts to its walkers. */
  teamId?: string;
  walkerId?: string;
  /** What is charged: the gift, and the covered fees when the donor adds them. */
  amountCents: number;
  /** Of amountCents, what covers the provider's estimated fee (computed from FEE_ESTIMATES by the platform). */
  coverFeesCents?: number;
  frequency: DonationFrequency;
  donor: Donor;
  message?: string;
  anonymous: boolean;
  /** sandbox, stripe, mollie, offline or import. */
  provider: string;
  method?: string;
  pledgeId?: string;
  /** Present when an organiser records money already received: the gift is paid at once. */
  recordedOffline?: OfflineReceipt;
  /** The language of the mails it starts; 'nl' when absent. */
  language?: MailLanguage;
  at: string;
}

/** The provider opened a checkout for the gift; the same checkout again changes nothing. */
export interface RecordCheckout {
  type: 'RecordCheckout';
  donationId: string;
  providerReference: string;
  checkoutUrl: string;
  at: string;
}

/** The provider's fee on one payment; the same fee again changes nothing, another one corrects it. */
export interface RecordProviderFee {
  type: 'RecordProviderFee';
  donationId: string;
  providerPaymentId: string;
  feeCents: number;
  at: string;
}

export type SettlementOutcome = 'paid' | 'failed' | 'expired' | 'canceled';

/** What the payment provider says became of the first payment (webhook, or the sandbox's settle call). */
export interface SettleDonation {
  type: 'SettleDonation';
  donationId: string;
  outcome: SettlementOutcome;
  providerReference: string;
  /** What actually came in, when the provider says (a bank transfer of another amount); the gift's amount otherwise. */
  receivedCents?: number;
  /** YYYY-MM-DD: the day the money counts as received, when that is all the provider says (a bank's value date). */
  paidOn?: string;
  reason?: string;
  at: string;
}

export interface RecordMonthlyCharge {
  type: 'RecordMonthlyCharge';
  donationId: string;
  /** The provider's id of this month's payment: the same charge reported twice is recorded once. */
  chargeId: string;
  amountCents: number;
  providerReference: string;
  at: string;
}

export interface CancelMonthlyDonation {
  type: 'CancelMonthlyDonation';
  donationId: string;
  by: 'donor' | 'finance' | 'provider';
  at: string;
}

export interface RefundDonation {
  type: 'RefundDonation';
  donationId: string;
  refundId: string;
  /** The payment given back (first payment's provider reference or a monthly chargeId); the first when absent. */
  chargeId?: string;
  /** Everything still refundable when absent. */
  amountCents?: number;
  at: string;
}

export interface RecordChargeback {
  type: 'RecordChargeback';
  donationId: string;
  chargebackId: string;
  amountCents: number;
  at: string;
}

/** A declined attempt inside a checkout that is still open. */
export interface RecordPaymentAttemptFailure {
  type: 'RecordPaymentAttemptFailure';
  donationId: string;
  providerReference: string;
  reason?: string;
  at: string;
}

/** A refund counted earlier failed at the provider. */
export interface RecordRefundFailure {
  type: 'RecordRefundFailure';
  donationId: string;
  refundId: string;
  amountCents: number;
  at: string;
}

/** A charge-back given back to the charity. */
export interface RecordChargebackReversal {
  type: 'RecordChargebackReversal';
  donationId: string;
  chargebackId: string;
  amountCents: number;
  at: string;
}

/** A provider's report that cannot be applied, for finance to look into. */
export interface FlagForFinance {
  type: 'FlagForFinance';
  donationId: string;
  providerReference: string;
  reported: string;
  problem: string;
  at: string;
}

export type DonationCommand =
  | FlagForFinance
  | RecordPaymentAttemptFailure
  | RecordRefundFailure
  | RecordChargebackReversal
  | RecordCheckout
  | RecordProviderFee
  | CreateDonation
  | SettleDonation
  | RecordMonthlyCharge
  | CancelMonthlyDonation
  | RefundDonation
  | RecordChargeback;

import type { DonationEvent } from './events';

export interface DonationHistoryEntry {
  /** What happened, in the event's words: created, paid, monthly_charge_paid, refunded, … */
  what: string;
  at: string;
  amountCents?: number;
}

/**
 * A gift's status history for its donor and for finance (a monthly gift's charges, refunds, its stop), from its
 * events. Never personal data, never the provider's ids (finance sees them in GET /api/donations/:id/charges).
 */
export function donationHistory(events: DonationEvent[]): DonationHistoryEntry[] {
  return events.flatMap((event): DonationHistoryEntry[] => {
    switch (event.type) {
      case 'DonationCreated':
        return [{ what: 'created', at: event.data.createdAt, amountCents: event.data.amountCents }];
      case 'DonationCheckoutOpened':
      case 'ProviderFeeRecorded':
        return [];
      case 'DonationPaid':
        return [
          {
            what: event.data.afterOutcome ? `paid_after_${event.data.afterOutcome}` : 'paid',
            at: event.data.paidAt,
            amountCents: event.data.amountCents,
          },
        ];
      case 'DonationPaymentAttemptFailed':
        return [{ what: 'attempt_declined', at: event.data.failedAt }];
      case 'DonationFlaggedForFinance':
        return [{ what: 'flagged_for_finance', at: event.data.flaggedAt }];
      case 'DonationFailed':
        return [{ what: 'failed', at: event.data.failedAt }];
      case 'DonationExpired':
        return [{ what: 'expired', at: event.data.expiredAt }];
      case 'DonationCanceled':
        return [{ what: 'canceled', at: event.data.canceledAt }];
      case 'MonthlyChargePaid':
        return [
          {
            what: 'monthly_charge_paid',
            at: event.data.paidAt,
            amountCents: event.data.amountCents,
          },
        ];
      case 'MonthlyChargePaidAfterCancellation':
        return [
          {
            what: 'monthly_charge_paid_after_stop',
            at: event.data.paidAt,
            amountCents: event.data.amountCents,
          },
        ];
      case 'MonthlyDonationCancelled':
        return [{ what: `stopped_by_${event.data.cancelledBy}`, at: event.data.cancelledAt }];
      case 'DonationRefunded':
        return [
          {
            what: 'refunded',
            at: event.data.refundedAt,
            amountCents: event.data.amountCents,
          },
        ];
      case 'DonationRefundReversed':
        return [{ what: 'refund_failed', at: event.data.reversedAt, amountCents: event.data.amountCents }];
      case 'DonationChargedBack':
        return [{ what: 'charged_back', at: event.data.chargedBackAt, amountCents: event.data.amountCents }];
      case 'DonationChargebackReversed':
        return [{ what: 'charge_back_reversed', at: event.data.reversedAt, amountCents: event.data.amountCents }];
      default: {
        const _exhaustive: never = event;
        return _exhaustive;
      }
    }
  });
}

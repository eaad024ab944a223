import type { DatabaseSync } from 'node:sqlite';
import { hasPaidMonthlyGifts, isRecordedProviderPayment } from '@rw/read-models';

/** Lookups a minute of payments new to us (a monthly gift's next charge): far above a month's real charges. */
export const UNKNOWN_PAYMENT_LOOKUPS_PER_MINUTE = 30;
/** Payments found not to be ours, remembered so that the same id posted again costs no call. */
const REMEMBERED_FOREIGN = 10_000;

export type GateAnswer = 'ours' | 'maybe_ours' | 'not_ours' | 'over_budget';

/**
 * Whether a webhook naming only a payment id (Mollie's) is worth a call to the provider. A payment we recorded (a
 * checkout, a charge) is; one new to us can only be a monthly gift's next charge, so it is worth a call only while
 * some monthly gift was paid through that provider, only if it was not already found foreign, and within a budget
 * a minute (Mollie delivers again later, and reconciliation lists subscription charges anyway). Anything else is
 * answered without a call, so posting made-up ids costs the platform an indexed lookup, not an API call.
 */
export class PaymentGate {
  private readonly foreign = new Set<string>();
  private window = { startedAt: 0, lookups: 0 };

  constructor(
    private readonly db: () => DatabaseSync,
    private readonly now: () => number = Date.now,
  ) {}

  check(provider: string, paymentId: string): GateAnswer {
    if (isRecordedProviderPayment(this.db(), paymentId)) return 'ours';
    if (this.foreign.has(paymentId) || !hasPaidMonthlyGifts(this.db(), provider)) return 'not_ours';
    const now = this.now();
    if (now - this.window.startedAt >= 60_000) this.window = { startedAt: now, lookups: 0 };
    if (this.window.lookups >= UNKNOWN_PAYMENT_LOOKUPS_PER_MINUTE) return 'over_budget';
    this.window.lookups++;
    return 'maybe_ours';
  }

  /** The provider said the payment does not exist, or that it is not one of ours. */
  notOurs(paymentId: string): void {
    if (this.foreign.size >= REMEMBERED_FOREIGN) {
      const oldest = this.foreign.values().next().value;
      if (oldest !== undefined) this.foreign.delete(oldest);
    }
    this.foreign.add(paymentId);
  }
}

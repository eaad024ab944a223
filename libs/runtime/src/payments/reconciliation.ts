import { giftsToReconcile } from '@rw/read-models';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EffectClaims } from '@rw/event-store';
import { ApplyPaymentFactsCommand } from '@rw/fundraising';
import { PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock, LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';

/** How far a round is: `checked` of the `of` gifts it looks up. */
export type RoundProgress = (checked: number, of: number) => void;

export interface ReconciliationReport {
  checked: number;
  changed: number;
  failed: number;
}

/**
 * Webhooks get lost. Every RECONCILE_EVERY_MINUTES, each gift still pending RECONCILE_PENDING_AFTER_MINUTES after
 * it was created, each paid gift whose provider fee is still unknown, and each gift paid in the last
 * RECONCILE_PAID_WITHIN_DAYS (refunds and charge-backs made in the provider's dashboard) is looked up at its
 * provider, and what the provider knows goes through the same idempotent path as a webhook.
 * `./run cli reconcile` runs one round by hand.
 *
 * Every instance keeps the timer, but a scheduled round is claimed in the event store first
 * (`effect-reconciliation-<provider>-<start of the round>`, see EffectClaims): of several instances exactly one
 * runs each round. A round by hand is not claimed: whoever asks for it gets it.
 */
@Injectable()
export class Reconciliation implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<ReconciliationReport> | undefined;

  constructor(
    private readonly config: PlatformConfig,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly claims: EffectClaims,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    if (this.provider.name === 'sandbox' || this.config.RECONCILE_EVERY_MINUTES === 0) return;
    this.timer = setInterval(() => void this.scheduledRound(), this.config.RECONCILE_EVERY_MINUTES * 60_000);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /**
   * One round; a round already under way is joined, not started twice. `progress` hears how many of the gifts to
   * look up have been looked up (the CLI draws it).
   */
  runOnce(progress?: RoundProgress): Promise<ReconciliationReport> {
    this.running ??= this.round(progress).finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /**
   * The round of the current period (RECONCILE_EVERY_MINUTES long, counted from the epoch), unless another
   * instance has run it or is running it. Returns the report, or null when the round was not this instance's.
   */
  async scheduledRound(): Promise<ReconciliationReport | null> {
    const period = this.config.RECONCILE_EVERY_MINUTES * 60_000;
    if (period === 0) return null;
    const start = new Date(Math.floor(this.clock().getTime() / period) * period).toISOString();
    let report: ReconciliationReport | null = null;
    // held for the whole period: a slow round is not started a second time by another instance
    const outcome = await this.claims.once(
      `reconciliation-${this.provider.name}-${start}`,
      async () => {
        report = await this.runOnce();
      },
      { leaseMs: period },
    );
    // a failed round is not retried before the next one: the next one looks at the same gifts
    if (outcome.status === 'failed') this.logger.warn({ error: outcome.error, start }, 'reconciliation round failed');
    return report;
  }

  private async round(progress: RoundProgress = () => {}): Promise<ReconciliationReport> {
    // a fee is looked for during a week: some providers never state one (Mollie states none per payment)
    const feeHorizon = new Date(this.clock().getTime() - 7 * 24 * 60 * 60_000).toISOString();
    const before = new Date(
      this.clock().getTime() - this.config.RECONCILE_PENDING_AFTER_MINUTES * 60_000,
    ).toISOString();
    // paid gifts of the last RECONCILE_PAID_WITHIN_DAYS: a refund or charge-back made in the provider's dashboard
    // whose webhook was lost is found this way (the facts are idempotent, so looking again changes nothing)
    const paidHorizon = new Date(
      this.clock().getTime() - this.config.RECONCILE_PAID_WITHIN_DAYS * 24 * 60 * 60_000,
    ).toISOString();
    const pending = giftsToReconcile(this.projections.db, this.provider.name, {
      before,
      feeSince: feeHorizon,
      paidSince: this.config.RECONCILE_PAID_WITHIN_DAYS > 0 ? paidHorizon : null,
    });
    const report: ReconciliationReport = { checked: 0, changed: 0, failed: 0 };
    progress(0, pending.length);
    for (const { donationId, checkoutReference } of pending) {
      report.checked++;
      try {
        const facts = await this.provider.currentFacts(donationId, checkoutReference);
        const outcome = await this.commands.execute(
          new ApplyPaymentFactsCommand(facts, this.clock().toISOString(), { correlationId: `reconcile-${donationId}` }),
        );
        await this.projections.settled(outcome.position);
        if (outcome.applied > 0) report.changed++;
      } catch (error) {
        report.failed++;
        this.logger.warn({ donationId, err: error }, 'reconciliation could not read this gift at its provider');
      }
      progress(report.checked, pending.length);
    }
    if (report.checked > 0) this.logger.info(report, 'reconciliation round');
    return report;
  }
}

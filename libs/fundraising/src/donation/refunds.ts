import { createHash } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { EVENT_STORE, type EventMetadata, type EventStore, type GlobalPosition, loadState } from '@rw/event-store';
import { idempotencyKeyFor, PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import {
  checkRefund,
  type DonationState,
  donationDecider,
  isPaid,
  refundableCharges,
  refundableOfCharge,
} from './decider';
import { DonationNotFound, InvalidDonation, RefundExceedsPaid } from './errors';
import { donationStream } from './events';
import { ApplyPaymentFactsCommand } from './payment-facts';

/** One refund asked of the provider: one payment of the gift (the first, or one monthly charge). */
export interface RefundOfCharge {
  /** The payment given back: the provider's id of the first payment or of a monthly charge. */
  chargeId: string;
  providerRefundId: string;
  amountCents: number;
  /** The idempotency key the provider was called with: a retry of the same request gets the same refund. */
  idempotencyKey: string;
}

export interface RefundRequested {
  donationId: string;
  /** The first refund's id (a gift refunded whole may have one refund per charge: see `refunds`). */
  providerRefundId: string;
  /** Everything asked of the provider, over all charges. */
  amountCents: number;
  /** true once the provider confirmed it (the sandbox at once; Stripe and Mollie by webhook). */
  confirmed: boolean;
  /** What was asked of the provider, one refund per payment. */
  refunds: RefundOfCharge[];
  position: GlobalPosition | null;
}

/**
 * Finance refunds a gift through the provider: one payment (`chargeId`), part of it (`amountCents`), or when
 * neither is given every payment still refundable, each with its own refund and idempotency key (a provider
 * refunds one payment at a time: the sum of a monthly gift's charges cannot be refunded against the first).
 * A refund counts out of raised only when the provider confirms it (a RefundSucceeded fact); asking for more
 * than is left is refused before the provider is called.
 */
export class RequestRefundCommand extends Command<RefundRequested> {
  constructor(
    readonly donationId: string,
    readonly request: { chargeId?: string; amountCents?: number },
    readonly requestKey: string | undefined,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(RequestRefundCommand)
export class RequestRefundHandler implements ICommandHandler<RequestRefundCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
    @Inject(CommandBus) private readonly commands: CommandBus,
  ) {}

  async execute({ donationId, request, requestKey, at, metadata }: RequestRefundCommand): Promise<RefundRequested> {
    const { state } = await loadState(this.store, donationStream(donationId), donationDecider);
    if (state.status === 'none') throw new DonationNotFound(donationId);
    const planned = plan(state, donationId, request);
    const refunds: RefundOfCharge[] = [];
    for (const { chargeId, amountCents } of planned) {
      const idempotencyKey = idempotencyKeyFor(
        `${donationId}-${requestKey === undefined ? derivedKey(state, chargeId, amountCents, at) : `${requestKey}-${chargeId}`}`,
        'refund',
      );
      const refund = await this.payments.refund({
        reference: donationId,
        providerPaymentId: chargeId,
        amountCents,
        idempotencyKey,
      });
      refunds.push({ chargeId, providerRefundId: refund.providerRefundId, amountCents, idempotencyKey });
    }
    const answer = {
      donationId,
      providerRefundId: refunds[0]?.providerRefundId ?? '',
      amountCents: refunds.reduce((sum, refund) => sum + refund.amountCents, 0),
      refunds,
    };
    if (this.payments.name !== 'sandbox') return { ...answer, confirmed: false, position: null };
    const applied = await this.commands.execute(
      new ApplyPaymentFactsCommand(
        refunds.map((refund) => ({
          type: 'RefundSucceeded' as const,
          reference: donationId,
          providerRefundId: refund.providerRefundId,
          amountCents: refund.amountCents,
          providerPaymentId: refund.chargeId,
          at,
        })),
        at,
        metadata,
      ),
    );
    return { ...answer, confirmed: true, position: applied.position };
  }
}

type Known = Exclude<DonationState, { status: 'none' }>;

/** Which payments to refund, and how much of each: the decider's own check runs on each before the provider is asked. */
function plan(
  state: Known,
  donationId: string,
  request: { chargeId?: string; amountCents?: number },
): { chargeId: string; amountCents: number }[] {
  if (request.chargeId !== undefined) return [checkRefund(state, request)];
  const charges = refundableCharges(state);
  if (request.amountCents !== undefined) {
    if (charges.length > 1) {
      throw new InvalidDonation(
        `donation ${donationId} has ${charges.length} payments that can be refunded: name the one to refund (chargeId), or leave out the amount to refund them all`,
      );
    }
    return [checkRefund(state, { chargeId: charges[0]?.chargeId, amountCents: request.amountCents })];
  }
  if (charges.length === 0) {
    // the decider's check says why (not paid, nothing left)
    checkRefund(state, {});
    throw new RefundExceedsPaid(donationId, 0, 0);
  }
  return charges.map(({ chargeId }) =>
    checkRefund(state, { chargeId, amountCents: refundableOfCharge(state, chargeId) }),
  );
}

/** How long the same refund asked again without an Idempotency-Key is taken for a double click or a reload. */
export const REPEATED_REFUND_WINDOW_MS = 10 * 60_000;

/**
 * A request without an Idempotency-Key gets one made of what it asks (the payment, the amount) and of what was
 * refunded of that payment before the last ten minutes: a double click or a reload asks the provider for the same
 * refund and gets one, also when the first was confirmed at once (the sandbox); the same refund asked again later
 * is a new one. To ask for the same amount again within ten minutes, send an Idempotency-Key of your own.
 */
function derivedKey(state: Known, chargeId: string, amountCents: number, at: string): string {
  const before = Date.parse(at) - REPEATED_REFUND_WINDOW_MS;
  const refundedEarlier = Object.values(isPaid(state) ? state.refunds : {})
    .filter((refund) => refund.chargeId === chargeId && !refund.reversed && Date.parse(refund.refundedAt) < before)
    .reduce((sum, refund) => sum + refund.amountCents, 0);
  return createHash('sha256').update(`${chargeId}|${amountCents}|${refundedEarlier}`).digest('hex').slice(0, 32);
}

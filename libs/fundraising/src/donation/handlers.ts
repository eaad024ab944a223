import { createHash, randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type CommandOutcome,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  executeCommand,
  type GlobalPosition,
  loadState,
} from '@rw/event-store';
import { idempotencyKeyFor, PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import { aggregateCommands } from '../aggregate-commands';
import { type Attribution, attribute } from '../beneficiary';
import type { MailLanguage } from '../language';
import { returnUrlFor, type ReturnUrlTemplate } from '../return-url';
import { checkPledgePayment, pledgeDecider } from '../pledge/decider';
import { pledgeStream } from '../pledge/events';
import type { CreateDonation, DonationCommand, SettleDonation } from './commands';
import { InvalidDonation } from './errors';
import { donationDecider, type DonationState } from './decider';
import {
  type DonationBeneficiary,
  type DonationEvent,
  type DonationFrequency,
  type Donor,
  donationStream,
  type OfflineReceipt,
} from './events';

/**
 * The donation id a client's `Idempotency-Key` stands for: the same key always names the same donation, so a
 * double click or a retried request finds the first one instead of creating a second.
 */
export function donationIdForKey(idempotencyKey: string): string {
  const hex = createHash('sha256').update(`donation\u0000${idempotencyKey}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

export interface NewDonation {
  beneficiary: DonationBeneficiary;
  /** The due pledge this gift pays: its amount must be what the pledge asks. */
  pledgeId?: string;
  /** The gift, without covered fees. */
  amountCents: number;
  /**
   * What the donor adds to cover the estimated fee of the method (`coveredFeeCents`, computed by the platform from
   * its FEE_ESTIMATES, never taken from a client): charged on top of the gift, and given with it.
   */
  coverFeesCents?: number;
  frequency: DonationFrequency;
  donor: Donor;
  message?: string;
  anonymous: boolean;
  method?: string;
  /** Money an organiser already received (cash, bank transfer): recorded as paid, no checkout. */
  offline?: OfflineReceipt;
  /** The language of the mails it starts; 'nl' when absent. */
  language?: MailLanguage;
}

export interface DonationCheckout {
  donationId: string;
  /** Absent for a gift recorded offline: it is paid already. */
  checkoutUrl?: string;
  position: GlobalPosition | null;
}

export class CreateDonationCommand extends Command<DonationCheckout> {
  constructor(
    readonly donation: NewDonation,
    readonly idempotencyKey: string | undefined,
    /** Where the provider sends the donor back; `{id}` stands for the gift's id. */
    readonly returnUrl: ReturnUrlTemplate,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

/** Opens a gift's stream, counted for the edition, team and walker its beneficiary was found in. */
export function openDonation(
  store: EventStore,
  whom: Attribution,
  gift: Omit<CreateDonation, 'type' | 'editionId' | 'teamId' | 'walkerId'>,
  metadata: EventMetadata,
  /** The donation id was just drawn at random (no Idempotency-Key): its stream cannot exist yet, it is not read. */
  freshId = false,
) {
  return executeCommand(
    store,
    donationStream(gift.donationId),
    donationDecider,
    {
      type: 'CreateDonation',
      ...gift,
      editionId: whom.editionId,
      ...(whom.teamId ? { teamId: whom.teamId } : {}),
      ...(whom.walkerId ? { walkerId: whom.walkerId } : {}),
    },
    {
      metadata,
      ...(freshId ? { knownState: { state: donationDecider.initialState, revision: 'no_stream' as const } } : {}),
    },
  );
}

/** Commands on an existing donation; creation goes through CreateDonationCommand (attribution, checkout). */
const donation = aggregateCommands(
  'Donation',
  donationDecider,
  (command: Exclude<DonationCommand, { type: 'CreateDonation' }>) => donationStream(command.donationId),
);
export const ExecuteDonationCommand = donation.Execute;
export type ExecuteDonationCommand = InstanceType<typeof donation.Execute>;
export const DonationCommandHandler = donation.Handler;

@CommandHandler(CreateDonationCommand)
export class CreateDonationHandler implements ICommandHandler<CreateDonationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PAYMENT_PROVIDER) private readonly payments: PaymentProvider,
  ) {}

  async execute({
    donation,
    idempotencyKey,
    returnUrl,
    at,
    metadata,
  }: CreateDonationCommand): Promise<DonationCheckout> {
    const donationId = idempotencyKey ? donationIdForKey(idempotencyKey) : randomUUID();
    const whom = await attribute(this.store, donation.beneficiary);
    if (donation.pledgeId) await this.checkPledge(donation.pledgeId, donationId, donation);
    // what is charged: the gift and the fees the donor covers
    const chargedCents = donation.amountCents + (donation.coverFeesCents ?? 0);
    const outcome = await openDonation(
      this.store,
      whom,
      {
        donationId,
        beneficiary: donation.beneficiary,
        amountCents: chargedCents,
        ...(donation.coverFeesCents ? { coverFeesCents: donation.coverFeesCents } : {}),
        frequency: donation.frequency,
        donor: donation.donor,
        message: donation.message,
        anonymous: donation.anonymous,
        provider: donation.offline ? 'offline' : this.payments.name,
        ...(donation.offline ? { recordedOffline: donation.offline } : {}),
        method: donation.method,
        ...(donation.pledgeId ? { pledgeId: donation.pledgeId } : {}),
        ...(donation.language ? { language: donation.language } : {}),
        at,
      },
      metadata,
      idempotencyKey === undefined,
    );
    if (donation.offline) return { donationId, position: outcome.position };
    // asked again for a donation that exists (a retry): the checkout it has
    const opened = outcome.state.status === 'none' ? undefined : outcome.state.checkout;
    if (opened) return { donationId, checkoutUrl: opened.checkoutUrl, position: outcome.position };
    const checkout = await this.payments.createCheckout({
      reference: donationId,
      amountCents: chargedCents,
      frequency: donation.frequency,
      description: 'Gift to the Refugee Walk',
      returnUrl: returnUrlFor(returnUrl, donationId),
      idempotencyKey: idempotencyKeyFor(donationId),
      method: donation.method,
      ...(donation.frequency === 'monthly' ? { payerEmail: donation.donor.email } : {}),
    });
    const recorded = await executeCommand(
      this.store,
      donationStream(donationId),
      donationDecider,
      {
        type: 'RecordCheckout',
        donationId,
        providerReference: checkout.providerReference,
        checkoutUrl: checkout.checkoutUrl,
        at,
      },
      // the stream as this handler has just written it (a concurrent change is caught by the append)
      { metadata, knownState: { state: outcome.state, revision: outcome.revision } },
    );
    return { donationId, checkoutUrl: checkout.checkoutUrl, position: recorded.position ?? outcome.position };
  }

  /** A gift that pays a pledge must find it due, for exactly what it asks, on the same beneficiary. */
  private async checkPledge(pledgeId: string, donationId: string, donation: NewDonation): Promise<void> {
    const { state } = await loadState(this.store, pledgeStream(pledgeId), pledgeDecider);
    checkPledgePayment(state, pledgeId, donationId, donation.amountCents);
    if (state.status === 'none') return;
    const { beneficiary } = state.pledge;
    const same = beneficiary.type === donation.beneficiary.type && beneficiary.id === donation.beneficiary.id;
    if (!same) throw new InvalidDonation(`pledge ${pledgeId} is for another ${beneficiary.type}`);
    if (donation.frequency !== 'one_off') throw new InvalidDonation('a pledge is paid by a one-off gift');
  }
}

export class SettleDonationCommand extends Command<CommandOutcome<DonationEvent, DonationState>> {
  constructor(
    readonly command: SettleDonation,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

/**
 * What a provider's webhook (or the sandbox) says of a first payment. A paid gift that pays a pledge fulfils it,
 * but not here: the payment is a fact whatever the pledge says, and the pledge is another stream (another write
 * that could be lost to a crash after this one). The pledge-fulfilment reactor does it from the DonationPaid.
 */
@CommandHandler(SettleDonationCommand)
export class SettleDonationHandler implements ICommandHandler<SettleDonationCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  execute({ command, metadata }: SettleDonationCommand) {
    return executeCommand(this.store, donationStream(command.donationId), donationDecider, command, { metadata });
  }
}

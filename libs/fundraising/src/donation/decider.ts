import type { Decider, DomainError, RefusalDetails } from '@rw/event-store';
import { normaliseEmail } from '../account/events';
import {
  PERSON_NAME_MAX_LENGTH,
  addressProblems,
  brusselsDay,
  CITY_MAX_LENGTH,
  isCalendarDay,
  STREET_MAX_LENGTH,
  isEmailAddress,
  messageEuros,
  tidyAddress,
  tidyName,
} from '@rw/kernel';
import { parseNationalNumber } from '../national-number';
import { fullName } from '../person-name';
import { belcotaxCountryCode } from '../tax-certificate/belcotax-countries';
import type {
  CancelMonthlyDonation,
  CreateDonation,
  DonationCommand,
  FlagForFinance,
  RecordChargeback,
  RecordChargebackReversal,
  RecordMonthlyCharge,
  RecordPaymentAttemptFailure,
  RecordRefundFailure,
  RefundDonation,
  SettleDonation,
} from './commands';
import {
  ChargebackExceedsPaid,
  DonationAlreadyCreated,
  DonationNotFound,
  DonationNotPaid,
  InvalidDonation,
  NotAMonthlyDonation,
  RefundExceedsPaid,
  UnknownCharge,
} from './errors';
import type { DonationCreated, DonationEvent, Donor, DonorAddress, GiftFacts, MonthlyCharge } from './events';

/** DESIGN.md section 3: 1.00 EUR at least, 100,000.00 EUR at most, unless an organiser records the gift offline. */
export const MIN_GIFT_CENTS = 100;
export const MAX_GIFT_CENTS = 10_000_000;
export const DONATION_MESSAGE_MAX_LENGTH = 500;
// the one limit on people's names is the kernel's
export { PERSON_NAME_MAX_LENGTH };
/** Providers whose gifts were received outside any checkout: they come with an organiser's record and are paid at once. */
const OFFLINE_PROVIDERS = ['offline', 'import'];

/**
 * The answer of GET /api/donations/:id (DESIGN.md section 4): pending, failed, expired, canceled, paid,
 * partially_refunded, refunded or charged_back; one of the phases of `DonationState` below.
 */
export type DonationStatus = Known['status'];

/** What every gift that exists has, whatever became of its payment. */
interface RecordedGift {
  /** The facts of the gift as created: who gives what to whom. */
  gift: DonationCreated['data'];
  /** The provider's checkout, once opened. */
  checkout?: { providerReference: string; checkoutUrl: string };
  /** The provider's decline reason of a failed first payment (or of a declined attempt), shown to the donor. */
  failureReason?: string;
  /** The provider's fee on each payment (by the provider's payment id), once known. */
  feesCents: Record<string, number>;
  /** Outcomes the provider reported that could not follow what was recorded, as `<reference>:<outcome>`. */
  flags: string[];
  /** A monthly donation that was stopped (before or after its first payment): later charges are flagged for finance. */
  cancelled: boolean;
}

/** Created, its first payment not settled yet: the donor may still pay in the checkout. */
export interface PendingDonation extends RecordedGift {
  status: 'pending';
}

/**
 * Terminal: the provider said no money came in (failed, expired, canceled). No other "no" changes it; only money
 * the provider says arrived after all (a late transfer, a retry in the same checkout) makes it a paid gift.
 */
export interface UnpaidDonation extends RecordedGift {
  status: 'failed' | 'expired' | 'canceled';
  /** The provider's reference the outcome was reported for. */
  providerReference: string;
}

/**
 * Terminal for its first payment: the money came in. What happened to it since (refunds, charge-backs) gives the
 * status, worked out from the amounts (`statusOfPaid`), never set apart from them.
 */
export interface PaidDonation extends RecordedGift {
  status: 'paid' | 'partially_refunded' | 'refunded' | 'charged_back';
  /** The provider's reference of the first payment. */
  providerReference: string;
  /** Every payment received: the first one and each monthly charge, also those after a cancellation. */
  paidCents: number;
  refundedCents: number;
  chargedBackCents: number;
  /** The monthly charges' ids, in the order they were paid. */
  chargeIds: string[];
  /** Each payment received, by its id (the first payment's provider reference, a monthly chargeId). */
  charges: Record<string, { paidCents: number; refundedCents: number; providerReference?: string }>;
  /** Each refund counted, with the payment it gave back; reversed once the provider says it failed. */
  refunds: Record<string, { amountCents: number; chargeId: string; reversed: boolean; refundedAt: string }>;
  /** Each charge-back recorded; reversed once given back. */
  chargebacks: Record<string, { amountCents: number; reversed: boolean }>;
}

/** A gift is not there yet, pending, unpaid for good, or paid: each with only the fields that mean something in it. */
export type DonationState = { status: 'none' } | PendingDonation | UnpaidDonation | PaidDonation;

type Known = Exclude<DonationState, { status: 'none' }>;

export function isPaid(state: DonationState): state is PaidDonation {
  return 'paidCents' in state;
}

/** Each payment of the gift, by its id (none before the first payment came in). */
export function chargesOf(state: Known): PaidDonation['charges'] {
  return isPaid(state) ? state.charges : {};
}

/** What finance can still give back: everything paid less what was refunded or charged back already. */
export function refundableCents(state: Known): number {
  if (!isPaid(state)) return 0;
  return Math.max(0, state.paidCents - state.refundedCents - state.chargedBackCents);
}

/** What a money event says of its gift, so that its readers need no other event. */
export function giftFacts(gift: DonationCreated['data']): GiftFacts {
  return {
    editionId: gift.editionId,
    beneficiary: gift.beneficiary,
    ...(gift.teamId === undefined ? {} : { teamId: gift.teamId }),
    ...(gift.walkerId === undefined ? {} : { walkerId: gift.walkerId }),
    frequency: gift.frequency,
    provider: gift.provider,
    ...(gift.recordedOffline === undefined ? {} : { receivedOn: gift.recordedOffline.receivedOn }),
  };
}

export const donationDecider: Decider<DonationCommand, DonationEvent, DonationState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    if (command.type === 'CreateDonation') return create(command, state);
    if (state.status === 'none') throw new DonationNotFound(command.donationId);
    switch (command.type) {
      case 'RecordCheckout':
        if (state.checkout?.providerReference === command.providerReference || state.status !== 'pending') return [];
        return [
          {
            type: 'DonationCheckoutOpened',
            data: {
              donationId: command.donationId,
              providerReference: command.providerReference,
              checkoutUrl: command.checkoutUrl,
              openedAt: command.at,
            },
          },
        ];
      case 'RecordProviderFee':
        if (!Number.isSafeInteger(command.feeCents) || command.feeCents < 0) {
          throw new InvalidDonation('a provider fee is a whole number of cents, 0 or more');
        }
        if (entryOf(state.feesCents, command.providerPaymentId) === command.feeCents) return [];
        return [
          {
            type: 'ProviderFeeRecorded',
            data: {
              donationId: command.donationId,
              providerPaymentId: command.providerPaymentId,
              feeCents: command.feeCents,
              recordedAt: command.at,
              gift: giftFacts(state.gift),
            },
          },
        ];
      case 'SettleDonation':
        return settle(command, state);
      case 'RecordMonthlyCharge':
        return recordMonthlyCharge(command, state);
      case 'CancelMonthlyDonation':
        return cancelMonthly(command, state);
      case 'RefundDonation':
        return refund(command, state);
      case 'RecordChargeback':
        return recordChargeback(command, state);
      case 'RecordPaymentAttemptFailure':
        return recordAttemptFailure(command, state);
      case 'RecordRefundFailure':
        return recordRefundFailure(command, state);
      case 'RecordChargebackReversal':
        return recordChargebackReversal(command, state);
      case 'FlagForFinance':
        return flag(state, command);
      default: {
        const _exhaustive: never = command;
        return _exhaustive;
      }
    }
  },

  evolve(state, event) {
    if (event.type === 'DonationCreated') {
      return { status: 'pending', gift: event.data, feesCents: {}, flags: [], cancelled: false };
    }
    if (state.status === 'none') return state;
    return applyEvent(state, event);
  },
};

function applyEvent(state: Known, event: Exclude<DonationEvent, DonationCreated>): Known {
  switch (event.type) {
    case 'ProviderFeeRecorded':
      return { ...state, feesCents: { ...state.feesCents, [event.data.providerPaymentId]: event.data.feeCents } };
    case 'DonationCheckoutOpened':
      return {
        ...state,
        checkout: { providerReference: event.data.providerReference, checkoutUrl: event.data.checkoutUrl },
      };
    case 'DonationPaymentAttemptFailed':
      return event.data.reason ? { ...state, failureReason: event.data.reason } : state;
    case 'DonationFlaggedForFinance':
      return { ...state, flags: [...state.flags, `${event.data.providerReference}:${event.data.reported}`] };
    case 'MonthlyDonationCancelled':
      return { ...state, cancelled: true };
    case 'DonationPaid': {
      const { amountCents, providerReference } = event.data;
      if (isPaid(state)) {
        // the decider pays a gift once; a second first payment in an old stream still counts its money
        return withStatus({
          ...state,
          providerReference,
          paidCents: state.paidCents + amountCents,
          charges: addCharge(state.charges, providerReference, amountCents),
        });
      }
      // pending, or unpaid for good until now (money after a "no"): what every gift has stays
      return withStatus({
        ...state,
        status: 'paid',
        providerReference,
        paidCents: amountCents,
        refundedCents: 0,
        chargedBackCents: 0,
        chargeIds: [],
        charges: addCharge({}, providerReference, amountCents),
        refunds: {},
        chargebacks: {},
      });
    }
    case 'DonationFailed':
    case 'DonationExpired':
    case 'DonationCanceled': {
      // money received is terminal: the decider never records a "no" after it (finance is flagged instead)
      if (isPaid(state)) return state;
      const status =
        event.type === 'DonationFailed' ? 'failed' : event.type === 'DonationExpired' ? 'expired' : 'canceled';
      const reason = event.type === 'DonationFailed' ? event.data.reason : undefined;
      return {
        ...state,
        status,
        providerReference: event.data.providerReference,
        ...(reason ? { failureReason: reason } : {}),
      };
    }
    default:
      // the rest moves money already received: only a paid gift has any
      return isPaid(state) ? withStatus(applyMovement(state, event)) : state;
  }
}

type Movement = Extract<
  DonationEvent,
  {
    type:
      | 'MonthlyChargePaid'
      | 'MonthlyChargePaidAfterCancellation'
      | 'DonationRefunded'
      | 'DonationRefundReversed'
      | 'DonationChargedBack'
      | 'DonationChargebackReversed';
  }
>;

function applyMovement(state: PaidDonation, event: Movement): PaidDonation {
  switch (event.type) {
    case 'MonthlyChargePaid':
    case 'MonthlyChargePaidAfterCancellation':
      return {
        ...state,
        paidCents: state.paidCents + event.data.amountCents,
        chargeIds: [...state.chargeIds, event.data.chargeId],
        charges: addCharge(state.charges, event.data.chargeId, event.data.amountCents, event.data.providerReference),
      };
    case 'DonationRefunded': {
      const chargeId = event.data.chargeId ?? state.providerReference;
      return {
        ...state,
        refundedCents: state.refundedCents + event.data.amountCents,
        refunds: {
          ...state.refunds,
          [event.data.refundId]: {
            amountCents: event.data.amountCents,
            chargeId,
            reversed: false,
            refundedAt: event.data.refundedAt,
          },
        },
        charges: addRefund(state.charges, chargeId, event.data.amountCents),
      };
    }
    case 'DonationRefundReversed': {
      const refund = entryOf(state.refunds, event.data.refundId);
      if (!refund) return state;
      return {
        ...state,
        refundedCents: state.refundedCents - event.data.amountCents,
        refunds: { ...state.refunds, [event.data.refundId]: { ...refund, reversed: true } },
        charges: addRefund(state.charges, refund.chargeId, -event.data.amountCents),
      };
    }
    case 'DonationChargedBack':
      return {
        ...state,
        chargedBackCents: state.chargedBackCents + event.data.amountCents,
        chargebacks: {
          ...state.chargebacks,
          [event.data.chargebackId]: { amountCents: event.data.amountCents, reversed: false },
        },
      };
    case 'DonationChargebackReversed': {
      const chargeback = entryOf(state.chargebacks, event.data.chargebackId);
      if (!chargeback) return state;
      return {
        ...state,
        chargedBackCents: state.chargedBackCents - event.data.amountCents,
        chargebacks: { ...state.chargebacks, [event.data.chargebackId]: { ...chargeback, reversed: true } },
      };
    }
    default: {
      const _exhaustive: never = event;
      return _exhaustive;
    }
  }
}

/** A record's own entry: the ids come from outside (a provider, finance's request), and `constructor` is no payment. */
function entryOf<T>(record: Record<string, T>, id: string): T | undefined {
  return Object.hasOwn(record, id) ? record[id] : undefined;
}

function addCharge(
  charges: PaidDonation['charges'],
  chargeId: string,
  paidCents: number,
  providerReference = chargeId,
): PaidDonation['charges'] {
  const charge = entryOf(charges, chargeId) ?? { paidCents: 0, refundedCents: 0 };
  return { ...charges, [chargeId]: { ...charge, paidCents: charge.paidCents + paidCents, providerReference } };
}

function addRefund(charges: PaidDonation['charges'], chargeId: string, refundedCents: number): PaidDonation['charges'] {
  const charge = entryOf(charges, chargeId) ?? { paidCents: 0, refundedCents: 0 };
  return { ...charges, [chargeId]: { ...charge, refundedCents: charge.refundedCents + refundedCents } };
}

/** What can still be given back of one payment: never more than of the gift as a whole. */
export function refundableOfCharge(state: Known, chargeId: string): number {
  if (!isPaid(state)) return 0;
  const charge = entryOf(state.charges, chargeId);
  if (!charge) return 0;
  return Math.min(refundableCents(state), Math.max(0, charge.paidCents - charge.refundedCents));
}

/** The payments of a gift that can still be refunded, oldest first, with what is left of each. */
export function refundableCharges(state: Known): { chargeId: string; refundableCents: number }[] {
  if (!isPaid(state)) return [];
  let left = refundableCents(state);
  const out: { chargeId: string; refundableCents: number }[] = [];
  for (const [chargeId, charge] of Object.entries(state.charges)) {
    const cents = Math.min(left, Math.max(0, charge.paidCents - charge.refundedCents));
    if (cents > 0) out.push({ chargeId, refundableCents: cents });
    left -= cents;
  }
  return out;
}

/** A paid gift's status, from its amounts. */
function withStatus(state: PaidDonation): PaidDonation {
  return { ...state, status: statusOfPaid(state) };
}

function statusOfPaid(state: PaidDonation): PaidDonation['status'] {
  // A charge-back of any size outranks refunds: a dispute is what finance must look at first.
  if (state.chargedBackCents > 0) return 'charged_back';
  if (state.refundedCents === 0) return 'paid';
  return state.refundedCents >= state.paidCents ? 'refunded' : 'partially_refunded';
}

function create(command: CreateDonation, state: DonationState): DonationEvent[] {
  const gift = giftOf(command);
  if (state.status !== 'none') {
    if (sameFacts(withoutTime(state.gift), withoutTime(gift))) return [];
    throw new DonationAlreadyCreated(command.donationId);
  }
  const created: DonationEvent = { type: 'DonationCreated', data: gift };
  if (gift.recordedOffline === undefined) return [created];
  return [
    created,
    {
      type: 'DonationPaid',
      data: {
        donationId: gift.donationId,
        amountCents: gift.amountCents,
        providerReference: gift.recordedOffline.reference ?? `offline:${gift.donationId}`,
        paidAt: command.at,
        gift: giftFacts(gift),
        ...(gift.pledgeId === undefined ? {} : { pledgeId: gift.pledgeId }),
      },
    },
  ];
}

/** The command's facts, checked and normalised as they are stored. */
function giftOf(command: CreateDonation): DonationCreated['data'] {
  const offline = command.recordedOffline;
  const recordedOffline = offline === undefined ? undefined : checkOfflineReceipt(offline, command.at);
  if (OFFLINE_PROVIDERS.includes(command.provider) !== (offline !== undefined)) {
    throw new InvalidDonation(
      `a gift from provider ${command.provider} ${offline === undefined ? 'needs' : 'cannot have'} an organiser's record of how and when the money was received`,
    );
  }
  const coverFeesCents = command.coverFeesCents ?? 0;
  checkCoveredFees(coverFeesCents, command.amountCents, offline !== undefined);
  // the gift's bounds are the donor's gift; the fees they cover come on top
  checkAmount(command.amountCents - coverFeesCents, offline !== undefined);
  if (command.frequency !== 'one_off' && command.frequency !== 'monthly') {
    throw new InvalidDonation('a gift is one_off or monthly', { reason: 'frequency_invalid', field: 'frequency' });
  }
  if (offline !== undefined && command.frequency !== 'one_off') {
    throw new InvalidDonation('a gift recorded offline is a one-off gift');
  }
  const { beneficiary } = command;
  if (beneficiary.type === 'edition' && beneficiary.id !== command.editionId) {
    throw new InvalidDonation(`a gift to the edition must name edition ${command.editionId}`);
  }
  const teamId = beneficiary.type === 'team' ? beneficiary.id : command.teamId;
  const walkerId = beneficiary.type === 'walker' ? beneficiary.id : command.walkerId;
  if ((command.teamId ?? teamId) !== teamId || (command.walkerId ?? walkerId) !== walkerId) {
    throw new InvalidDonation(`the team and walker of the gift must agree with its beneficiary ${beneficiary.id}`);
  }
  const message = command.message?.trim() ?? '';
  // Counted in characters as a person sees them, not UTF-16 units (an emoji is one).
  if ([...message].length > DONATION_MESSAGE_MAX_LENGTH) {
    throw new InvalidDonation(`a message has at most ${DONATION_MESSAGE_MAX_LENGTH} characters`, {
      reason: 'message_too_long',
      params: { max: DONATION_MESSAGE_MAX_LENGTH },
      field: 'message',
    });
  }
  const method = command.method?.trim() ?? '';
  return {
    donationId: command.donationId,
    editionId: command.editionId,
    beneficiary: { type: beneficiary.type, id: beneficiary.id },
    ...(teamId === undefined ? {} : { teamId }),
    ...(walkerId === undefined ? {} : { walkerId }),
    amountCents: command.amountCents,
    ...(coverFeesCents === 0 ? {} : { coverFeesCents }),
    frequency: command.frequency,
    // cash from a collection jar comes without an address: only a gift recorded offline may (no mail, no certificate)
    donor: checkPerson(command.donor, 'donor', InvalidDonation, {
      withoutEmail: recordedOffline !== undefined && (command.donor.email ?? '').trim() === '',
    }),
    ...(message === '' ? {} : { message }),
    anonymous: command.anonymous,
    provider: command.provider,
    ...(method === '' ? {} : { method }),
    ...(command.pledgeId === undefined ? {} : { pledgeId: command.pledgeId }),
    ...(recordedOffline === undefined ? {} : { recordedOffline }),
    ...(command.language === undefined ? {} : { language: command.language }),
    createdAt: command.at,
  };
}

/** Covered fees are a whole number of cents, part of a charge through a provider (money received offline has none). */
function checkCoveredFees(coverFeesCents: number, amountCents: number, recordedOffline: boolean): void {
  if (coverFeesCents === 0) return;
  if (!Number.isSafeInteger(coverFeesCents) || coverFeesCents < 0 || coverFeesCents >= amountCents) {
    throw new InvalidDonation('the covered fees are a whole number of cents, part of the amount charged', {
      reason: 'cover_fees_invalid',
      field: 'coverFeesCents',
    });
  }
  if (recordedOffline) {
    throw new InvalidDonation('money received offline has no payment costs to cover', {
      reason: 'cover_fees_offline',
      field: 'coverFeesCents',
    });
  }
}

function checkAmount(amountCents: number, recordedOffline: boolean): void {
  if (!Number.isSafeInteger(amountCents))
    throw new InvalidDonation('a gift is a whole number of cents', {
      reason: 'amount_not_cents',
      field: 'amountCents',
    });
  if (recordedOffline) {
    if (amountCents < 1) {
      throw new InvalidDonation('a gift recorded offline is at least 1 cent', {
        reason: 'amount_too_small',
        params: { min: 1 },
        field: 'amountCents',
      });
    }
    return;
  }
  if (amountCents < MIN_GIFT_CENTS) {
    throw new InvalidDonation(`a gift is at least ${messageEuros(MIN_GIFT_CENTS)}`, {
      reason: 'amount_too_small',
      params: { min: MIN_GIFT_CENTS },
      field: 'amountCents',
    });
  }
  if (amountCents > MAX_GIFT_CENTS) {
    throw new InvalidDonation(
      `a gift is at most ${messageEuros(MAX_GIFT_CENTS)}; an organiser can record a larger gift offline`,
      { reason: 'amount_too_large', params: { max: MAX_GIFT_CENTS }, field: 'amountCents' },
    );
  }
}

/**
 * A donor or a sponsor: name trimmed, e-mail normalised (people are identified by their address, DESIGN.md
 * section 3). Shared by the donation and pledge deciders, each with its own error type.
 */
export function checkPerson(
  person: Donor,
  who: 'donor' | 'sponsor',
  Invalid: new (message: string, details?: RefusalDetails) => DomainError,
  { withoutEmail = false }: { withoutEmail?: boolean } = {},
): Donor {
  const surname = tidyName(person.surname);
  const firstNames = tidyName(person.firstNames);
  if (firstNames !== '' && surname === '')
    throw new Invalid(`the ${who}'s surname is needed with the first names`, {
      reason: 'surname_missing',
      field: 'surname',
    });
  if (surname.length > PERSON_NAME_MAX_LENGTH || firstNames.length > PERSON_NAME_MAX_LENGTH) {
    throw new Invalid(`a ${who}'s surname and first names have at most ${PERSON_NAME_MAX_LENGTH} characters each`, {
      reason: 'name_too_long',
      params: { max: PERSON_NAME_MAX_LENGTH },
      field: surname.length > PERSON_NAME_MAX_LENGTH ? 'surname' : 'firstNames',
    });
  }
  // surname and first names given apart make the name when none is given
  const name = (person.name ?? '').trim() || fullName({ surname, firstNames });
  if (name === '') throw new Invalid(`the ${who}'s name is needed`, { reason: 'name_missing', field: 'name' });
  if (name.length > PERSON_NAME_MAX_LENGTH) {
    throw new Invalid(`a ${who}'s name has at most ${PERSON_NAME_MAX_LENGTH} characters`, {
      reason: 'name_too_long',
      params: { max: PERSON_NAME_MAX_LENGTH },
      field: 'name',
    });
  }
  const email = withoutEmail ? '' : normaliseEmail(person.email);
  if (!withoutEmail && !isEmailAddress(email))
    throw new Invalid(`${email || 'an empty text'} is not an e-mail address`, {
      reason: 'email_invalid',
      params: { email },
      field: 'email',
    });
  // tax certificate (attest 281.71): address and national number are kept when given
  const address = person.address === undefined ? undefined : checkAddress(person.address, who, Invalid);
  let nationalNumber: string | undefined;
  if (person.nationalNumber !== undefined) {
    nationalNumber = parseNationalNumber(person.nationalNumber) ?? undefined;
    if (nationalNumber === undefined) {
      throw new Invalid(`the ${who}'s national register or BIS number is not valid (11 digits with a correct check)`, {
        reason: 'national_number_invalid',
        field: 'nationalNumber',
      });
    }
  }
  return {
    name,
    ...(surname === '' ? {} : { surname, firstNames }),
    email,
    ...(address === undefined ? {} : { address }),
    ...(nationalNumber === undefined ? {} : { nationalNumber }),
  };
}

function checkAddress(
  address: DonorAddress,
  who: string,
  Invalid: new (message: string, details?: RefusalDetails) => DomainError,
): DonorAddress {
  const { street, postalCode, city, country } = tidyAddress(address);
  const problems = addressProblems({ street, postalCode, city, country });
  if (problems.street === 'missing' || problems.postalCode === 'missing' || problems.city === 'missing') {
    throw new Invalid(`the ${who}'s address needs a street, a postal code and a city`, {
      reason: 'address_incomplete',
      field: problems.street ? 'street' : problems.postalCode ? 'postalCode' : 'city',
    });
  }
  if (problems.country || (country !== '' && belcotaxCountryCode(country) === undefined)) {
    throw new Invalid(`the ${who}'s country is a two-letter country code such as BE`, {
      reason: 'country_invalid',
      field: 'country',
    });
  }
  if (problems.postalCode === 'not_a_belgian_postal_code') {
    throw new Invalid(`the ${who}'s Belgian postal code is 4 digits such as 1000`, {
      reason: 'postal_code_not_belgian',
      field: 'postalCode',
    });
  }
  if (problems.postalCode)
    throw new Invalid(`the ${who}'s postal code is 3 to 10 letters, digits, spaces or hyphens`, {
      reason: 'postal_code_invalid',
      field: 'postalCode',
    });
  if (problems.street || problems.city) {
    throw new Invalid(
      `the ${who}'s street has at most ${STREET_MAX_LENGTH} characters and the city at most ${CITY_MAX_LENGTH}`,
    );
  }
  return { street, postalCode, city, ...(country === '' ? {} : { country }) };
}

function checkOfflineReceipt(offline: NonNullable<CreateDonation['recordedOffline']>, at: string) {
  if (offline.by.trim() === '') throw new InvalidDonation('a gift recorded offline names who recorded it');
  if (offline.method !== 'cash' && offline.method !== 'bank_transfer') {
    throw new InvalidDonation('a gift recorded offline was received in cash or by bank transfer', {
      reason: 'offline_method_invalid',
      field: 'method',
    });
  }
  if (!isCalendarDay(offline.receivedOn)) {
    throw new InvalidDonation('the day a gift was received is written YYYY-MM-DD', {
      reason: 'received_on_invalid',
      field: 'receivedOn',
    });
  }
  // a day still to come is a typing error (or an attempt to book money that has not come in)
  if (offline.receivedOn > brusselsDay(at)) {
    throw new InvalidDonation('the day a gift was received cannot be in the future', {
      reason: 'received_on_in_future',
      field: 'receivedOn',
    });
  }
  const reference = offline.reference?.trim() ?? '';
  return {
    by: offline.by,
    method: offline.method,
    receivedOn: offline.receivedOn,
    ...(reference === '' ? {} : { reference }),
    // tax certificates: a collective gift is never on a certificate
    ...(offline.collective ? { collective: true } : {}),
  };
}

function withoutTime({ createdAt: _, ...facts }: DonationCreated['data']) {
  return facts;
}

/**
 * Deep equality of facts that ignores the order of keys (a stored event may come back with its keys in another
 * order): a repeated create command is recognised by it. A person's `donorId` is left out: the personal-data
 * vault adds it on reading, the command never carries it.
 */
export function sameFacts(a: unknown, b: unknown): boolean {
  const sorted = (key: string, value: unknown) =>
    key === 'donorId'
      ? undefined
      : value !== null && typeof value === 'object' && !Array.isArray(value)
        ? Object.fromEntries(Object.entries(value).sort(([x], [y]) => (x < y ? -1 : 1)))
        : value;
  return JSON.stringify(a, sorted) === JSON.stringify(b, sorted);
}

function settle(command: SettleDonation, state: Known): DonationEvent[] {
  const { donationId } = state.gift;
  const providerReference = checkReference(command.providerReference);
  if (state.status !== 'pending') {
    const settlement = isPaid(state) ? 'paid' : state.status;
    if (settlement === command.outcome) return [];
    // Money the provider says arrived counts, whatever we recorded before (a retry in the same checkout after a
    // decline, a transfer after the checkout expired).
    if (command.outcome === 'paid') return [paidEvent(command, state, providerReference, settlement)];
    // Another final "no" after a first one changes nothing: the first outcome stands.
    if (!isPaid(state)) return [];
    // "Not paid" after the money came in cannot be reconciled here: finance is told, once; nothing is undone.
    return flag(state, {
      type: 'FlagForFinance',
      donationId,
      providerReference,
      reported: command.outcome,
      problem: `the provider reported the payment ${command.outcome} after it was recorded paid`,
      at: command.at,
    });
  }
  switch (command.outcome) {
    case 'paid':
      return [paidEvent(command, state, providerReference)];
    case 'failed': {
      const reason = command.reason?.trim() ?? '';
      return [
        {
          type: 'DonationFailed',
          data: { donationId, providerReference, ...(reason === '' ? {} : { reason }), failedAt: command.at },
        },
      ];
    }
    case 'expired':
      return [{ type: 'DonationExpired', data: { donationId, providerReference, expiredAt: command.at } }];
    case 'canceled':
      return [{ type: 'DonationCanceled', data: { donationId, providerReference, canceledAt: command.at } }];
    default: {
      const _exhaustive: never = command.outcome;
      return _exhaustive;
    }
  }
}

function paidEvent(
  command: SettleDonation,
  state: Known,
  providerReference: string,
  afterOutcome?: 'paid' | 'failed' | 'expired' | 'canceled',
): DonationEvent {
  const amountCents = command.receivedCents ?? state.gift.amountCents;
  if (!Number.isSafeInteger(amountCents) || amountCents < 1) {
    throw new InvalidDonation('the amount received is a whole number of cents, 1 or more');
  }
  if (command.paidOn !== undefined && !isCalendarDay(command.paidOn)) {
    throw new InvalidDonation('the day a gift was paid is written YYYY-MM-DD', {
      reason: 'paid_on_invalid',
      field: 'paidOn',
    });
  }
  return {
    type: 'DonationPaid',
    data: {
      donationId: state.gift.donationId,
      amountCents,
      ...coveredPart(state.gift, amountCents),
      providerReference,
      paidAt: command.at,
      ...(command.paidOn === undefined ? {} : { paidOn: command.paidOn }),
      ...(afterOutcome === undefined || afterOutcome === 'paid' ? {} : { afterOutcome }),
      gift: giftFacts(state.gift),
      ...(state.gift.pledgeId === undefined ? {} : { pledgeId: state.gift.pledgeId }),
    },
  };
}

function flag(state: Known, command: FlagForFinance): DonationEvent[] {
  if (state.flags.includes(`${command.providerReference}:${command.reported}`)) return [];
  return [
    {
      type: 'DonationFlaggedForFinance',
      data: {
        donationId: state.gift.donationId,
        providerReference: command.providerReference,
        reported: command.reported,
        recordedStatus: state.status,
        problem: command.problem,
        flaggedAt: command.at,
      },
    },
  ];
}

function recordAttemptFailure(command: RecordPaymentAttemptFailure, state: Known): DonationEvent[] {
  // Only while the checkout is open: after a final outcome a late decline of an old attempt says nothing new.
  if (state.status !== 'pending') return [];
  const reason = command.reason?.trim() ?? '';
  if (reason === (state.failureReason ?? '') && state.failureReason !== undefined) return [];
  return [
    {
      type: 'DonationPaymentAttemptFailed',
      data: {
        donationId: state.gift.donationId,
        providerReference: checkReference(command.providerReference),
        ...(reason === '' ? {} : { reason }),
        failedAt: command.at,
      },
    },
  ];
}

function recordRefundFailure(command: RecordRefundFailure, state: Known): DonationEvent[] {
  const refund = isPaid(state) ? entryOf(state.refunds, command.refundId) : undefined;
  // A refund that failed before it was ever counted moved no money: nothing to undo.
  if (!refund || refund.reversed) return [];
  return [
    {
      type: 'DonationRefundReversed',
      data: {
        donationId: state.gift.donationId,
        refundId: command.refundId,
        amountCents: refund.amountCents,
        reversedAt: command.at,
        gift: giftFacts(state.gift),
      },
    },
  ];
}

function recordChargebackReversal(command: RecordChargebackReversal, state: Known): DonationEvent[] {
  const chargeback = isPaid(state) ? entryOf(state.chargebacks, command.chargebackId) : undefined;
  // A dispute won before any money was withdrawn gives nothing back; reversing twice gives back once.
  if (!chargeback || chargeback.reversed) return [];
  checkCents(command.amountCents, 'a charge-back reversal');
  return [
    {
      type: 'DonationChargebackReversed',
      data: {
        donationId: state.gift.donationId,
        chargebackId: command.chargebackId,
        amountCents: Math.min(command.amountCents, chargeback.amountCents),
        reversedAt: command.at,
        gift: giftFacts(state.gift),
      },
    },
  ];
}

/**
 * The covered fees of a payment: the gift's, when the whole charge came in. A payment of another amount (a bank
 * transfer of less) says nothing of them: finance sees the amount as it came.
 */
function coveredPart(gift: DonationCreated['data'], paidCents: number): { coverFeesCents?: number } {
  return gift.coverFeesCents !== undefined && paidCents === gift.amountCents
    ? { coverFeesCents: gift.coverFeesCents }
    : {};
}

function recordMonthlyCharge(command: RecordMonthlyCharge, state: Known): DonationEvent[] {
  const { donationId } = state.gift;
  if (state.gift.frequency !== 'monthly') throw new NotAMonthlyDonation(donationId, 'be charged every month');
  if (!isPaid(state)) {
    throw new DonationNotPaid(donationId, state.status, 'monthly charges come after the first payment');
  }
  if (state.chargeIds.includes(command.chargeId)) return [];
  // The first payment reported again as a charge (Stripe also sends invoice.paid for a subscription's first
  // invoice) is not a second month.
  if (command.providerReference === state.providerReference) return [];
  checkCents(command.amountCents, 'a monthly charge');
  const data: MonthlyCharge = {
    donationId,
    chargeId: command.chargeId,
    amountCents: command.amountCents,
    ...coveredPart(state.gift, command.amountCents),
    providerReference: checkReference(command.providerReference),
    paidAt: command.at,
    gift: giftFacts(state.gift),
  };
  // Money received after a cancellation is never dropped: it is recorded apart, for finance to refund or keep.
  return [{ type: state.cancelled ? 'MonthlyChargePaidAfterCancellation' : 'MonthlyChargePaid', data }];
}

function cancelMonthly(command: CancelMonthlyDonation, state: Known): DonationEvent[] {
  const { donationId } = state.gift;
  if (state.gift.frequency !== 'monthly') throw new NotAMonthlyDonation(donationId, 'be cancelled');
  if (state.cancelled) return [];
  // The first payment never came in: no subscription runs at the provider, so there is nothing to stop.
  if (state.status !== 'pending' && !isPaid(state)) return [];
  return [{ type: 'MonthlyDonationCancelled', data: { donationId, cancelledBy: command.by, cancelledAt: command.at } }];
}

/**
 * Which payment a new refund takes money from, and how much (all that is left of it when no amount is given); or why
 * it cannot (not paid, unknown payment, more than is left). A use case asks it before it asks the provider.
 */
export function checkRefund(
  state: Known,
  request: { chargeId?: string; amountCents?: number },
): { chargeId: string; amountCents: number } {
  const { donationId } = state.gift;
  if (request.amountCents !== undefined) checkCents(request.amountCents, 'a refund');
  if (!isPaid(state)) throw new DonationNotPaid(donationId, state.status, 'there is nothing to refund');
  const chargeId = request.chargeId ?? state.providerReference;
  if (request.chargeId !== undefined && !entryOf(state.charges, request.chargeId)) {
    throw new UnknownCharge(donationId, request.chargeId);
  }
  // A refund whose payment we cannot tell (old events) is held against the gift as a whole.
  const leftCents = entryOf(state.charges, chargeId) ? refundableOfCharge(state, chargeId) : refundableCents(state);
  const amountCents = request.amountCents ?? leftCents;
  if (amountCents === 0 || amountCents > leftCents) throw new RefundExceedsPaid(donationId, leftCents, amountCents);
  return { chargeId, amountCents };
}

function refund(command: RefundDonation, state: Known): DonationEvent[] {
  const { donationId } = state.gift;
  // Same refund id, same refund: when the amount was left out, the retry would otherwise ask for what is left now.
  if (isPaid(state) && entryOf(state.refunds, command.refundId)) return [];
  const { chargeId, amountCents } = checkRefund(state, command);
  return [
    {
      type: 'DonationRefunded',
      data: {
        donationId,
        refundId: command.refundId,
        amountCents,
        refundedAt: command.at,
        chargeId,
        gift: giftFacts(state.gift),
      },
    },
  ];
}

function recordChargeback(command: RecordChargeback, state: Known): DonationEvent[] {
  const { donationId } = state.gift;
  if (!isPaid(state)) {
    checkCents(command.amountCents, 'a charge-back');
    throw new DonationNotPaid(donationId, state.status, 'there is nothing to charge back');
  }
  if (entryOf(state.chargebacks, command.chargebackId)) return [];
  checkCents(command.amountCents, 'a charge-back');
  // A bank can take back money that was refunded already (a dispute after a refund): that is recorded as it
  // happened; only more than was ever paid is impossible.
  const leftCents = state.paidCents - state.chargedBackCents;
  if (command.amountCents > leftCents) throw new ChargebackExceedsPaid(donationId, leftCents, command.amountCents);
  return [
    {
      type: 'DonationChargedBack',
      data: {
        donationId,
        chargebackId: command.chargebackId,
        amountCents: command.amountCents,
        chargedBackAt: command.at,
        gift: giftFacts(state.gift),
      },
    },
  ];
}

function checkCents(amountCents: number, what: string): void {
  if (!Number.isSafeInteger(amountCents) || amountCents < 1) {
    throw new InvalidDonation(`${what} is a whole number of cents, 1 or more`);
  }
}

function checkReference(providerReference: string): string {
  const reference = providerReference.trim();
  if (reference === '') throw new InvalidDonation("a payment needs the provider's reference");
  return reference;
}

import { MAX_KM } from '@rw/fundraising';
import { centsOf, isCalendarDay, isEmailAddress, nameProblem } from '@rw/kernel';
import type { DeskMessages } from './desk-messages';

/** A form field's problem, shown next to the field. */
export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Only the form's own fields: anything else is refused, like the API's whitelist. */
function fields(
  body: unknown,
  allowed: readonly string[],
  t: DeskMessages,
): { values: Record<string, string>; errors: FieldErrors } {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (!allowed.includes(key)) errors.form = t.errorUnknownField(key);
    else if (typeof value !== 'string') errors[key] = t.errorOneValue;
    else values[key] = value.trim();
  }
  return { values, errors };
}

function done<T>(errors: FieldErrors, value: () => T): Parsed<T> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: value() };
}

export function parseLogin(body: unknown, t: DeskMessages): Parsed<{ email: string; password: string }> {
  const { values, errors } = fields(body, ['email', 'password'], t);
  if (!isEmailAddress(values.email)) errors.email = t.errorLoginEmail;
  if (!values.password) errors.password = t.errorPassword;
  return done(errors, () => ({ email: values.email, password: values.password }));
}

export function parseDistance(body: unknown, t: DeskMessages): Parsed<{ km: number }> {
  const { values, errors } = fields(body, ['km', 'q'], t);
  const km = Number((values.km ?? '').replace(',', '.'));
  if (!/^\d{1,4}([.,]\d{1,2})?$/.test(values.km ?? '') || km > MAX_KM) {
    errors.km = t.errorDistance(MAX_KM);
  }
  return done(errors, () => ({ km }));
}

/** The proposal an organiser accepts, as the desk showed it: its track file's SHA-256. */
export function parseProposalAcceptance(body: unknown, t: DeskMessages): Parsed<{ proposalId: string }> {
  const { values, errors } = fields(body, ['proposalId', 'q'], t);
  if (!/^[0-9a-f]{64}$/.test(values.proposalId ?? '')) errors.form = t.errorReload;
  return done(errors, () => ({ proposalId: values.proposalId }));
}

export function parseFeeWaiver(body: unknown, t: DeskMessages): Parsed<{ reason: string }> {
  const { values, errors } = fields(body, ['reason', 'q'], t);
  if (!values.reason) errors.reason = t.errorWaiverReason;
  else if (values.reason.length > 200) errors.reason = t.errorTooLong(200);
  return done(errors, () => ({ reason: values.reason }));
}

export interface OfflineGiftForm {
  beneficiary: { type: 'walker' | 'team'; id: string };
  amountCents: number;
  /** Without an e-mail address (cash from a collection jar): nobody is mailed, no tax certificate. */
  donor: { name: string; email?: string };
  /** From a group (a school, a club) rather than a person: counts as raised, never on a tax certificate. */
  collective: boolean;
  method: 'cash' | 'bank_transfer';
  receivedOn: string;
  reference?: string;
  /** Made when the form was shown: pressing the button twice records one gift. */
  giftKey: string;
}

export function parseOfflineGift(body: unknown, t: DeskMessages): Parsed<OfflineGiftForm> {
  const { values, errors } = fields(
    body,
    [
      'beneficiaryType',
      'beneficiaryId',
      'amount',
      'donorName',
      'donorEmail',
      'collective',
      'method',
      'receivedOn',
      'reference',
      'giftKey',
      'q',
    ],
    t,
  );
  if (values.beneficiaryType !== 'walker' && values.beneficiaryType !== 'team') errors.form = t.errorChooseBeneficiary;
  if (!values.beneficiaryId) errors.form = t.errorChooseBeneficiary;
  const amountCents = centsOf(values.amount ?? '');
  if (amountCents === undefined || amountCents < 1) errors.amount = t.errorAmount;
  const donorName = nameProblem(values.donorName ?? '');
  if (donorName === 'missing') errors.donorName = t.errorDonorName;
  else if (donorName === 'too_long') errors.donorName = t.errorNameTooLong;
  // the address may be left empty, but what is typed there must be one
  if (values.donorEmail && !isEmailAddress(values.donorEmail)) errors.donorEmail = t.errorDonorEmail;
  if (values.collective !== undefined && values.collective !== 'yes') errors.collective = t.errorOneValue;
  if (values.method !== 'cash' && values.method !== 'bank_transfer') errors.method = t.errorMethod;
  if (!isCalendarDay(values.receivedOn ?? '')) errors.receivedOn = t.errorReceivedOn;
  if ((values.reference ?? '').length > 140) errors.reference = t.errorTooLong(140);
  if (!/^[\w-]{8,64}$/.test(values.giftKey ?? '')) errors.form = t.errorReload;
  return done(errors, () => ({
    beneficiary: { type: values.beneficiaryType as 'walker' | 'team', id: values.beneficiaryId },
    amountCents: amountCents ?? 0,
    donor: { name: values.donorName, ...(values.donorEmail ? { email: values.donorEmail } : {}) },
    collective: values.collective === 'yes',
    method: values.method as 'cash' | 'bank_transfer',
    receivedOn: values.receivedOn,
    ...(values.reference ? { reference: values.reference } : {}),
    giftKey: values.giftKey,
  }));
}

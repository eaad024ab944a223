import { MAX_KM, PERSON_NAME_MAX_LENGTH } from '@rw/fundraising';
import { isEmail } from 'class-validator';

/** A form field's problem, shown next to the field. */
export type FieldErrors = Record<string, string>;

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Only the form's own fields: anything else is refused, like the API's whitelist. */
function fields(body: unknown, allowed: readonly string[]): { values: Record<string, string>; errors: FieldErrors } {
  const values: Record<string, string> = {};
  const errors: FieldErrors = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (!allowed.includes(key)) errors.form = `unknown field ${key}`;
    else if (typeof value !== 'string') errors[key] = 'give one value';
    else values[key] = value.trim();
  }
  return { values, errors };
}

function done<T>(errors: FieldErrors, value: () => T): Parsed<T> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: value() };
}

export function parseLogin(body: unknown): Parsed<{ email: string; password: string }> {
  const { values, errors } = fields(body, ['email', 'password']);
  if (!values.email || !isEmail(values.email)) errors.email = 'give the e-mail address of your account';
  if (!values.password) errors.password = 'give your password';
  return done(errors, () => ({ email: values.email, password: values.password }));
}

export function parseDistance(body: unknown): Parsed<{ km: number }> {
  const { values, errors } = fields(body, ['km', 'q']);
  const km = Number((values.km ?? '').replace(',', '.'));
  if (!/^\d{1,4}([.,]\d{1,2})?$/.test(values.km ?? '') || km > MAX_KM) {
    errors.km = `give the distance in km, from 0 to ${MAX_KM}, at most two decimals`;
  }
  return done(errors, () => ({ km }));
}

export function parseFeeWaiver(body: unknown): Parsed<{ reason: string }> {
  const { values, errors } = fields(body, ['reason', 'q']);
  if (!values.reason) errors.reason = 'say why the fee is waived (for example: refugee)';
  else if (values.reason.length > 200) errors.reason = 'at most 200 characters';
  return done(errors, () => ({ reason: values.reason }));
}

export interface OfflineGiftForm {
  beneficiary: { type: 'walker' | 'team'; id: string };
  amountCents: number;
  donor: { name: string; email: string };
  method: 'cash' | 'bank_transfer';
  receivedOn: string;
  reference?: string;
  /** Made when the form was shown: pressing the button twice records one gift. */
  giftKey: string;
}

/** Euros as typed at the desk ("25", "25,50", "25.5") to cents, without floating point. */
export function centsFromEuros(text: string): number | undefined {
  const match = /^(\d{1,7})(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '0').padEnd(2, '0'));
}

export function parseOfflineGift(body: unknown): Parsed<OfflineGiftForm> {
  const { values, errors } = fields(body, [
    'beneficiaryType',
    'beneficiaryId',
    'amount',
    'donorName',
    'donorEmail',
    'method',
    'receivedOn',
    'reference',
    'giftKey',
    'q',
  ]);
  if (values.beneficiaryType !== 'walker' && values.beneficiaryType !== 'team') errors.form = 'choose a walker or team';
  if (!values.beneficiaryId) errors.form = 'choose a walker or team';
  const amountCents = centsFromEuros(values.amount ?? '');
  if (amountCents === undefined || amountCents < 1) errors.amount = 'give the amount in euros, for example 25 or 25,50';
  if (!values.donorName) errors.donorName = 'give the donor’s name';
  else if (values.donorName.length > PERSON_NAME_MAX_LENGTH) errors.donorName = 'that name is too long';
  if (!values.donorEmail || !isEmail(values.donorEmail)) errors.donorEmail = 'give the donor’s e-mail address';
  if (values.method !== 'cash' && values.method !== 'bank_transfer') errors.method = 'choose cash or bank transfer';
  if (!/^\d{4}-\d{2}-\d{2}$/.test(values.receivedOn ?? '') || Number.isNaN(Date.parse(values.receivedOn ?? ''))) {
    errors.receivedOn = 'give the day the money came in (YYYY-MM-DD)';
  }
  if ((values.reference ?? '').length > 140) errors.reference = 'at most 140 characters';
  if (!/^[\w-]{8,64}$/.test(values.giftKey ?? '')) errors.form = 'reload the page and try again';
  return done(errors, () => ({
    beneficiary: { type: values.beneficiaryType as 'walker' | 'team', id: values.beneficiaryId },
    amountCents: amountCents ?? 0,
    donor: { name: values.donorName, email: values.donorEmail },
    method: values.method as 'cash' | 'bank_transfer',
    receivedOn: values.receivedOn,
    ...(values.reference ? { reference: values.reference } : {}),
    giftKey: values.giftKey,
  }));
}

import { PERSON_NAME_MAX_LENGTH, TAX_YEAR_MAX, TAX_YEAR_MIN } from '@rw/fundraising';
import type { Language } from '@rw/kernel';
import { t } from '../../i18n';
import { isEmailAddress } from '@rw/kernel';
import type { FinanceKey } from './finance-views';

/** A form's problems per field, in the visitor's language; `form` for the whole form. */
export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/**
 * The finance desk's forms, checked as the API's DTOs check the same values (days that exist, years in range, an
 * e-mail address, the beneficiary types): only the form's own fields, each one string, trimmed.
 */
class Form {
  readonly values: Record<string, string> = {};
  readonly errors: FieldErrors = {};

  constructor(
    body: unknown,
    allowed: readonly string[],
    private readonly language: Language,
  ) {
    for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
      if (value === undefined) continue;
      if (!allowed.includes(key) || typeof value !== 'string') this.refuse('form', 'errorUnknownField');
      else this.values[key] = value.trim();
    }
  }

  refuse(field: string, key: FinanceKey): void {
    this.errors[field] ??= t(this.language, `finance.${key}`);
  }

  done<T>(value: () => T): Parsed<T> {
    return Object.keys(this.errors).length > 0 ? { ok: false, errors: this.errors } : { ok: true, value: value() };
  }
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day that exists, as YYYY-MM-DD. */
export function isDay(value: string | undefined): value is string {
  const match = DAY.exec(value ?? '');
  if (!match) return false;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return date.toISOString().slice(0, 10) === value;
}

export function parseLogin(body: unknown, language: Language): Parsed<{ email: string; password: string }> {
  const form = new Form(body, ['email', 'password'], language);
  if (!isEmailAddress(form.values.email)) form.refuse('email', 'errorEmail');
  if (!form.values.password) form.refuse('password', 'errorPassword');
  return form.done(() => ({ email: form.values.email, password: (body as Record<string, string>).password }));
}

export function parsePeriod(query: unknown, language: Language): Parsed<{ from: string; to: string }> {
  const form = new Form(query, ['from', 'to'], language);
  const { from, to } = form.values;
  if (!isDay(from)) form.refuse('from', 'errorDay');
  if (!isDay(to)) form.refuse('to', 'errorDay');
  else if (isDay(from) && from > to) form.refuse('to', 'errorPeriodBackwards');
  return form.done(() => ({ from, to }));
}

export function parseYear(query: unknown, language: Language, range: 'tax' | 'stats'): Parsed<{ year: number }> {
  const form = new Form(query, ['year'], language);
  const year = Number(form.values.year);
  const [min, max] = range === 'tax' ? [TAX_YEAR_MIN, TAX_YEAR_MAX] : [2000, 2100];
  if (!/^\d{4}$/.test(form.values.year ?? '')) form.refuse('year', 'errorYear');
  else if (year < min || year > max) form.refuse('year', range === 'tax' ? 'errorTaxYear' : 'errorYear');
  return form.done(() => ({ year }));
}

/** A refund: the form's key (one per rendered form) and, for one payment, its charge id. */
export function parseRefund(body: unknown, language: Language): Parsed<{ refundKey: string; chargeId?: string }> {
  const form = new Form(body, ['refundKey', 'chargeId'], language);
  const { refundKey, chargeId } = form.values;
  // the form's own key: a UUID as the page made it (anything else was not sent by our page)
  if (!/^[\w-]{8,64}$/.test(refundKey ?? '')) form.refuse('form', 'invalidRequest');
  if (chargeId !== undefined && (chargeId === '' || chargeId.length > 200)) form.refuse('form', 'errorCharge');
  return form.done(() => ({ refundKey, ...(chargeId === undefined ? {} : { chargeId }) }));
}

export interface Assignment {
  beneficiary: { type: 'walker' | 'team' | 'edition'; id: string };
  donor: { name: string; email: string };
}

export function parseAssignment(body: unknown, language: Language): Parsed<Assignment> {
  const form = new Form(body, ['beneficiaryType', 'beneficiaryId', 'donorName', 'donorEmail', 'status'], language);
  const { beneficiaryType, beneficiaryId, donorName, donorEmail } = form.values;
  if (beneficiaryType !== 'walker' && beneficiaryType !== 'team' && beneficiaryType !== 'edition') {
    form.refuse('beneficiaryType', 'errorBeneficiaryType');
  }
  if (!beneficiaryId) form.refuse('beneficiaryId', 'errorBeneficiaryId');
  else if (beneficiaryId.length > 100) form.refuse('beneficiaryId', 'errorTooLong');
  if (!donorName) form.refuse('donorName', 'errorDonorName');
  else if (donorName.length > PERSON_NAME_MAX_LENGTH) form.refuse('donorName', 'errorTooLong');
  if (!isEmailAddress(donorEmail)) form.refuse('donorEmail', 'errorEmail');
  return form.done(() => ({
    beneficiary: { type: beneficiaryType as Assignment['beneficiary']['type'], id: beneficiaryId },
    donor: { name: donorName, email: donorEmail },
  }));
}

export function parseDonorEmail(body: unknown, language: Language, erasure: boolean): Parsed<{ email: string }> {
  const form = new Form(body, erasure ? ['email', 'confirm'] : ['email'], language);
  if (!isEmailAddress(form.values.email)) form.refuse('email', 'errorEmail');
  if (erasure && form.values.confirm !== 'yes') form.refuse('confirm', 'errorConfirmErasure');
  return form.done(() => ({ email: form.values.email }));
}

import { BadRequestException } from '@nestjs/common';
import type { Translate } from '../i18n';
import type { FormView } from '../views/field';

/** A submitted page form: text values as typed, and per field what is wrong with it (in the visitor's language). */
export type FormState = FormView;

export const emptyForm = (values: Record<string, string> = {}): FormState => ({ values, errors: {} });

/** Only the named fields may be posted: anything else is refused (400), as the JSON API does. */
export function formValues(body: unknown, allowed: readonly string[]): Record<string, string> {
  const given = (body ?? {}) as Record<string, unknown>;
  const unknown = Object.keys(given).filter((key) => !allowed.includes(key));
  if (unknown.length) throw new BadRequestException(`unknown form fields: ${unknown.join(', ')}`);
  const values: Record<string, string> = {};
  for (const key of allowed) {
    const value = given[key];
    if (typeof value === 'string') values[key] = value.trim();
    else if (value !== undefined) throw new BadRequestException(`${key} must be given once`);
  }
  return values;
}

/** The currency as people write it before or after the number: "€ 20", "20 €", "20 EUR", "20 euros". */
const CURRENCY = /^(?:€|eur(?:o|os)?)\s*|\s*(?:€|eur(?:o|os)?)$/gi;

/**
 * An amount as Belgians type it, to cents without floating point: "25", "25,5", "25.50", "€ 20", "20,-",
 * "1.250,00", "1 250,00"; undefined when it is not an amount. Thousands come in groups of three, so "12 50" is not
 * read as 1 250 euro.
 */
export function parseEuros(text: string): number | undefined {
  const bare = text
    .trim()
    .replace(CURRENCY, '')
    .replace(/[.,]-{1,2}$/, '');
  const match = /^(\d{1,3}(?:[.\s]\d{3})+|\d+)(?:[.,](\d{1,2}))?$/.exec(bare);
  if (!match) return undefined;
  const whole = Number(match[1].replace(/[.\s]/g, ''));
  const rest = Number((match[2] ?? '0').padEnd(2, '0'));
  return whole * 100 + rest;
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Checks a name and e-mail address into the form's errors. */
export function checkPerson(form: FormState, t: Translate, nameField: string, emailField: string, maxName: number) {
  const name = form.values[nameField] ?? '';
  if (!name) form.errors[nameField] = t('pages.errorNameNeeded');
  else if (name.length > maxName) form.errors[nameField] = t('pages.errorTooLong', { max: maxName });
  const email = form.values[emailField] ?? '';
  if (!EMAIL.test(email) || email.length > 254) form.errors[emailField] = t('pages.errorEmail');
}

import { BadRequestException } from '@nestjs/common';
import { html, raw } from '../sandbox/html';
import type { Messages } from './i18n';

/** A submitted page form: text values as typed, and per field what is wrong with it (in the visitor's language). */
export interface FormState {
  values: Record<string, string>;
  errors: Record<string, string>;
}

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
export function checkPerson(form: FormState, t: Messages, nameField: string, emailField: string, maxName: number) {
  const name = form.values[nameField] ?? '';
  if (!name) form.errors[nameField] = t.errorNameNeeded;
  else if (name.length > maxName) form.errors[nameField] = t.errorTooLong(maxName);
  const email = form.values[emailField] ?? '';
  if (!EMAIL.test(email) || email.length > 254) form.errors[emailField] = t.errorEmail;
}

interface FieldOptions {
  type?: 'text' | 'email' | 'number' | 'textarea';
  required?: boolean;
  hint?: string;
  autocomplete?: string;
  inputmode?: 'decimal' | 'numeric';
  maxlength?: number;
}

/** A labelled field; its error is tied to it with aria-describedby and the typed value is kept. */
export function field(form: FormState, t: Messages, name: string, label: string, options: FieldOptions = {}) {
  const id = `field-${name}`;
  const error = form.errors[name];
  const describedBy = [options.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const common = raw(
    [
      `id="${id}" name="${name}"`,
      options.required ? 'required' : '',
      describedBy ? `aria-describedby="${describedBy}"` : '',
      error ? 'aria-invalid="true"' : '',
      options.autocomplete ? `autocomplete="${options.autocomplete}"` : '',
      options.inputmode ? `inputmode="${options.inputmode}"` : '',
      options.maxlength ? `maxlength="${options.maxlength}"` : '',
    ]
      .filter(Boolean)
      .join(' '),
  );
  const value = form.values[name] ?? '';
  const input =
    options.type === 'textarea'
      ? html`<textarea ${common}>${value}</textarea>`
      : html`<input type="${options.type === 'number' ? 'text' : (options.type ?? 'text')}" ${common} value="${value}">`;
  return raw(html`<div class="field">
<label for="${id}">${label}${options.required ? raw(html` <span class="hint">(${t.required})</span>`) : ''}</label>
${raw(options.hint ? html`<p class="hint" id="${id}-hint">${options.hint}</p>` : '')}
${raw(input)}
${raw(error ? html`<p class="field-error" id="${id}-error">${error}</p>` : '')}
</div>`);
}

/** A labelled drop-down list; like `field`, its error is tied to it and the chosen value is kept. */
export function selectField(
  form: FormState,
  name: string,
  label: string,
  options: { value: string; label: string }[],
  autocomplete?: string,
) {
  const id = `field-${name}`;
  const error = form.errors[name];
  const items = options
    .map(
      (option) =>
        html`<option value="${option.value}"${raw(form.values[name] === option.value ? ' selected' : '')}>${option.label}</option>`,
    )
    .join('');
  return raw(html`<div class="field">
<label for="${id}">${label}</label>
<select id="${id}" name="${name}"${raw(autocomplete ? ` autocomplete="${autocomplete}"` : '')}${raw(
    error ? ` aria-describedby="${id}-error" aria-invalid="true"` : '',
  )}>${raw(items)}</select>
${raw(error ? html`<p class="field-error" id="${id}-error">${error}</p>` : '')}
</div>`);
}

/** A group of radio buttons (or checkboxes) in a fieldset with its legend and error. */
export function choices(
  form: FormState,
  name: string,
  legend: string,
  options: { value: string; label: string }[],
  type: 'radio' | 'checkbox' = 'radio',
) {
  const error = form.errors[name];
  const items = options
    .map(
      (option, index) =>
        html`<label class="choice"><input type="${type}" name="${name}" id="field-${name}-${index}" value="${option.value}"${raw(
          form.values[name] === option.value ? ' checked' : '',
        )}${raw(error ? ` aria-describedby="field-${name}-error"` : '')}> ${option.label}</label>`,
    )
    .join('');
  return raw(html`<fieldset${raw(error ? ' aria-invalid="true"' : '')}>
<legend>${legend}</legend>
<div class="choices">${raw(items)}</div>
${raw(error ? html`<p class="field-error" id="field-${name}-error">${error}</p>` : '')}
</fieldset>`);
}

/** At the top of a form with errors: says so, as a live region, so the visitor knows to look down. */
export function errorSummary(form: FormState, t: Messages) {
  return raw(Object.keys(form.errors).length ? html`<p class="error-summary" role="alert">${t.fixErrors}</p>` : '');
}

import { BadRequestException } from '@nestjs/common';
import { isEmailAddress, nameProblem } from '@rw/kernel';
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

/** Checks a name and e-mail address into the form's errors. */
export function checkPerson(form: FormState, t: Messages, nameField: string, emailField: string, maxName: number) {
  const problem = nameProblem(form.values[nameField] ?? '', maxName);
  if (problem === 'missing') form.errors[nameField] = t.errorNameNeeded;
  else if (problem === 'too_long') form.errors[nameField] = t.errorTooLong(maxName);
  if (!isEmailAddress(form.values[emailField] ?? '')) form.errors[emailField] = t.errorEmail;
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

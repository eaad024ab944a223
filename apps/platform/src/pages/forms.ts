import { BadRequestException } from '@nestjs/common';
import { PERSON_NAME_MAX_LENGTH } from '@rw/kernel';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
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

/** Per dotted path of a body ('sponsor.email'), the names of the rules of its DTO class it breaks ('maxLength'). */
export type DtoProblems = Map<string, Set<string>>;

/**
 * A page form checked by the JSON API's own DTO class: the page makes the body the API takes from its fields and
 * validates it as the API's pipe does, so one rule holds for both; the page only says the problems in the
 * visitor's language, by the field they came from.
 */
export function dtoProblems(dto: new () => object, body: object): DtoProblems {
  const problems: DtoProblems = new Map();
  const walk = (errors: ValidationError[], parent: string) => {
    for (const error of errors) {
      const path = parent ? `${parent}.${error.property}` : error.property;
      if (error.constraints) problems.set(path, new Set(Object.keys(error.constraints)));
      walk(error.children ?? [], path);
    }
  };
  const options = { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true };
  walk(validateSync(plainToInstance(dto, body), options), '');
  return problems;
}

/** How a body's path shows on the page: the form field, and the sentence for the rules it breaks. */
export type FieldOfPath = Record<string, [field: string, say: (rules: Set<string>) => string]>;

/**
 * Puts a DTO's problems under the form's fields; a field that already has an error (a text that could not be
 * read as an amount) keeps it. A path the page does not show is the page's own mistake (it made the body), not
 * the visitor's: it fails loudly.
 */
export function addDtoErrors(form: FormState, problems: DtoProblems, fields: FieldOfPath): void {
  for (const [path, rules] of problems) {
    const shown = fields[path];
    if (!shown) throw new Error(`the page form has no field for ${path} (${[...rules].join(', ')})`);
    const [name, say] = shown;
    form.errors[name] ??= say(rules);
  }
}

/** A person's name and e-mail address (the body's `captain`, `sponsor`, `donor`, or the body itself) as the form's `name` and `email`. */
export function personFields(t: Messages, path: string): FieldOfPath {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  return {
    [at('name')]: [
      'name',
      (rules) => (rules.has('maxLength') ? t.errorTooLong(PERSON_NAME_MAX_LENGTH) : t.errorNameNeeded),
    ],
    [at('email')]: ['email', () => t.errorEmail],
  };
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

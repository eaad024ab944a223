import type { ComponentChildren } from 'preact';

/** What a form shows again: the values as typed, and per field what is wrong with it (in the visitor's language). */
export interface FormView {
  values: Record<string, string>;
  errors: Record<string, string>;
}

export interface FieldOptions {
  type?: 'text' | 'email' | 'number' | 'textarea';
  /** The field must be filled in; the words say so next to the label ("verplicht"). */
  requiredNote?: string;
  hint?: string;
  autocomplete?: string;
  inputmode?: 'decimal' | 'numeric';
  maxlength?: number;
}

const joined = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/** The error under a control, tied to it by id (`aria-describedby`). */
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p class="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

/** A labelled field; its hint and error are tied to it with aria-describedby and the typed value is kept. */
export function Field(props: { form: FormView; name: string; label: string } & FieldOptions) {
  const { form, name, label, requiredNote, hint } = props;
  const id = `field-${name}`;
  const error = form.errors[name];
  const value = form.values[name] ?? '';
  const control = {
    id,
    name,
    required: requiredNote !== undefined,
    'aria-describedby': joined(hint && `${id}-hint`, error && `${id}-error`),
    'aria-invalid': error ? ('true' as const) : undefined,
    autocomplete: props.autocomplete,
    inputmode: props.inputmode,
    maxlength: props.maxlength,
  };
  return (
    <div class="field">
      <label for={id}>
        {label}
        {requiredNote !== undefined && (
          <>
            {' '}
            <span class="hint">({requiredNote})</span>
          </>
        )}
      </label>
      {hint && (
        <p class="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {props.type === 'textarea' ? (
        <textarea {...control} value={value} />
      ) : (
        <input type={props.type === 'number' || !props.type ? 'text' : props.type} {...control} value={value} />
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

export interface Option {
  value: string;
  label: string;
}

/** A labelled drop-down list; like `Field`, its error is tied to it and the chosen value is kept. */
export function SelectField(props: {
  form: FormView;
  name: string;
  label: string;
  options: Option[];
  autocomplete?: string;
}) {
  const { form, name } = props;
  const id = `field-${name}`;
  const error = form.errors[name];
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select
        id={id}
        name={name}
        autocomplete={props.autocomplete}
        aria-describedby={error ? `${id}-error` : undefined}
        aria-invalid={error ? 'true' : undefined}
      >
        {props.options.map((option) => (
          <option value={option.value} selected={form.values[name] === option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** Radio buttons (or checkboxes) as `label.choice` items, each tied to the group's error. */
export function ChoiceItems(props: { form: FormView; name: string; options: Option[]; type?: 'radio' | 'checkbox' }) {
  const { form, name } = props;
  const error = form.errors[name];
  return (
    <div class="choices">
      {props.options.map((option, index) => (
        <label class="choice">
          <input
            type={props.type ?? 'radio'}
            name={name}
            id={`field-${name}-${index}`}
            value={option.value}
            checked={form.values[name] === option.value}
            aria-describedby={error ? `field-${name}-error` : undefined}
          />{' '}
          {option.label}
        </label>
      ))}
    </div>
  );
}

/** A group of radio buttons (or checkboxes) in a fieldset with its legend and error. */
export function Choices(props: {
  form: FormView;
  name: string;
  legend: string;
  options: Option[];
  type?: 'radio' | 'checkbox';
  class?: string;
  children?: ComponentChildren;
}) {
  const { form, name } = props;
  const error = form.errors[name];
  return (
    <fieldset class={props.class} aria-invalid={error ? 'true' : undefined}>
      <legend>{props.legend}</legend>
      <ChoiceItems form={form} name={name} options={props.options} type={props.type} />
      <FieldError id={`field-${name}-error`} error={error} />
      {props.children}
    </fieldset>
  );
}

/** At the top of a form with errors: says so, as a live region, so the visitor knows to look down. */
export function ErrorSummary({ form, message }: { form: FormView; message: string }) {
  return Object.keys(form.errors).length ? (
    <p class="error-summary" role="alert">
      {message}
    </p>
  ) : null;
}

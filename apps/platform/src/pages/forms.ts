import { BadRequestException } from '@nestjs/common';
import { PERSON_NAME_MAX_LENGTH } from '@rw/kernel';
import { plainToInstance } from 'class-transformer';
import { type ValidationError, validateSync } from 'class-validator';
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
export function personFields(t: Translate, path: string): FieldOfPath {
  const at = (key: string) => (path ? `${path}.${key}` : key);
  return {
    [at('name')]: [
      'name',
      (rules) =>
        rules.has('maxLength') ? t('pages.errorTooLong', { max: PERSON_NAME_MAX_LENGTH }) : t('pages.errorNameNeeded'),
    ],
    [at('email')]: ['email', () => t('pages.errorEmail')],
  };
}

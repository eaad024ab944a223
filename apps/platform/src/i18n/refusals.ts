import type { DomainError } from '@rw/event-store';
import type { Language } from '@rw/kernel';
import { catalogues, type MessageKey } from './catalogue';
import { type MessageValues, t } from './translate';

/** A domain refusal as a person reads it: in their language, under the field it concerns (if one). */
export interface Refusal {
  field?: string;
  message: string;
}

const snakeCase = (name: string) => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** The stable code of a refusal: the one its class names, else its class name in snake case. */
export function refusalCode(error: DomainError): string {
  return error.code && error.code !== 'domain_error' ? error.code : snakeCase(error.name);
}

/**
 * The edge's translation of a domain refusal: the deciders say what was refused in a code with parameters (and the
 * English message the JSON API returns); pages, desk and mails say it with the catalogue.
 */
export function refusal(language: Language, error: DomainError): Refusal {
  const code = refusalCode(error);
  const sentences = catalogues[language].errors as Record<string, string>;
  // a class that guards several rules says which one refused: `errors.<code>_<reason>` says it precisely
  const key = [error.reason && `${code}_${error.reason}`, code].find(
    (candidate) => candidate && candidate in sentences,
  );
  const message = key
    ? t(language, `errors.${key}` as MessageKey, error.params as MessageValues)
    : t(language, 'errors.generic', { reason: error.message });
  return error.field ? { field: error.field, message } : { message };
}

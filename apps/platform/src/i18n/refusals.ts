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

/** The stable code of a refusal: the one it carries, else its class name in snake case. */
export function refusalCode(error: DomainError): string {
  return (error as { code?: string }).code ?? snakeCase(error.name);
}

/**
 * The edge's translation of a domain refusal: the deciders say what was refused in a code with parameters (and the
 * English message the JSON API returns); pages, desk and mails say it with the catalogue.
 */
export function refusal(language: Language, error: DomainError): Refusal {
  const code = refusalCode(error);
  const params = (error as { params?: MessageValues }).params ?? {};
  const field = (error as { field?: string }).field;
  const known = code in catalogues[language].errors;
  const message = known
    ? t(language, `errors.${code}` as MessageKey, params)
    : t(language, 'errors.generic', { reason: error.message });
  return field ? { field, message } : { message };
}

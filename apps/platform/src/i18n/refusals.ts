import type { DomainError } from '@rw/event-store';
import { formatMoney, type Language } from '@rw/kernel';
import { catalogues, type MessageKey } from './catalogue';
import { type MessageValues, t } from './translate';

/** A domain refusal as a person reads it: in their language, under the field it concerns (if one). */
export interface Refusal {
  field?: string;
  message: string;
}

/** A refusal's parameters for its sentence; amounts are cents, so each number is also given as money (`minMoney`). */
function valuesOf(params: Record<string, string | number>, language: Language): MessageValues {
  const values: MessageValues = { ...params };
  for (const [name, value] of Object.entries(params)) {
    if (typeof value === 'number') values[`${name}Money`] = formatMoney(value, language);
  }
  return values;
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
  // a class that guards several rules says which one refused: `<code>_<reason>` for a sentence of that class
  // alone, else `reason_<reason>` (the same rule, e.g. a name too long, said alike wherever it refuses), else the
  // class's own sentence
  const key = [error.reason && `${code}_${error.reason}`, error.reason && `reason_${error.reason}`, code].find(
    (candidate) => candidate && candidate in sentences,
  );
  const message = key
    ? t(language, `errors.${key}` as MessageKey, valuesOf(error.params, language))
    : t(language, 'errors.generic', { reason: error.message });
  return error.field ? { field: error.field, message } : { message };
}

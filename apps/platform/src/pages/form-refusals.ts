import type { DomainError } from '@rw/event-store';
import type { Language } from '@rw/kernel';
import { refusal, refusalCode } from '../i18n';
import type { FormState } from './forms';

/**
 * A domain refusal put into a page form: in the visitor's language (the catalogue's `errors` section), under the
 * field it concerns. The form says first which of its fields a refusal is about (`fieldOf`): a refusal names the
 * domain's field (a team's `name`), which need not be the form's (`teamName`, beside the captain's `name`). Else the
 * refusal's own field when the form has one of that name, else `otherwise`.
 */
export function refuseInto(
  form: FormState,
  language: Language,
  error: DomainError,
  fieldOf: (code: string, error: DomainError) => string | undefined,
  otherwise: string,
): void {
  const { field, message } = refusal(language, error);
  const name = fieldOf(refusalCode(error), error) ?? (field && field in form.values ? field : otherwise);
  form.errors[name] = message;
}

/** The field of the domain a refusal names (`targetCents`, `capCents`...), when it names one. */
export const domainField = (error: DomainError): string | undefined => (error as { field?: string }).field;

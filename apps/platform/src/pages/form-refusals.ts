import type { DomainError } from '@rw/event-store';
import type { Language } from '@rw/kernel';
import { refusal, refusalCode } from '../i18n';
import type { FormState } from './forms';

/**
 * A domain refusal put into a page form: in the visitor's language (the catalogue's `errors` section), under the
 * field it concerns. The refusal names its field when it knows it; otherwise the form says which of its fields a
 * refusal of that code is about (`fieldOf`), and what it cannot place goes under `otherwise`.
 */
export function refuseInto(
  form: FormState,
  language: Language,
  error: DomainError,
  fieldOf: (code: string, error: DomainError) => string | undefined,
  otherwise: string,
): void {
  const { field, message } = refusal(language, error);
  const name = field && field in form.values ? field : (fieldOf(refusalCode(error), error) ?? otherwise);
  form.errors[name] = message;
}

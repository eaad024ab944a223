import { HttpStatus } from '@nestjs/common';
import type { DomainError } from '@rw/event-store';

/** The one map from a domain refusal to an HTTP status: the JSON API, the pages and the desk all answer with it. */
const statusOfKind: Record<DomainError['kind'], number> = {
  invalid: HttpStatus.BAD_REQUEST,
  not_found: HttpStatus.NOT_FOUND,
  conflict: HttpStatus.CONFLICT,
  forbidden: HttpStatus.FORBIDDEN,
};

export function statusOfDomainError(error: DomainError): number {
  return statusOfKind[error.kind];
}

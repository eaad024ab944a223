import { DomainError } from '@rw/event-store';

export class InvalidTaxCertificates extends DomainError {
  readonly kind = 'invalid';
}

import { DomainError } from '@rw/event-store';

export class InvalidTaxCertificates extends DomainError {
  static override readonly code = 'invalid_tax_certificates';
  readonly kind = 'invalid';
}

import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus } from '@nestjs/common';
import { ConcurrencyConflict, DomainError, EventStoreUnavailable } from '@rw/event-store';
import type { Request, Response } from 'express';
import type { Logger } from '../logging/logger';
import { BODY_TOO_DEEP } from './body-limits';
import { statusOfDomainError } from './domain-error-status';
import { PageErrorFilter } from '../pages/page-errors';
import { RetryLater } from './retry-later';

/** The one place where errors become HTTP answers: `{ message, errors? }` with the status the contract names. */
@Catch()
export class ErrorFilter implements ExceptionFilter {
  private readonly pages: PageErrorFilter;

  constructor(private readonly logger: Logger) {
    this.pages = new PageErrorFilter(logger);
  }

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<Request>();
    // an address outside the JSON API (an unknown page, a mistyped link) asked by a browser gets a page
    if (
      !request.path.startsWith('/api/') &&
      request.path !== '/health' &&
      request.accepts(['json', 'html']) === 'html'
    ) {
      this.pages.catch(exception, host);
      return;
    }
    const response = host.switchToHttp().getResponse<Response>();
    const { status, body } = this.answer(exception);
    if (exception instanceof RetryLater) response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    if (status >= 500) this.logger.error({ err: exception }, 'request failed');
    response.status(status).json(body);
  }

  private answer(exception: unknown): { status: number; body: Record<string, unknown> } {
    if (exception instanceof DomainError) {
      const status = statusOfDomainError(exception);
      return {
        status,
        body: status === 400 ? { message: exception.message, errors: [] } : { message: exception.message },
      };
    }
    if (exception instanceof ConcurrencyConflict) {
      return { status: HttpStatus.CONFLICT, body: { message: exception.message } };
    }
    if (exception instanceof EventStoreUnavailable) {
      return {
        status: HttpStatus.SERVICE_UNAVAILABLE,
        body: { message: 'the platform cannot store anything right now; please try again shortly' },
      };
    }
    const cause = (exception as { cause?: { type?: string; message?: string } } | null)?.cause;
    if (cause?.type === BODY_TOO_DEEP) {
      return { status: 400, body: { message: String(cause.message), errors: [] } };
    }
    if (cause?.type === 'entity.parse.failed') {
      return { status: 400, body: { message: 'the request body is not valid JSON', errors: [] } };
    }
    if (cause?.type === 'entity.too.large') {
      return { status: 413, body: { message: 'the request body is too large' } };
    }
    if (exception instanceof HttpException) {
      const status = exception.getStatus();
      const raw = exception.getResponse();
      const given = typeof raw === 'string' ? { message: raw } : (raw as Record<string, unknown>);
      const message = Array.isArray(given.message)
        ? given.message.join('; ')
        : String(given.message ?? exception.message);
      if (status === 400) return { status, body: { message, errors: (given.errors as unknown[]) ?? [] } };
      return { status, body: { message } };
    }
    return { status: 500, body: { message: 'something went wrong on our side; nothing was lost, please try again' } };
  }
}

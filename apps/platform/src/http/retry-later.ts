import { HttpException } from '@nestjs/common';

/**
 * A refusal the caller may try again after `retryAfterSeconds`: 429 (this client or account asked too often) or
 * 503 (the platform is busy). The error filter sends the `Retry-After` header with it.
 */
export class RetryLater extends HttpException {
  constructor(
    status: 429 | 503,
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(message, status);
  }
}

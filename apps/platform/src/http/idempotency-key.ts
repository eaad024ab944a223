import { BadRequestException, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { isIdempotencyKey } from '@rw/fundraising';
import type { Request } from 'express';

/**
 * The request's `Idempotency-Key` header, when it has one: a key that is not 1 to 200 visible ASCII characters
 * is refused with 400 before anything is done.
 */
export function readIdempotencyKey(_data: unknown, context: ExecutionContext): string | undefined {
  const key = context.switchToHttp().getRequest<Request>().headers['idempotency-key'];
  if (key === undefined) return undefined;
  if (!isIdempotencyKey(key)) {
    throw new BadRequestException({
      message: 'invalid request: the Idempotency-Key header must be 1 to 200 visible ASCII characters',
      errors: [{ field: 'Idempotency-Key', problems: ['1 to 200 visible ASCII characters'] }],
    });
  }
  return key;
}

export const IdempotencyKey = createParamDecorator(readIdempotencyKey);

/** What a client's `Idempotency-Key` may be: 1 to 200 visible ASCII characters (it names a gift, a refund, a charge). */
const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

export function isIdempotencyKey(value: unknown): value is string {
  return typeof value === 'string' && IDEMPOTENCY_KEY.test(value);
}

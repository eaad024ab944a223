import type { IncomingMessage } from 'node:http';

/**
 * How deep a JSON body may nest. The deepest request the API takes is a gift with a tax certificate
 * (`{ donor: { address: { … } } }`, 3 levels); 8 leaves room for growth and refuses the hostile 100,000-deep arrays
 * that made class-transformer recurse until the stack broke (0.3 s of event loop each).
 */
export const MAX_JSON_DEPTH = 8;
/** Payment providers' webhook events nest deeper (Stripe's expanded objects) and never reach class-transformer. */
export const MAX_WEBHOOK_JSON_DEPTH = 32;

/** The error type a too deep body is refused with (next to body-parser's `entity.parse.failed`). */
export const BODY_TOO_DEEP = 'entity.too.deep';

const OPEN_BRACE = 0x7b;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACE = 0x7d;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;

/**
 * True when the JSON text nests deeper than `limit` arrays or objects. One pass over the bytes, stopping at the first
 * level too deep: linear in the body's size, no allocation. Brackets inside strings do not count. UTF-8 needs no
 * decoding (bytes of multi-byte characters are all ≥ 0x80); other encodings are decoded first.
 */
export function nestsDeeperThan(body: Uint8Array | string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  const length = body.length;
  const at: (i: number) => number =
    typeof body === 'string' ? (i) => body.charCodeAt(i) : (i) => (body as Uint8Array)[i];
  for (let i = 0; i < length; i++) {
    const c = at(i);
    if (inString) {
      if (c === BACKSLASH) i++;
      else if (c === QUOTE) inString = false;
    } else if (c === QUOTE) inString = true;
    else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
      depth++;
      if (depth > limit) return true;
    } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) depth--;
  }
  return false;
}

/**
 * The body parsers' `verify`: keeps the exact bytes (webhook signatures are computed over them) and refuses a JSON
 * body nested too deep before it is parsed, so nothing downstream ever walks it. Form bodies are parsed flat
 * (`extended: false`): they cannot nest.
 */
export function verifyBody(
  request: IncomingMessage & { rawBody?: Buffer },
  _response: unknown,
  body: Buffer,
  encoding: string,
) {
  request.rawBody = body;
  if (!/json/i.test(request.headers['content-type'] ?? '')) return;
  const limit = (request.url ?? '').startsWith('/api/webhooks/') ? MAX_WEBHOOK_JSON_DEPTH : MAX_JSON_DEPTH;
  const text = /^utf-?8$/i.test(encoding) ? body : new TextDecoder(encoding).decode(body);
  if (nestsDeeperThan(text, limit)) {
    // shaped like body-parser's own errors (status, type): the error filter answers it as a 400
    throw Object.assign(new Error(`the request body nests deeper than ${limit} levels of arrays and objects`), {
      status: 400,
      type: BODY_TOO_DEEP,
    });
  }
}

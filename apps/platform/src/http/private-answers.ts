import type { NextFunction, Request, Response } from 'express';

/**
 * Answers that are someone's own and must not stay in a browser's history cache or a shared proxy: everything a
 * staff member asks (a bearer token or the desk), every answer to a write (a login's token, a gift's checkout),
 * every page opened through a private link (`?token=`), walkers' edit pages, a gift's own pages and result, and
 * the staff-only API (accounts, donors' access exports, finance exports, imports).
 */
const PRIVATE_PATHS = [
  /^\/desk(\/|$)/,
  /^\/walkers\/[^/]+\/edit(\/|$)/,
  /^\/donations\/[^/]+\/(cancel|result)(\/|$)/,
  /^\/pledges\/[^/]+\/(pay|thanks)(\/|$)/,
  /^\/walkers\/[^/]+\/registered(\/|$)/,
  /^\/registration-fees\//,
  /^\/sandbox\//,
  /^\/api\/(auth|accounts|donors|finance|imports|donations)(\/|$)/,
];

export function noStoreForPrivateAnswers(request: Request, response: Response, next: NextFunction): void {
  if (
    request.method !== 'GET' ||
    request.headers.authorization !== undefined ||
    /[?&]token=/.test(request.url) ||
    PRIVATE_PATHS.some((path) => path.test(request.path))
  ) {
    response.setHeader('Cache-Control', 'no-store');
  }
  next();
}

/**
 * Behind https (PUBLIC_BASE_URL), every cookie is `Secure`, whoever sets it, so a browser never sends one over
 * plain http. Express's `request.secure` is not enough: TLS usually ends at a proxy, and a cookie set on a
 * request that came in as http (a redirect, a misconfigured proxy) would go out without the flag.
 */
export function secureCookies(_request: Request, response: Response, next: NextFunction): void {
  const cookie = response.cookie.bind(response);
  response.cookie = ((name: string, value: unknown, options: Record<string, unknown> = {}) =>
    cookie(name, value as string, { ...options, secure: true })) as Response['cookie'];
  next();
}

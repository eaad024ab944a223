import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { tokenSecret } from '../accounts/token-secret';
import { PlatformConfig } from '../config/config';
import { DESK_COOKIE } from '../desk/desk-session';
import { FINANCE_COOKIE } from '../finance/desk/finance-session';
import { readCookie } from '../i18n';

export const CSRF_COOKIE = 'rw_csrf';
export const CSRF_FIELD = '_csrf';

/**
 * Signed double-submit: a random value in a cookie, and in every form its HMAC. Another site can make the browser
 * send the cookie but cannot read it, so it cannot write the matching field. Behind a login the HMAC also covers
 * the session cookie (the desk's, sent to /desk only): a pair of cookie and field someone obtained for themselves,
 * and planted in another browser, opens nothing in that browser's session, and a form from before a login does not
 * work after it.
 */
@Injectable()
export class CsrfTokens {
  private readonly secret: string;

  constructor(config: PlatformConfig) {
    this.secret = `csrf\u0000${tokenSecret(config)}`;
  }

  /** The form field value for this browser; sets the cookie when it has none yet. */
  issue(request: Request, response: Response): string {
    let value = readCookie(request, CSRF_COOKIE);
    if (!value || !/^[\w-]{32,64}$/.test(value)) {
      value = randomBytes(24).toString('base64url');
      response.cookie(CSRF_COOKIE, value, { httpOnly: true, sameSite: 'lax', secure: request.secure, path: '/' });
      // the same request may render more than one form
      request.headers.cookie = `${request.headers.cookie ? `${request.headers.cookie}; ` : ''}${CSRF_COOKIE}=${value}`;
    }
    return this.sign(value, session(request));
  }

  verify(request: Request): boolean {
    const value = readCookie(request, CSRF_COOKIE);
    const given = (request.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
    if (!value || typeof given !== 'string') return false;
    const expected = Buffer.from(this.sign(value, session(request)));
    const actual = Buffer.from(given);
    return expected.length === actual.length && timingSafeEqual(expected, actual);
  }

  private sign(value: string, session: string): string {
    const hmac = createHmac('sha256', this.secret).update(value);
    if (session) hmac.update(`\u0000${session}`);
    return hmac.digest('base64url');
  }
}

/**
 * The login session the form belongs to, if any: the organiser desk's or the finance desk's session cookie as the
 * browser sends it (each is sent to its own desk's paths only).
 */
const session = (request: Request) =>
  [readCookie(request, DESK_COOKIE), readCookie(request, FINANCE_COOKIE)].filter(Boolean).join('\u0000');

/** On every page form POST: a missing or wrong token is refused before anything runs (403, nothing written). */
@Injectable()
export class CsrfGuard implements CanActivate {
  constructor(private readonly tokens: CsrfTokens) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    if (request.method === 'GET' || request.method === 'HEAD') return true;
    if (!this.tokens.verify(request)) throw new ForbiddenException('the form token is missing or wrong');
    // the token is not part of the form's data: the DTO whitelist would reject it
    delete (request.body as Record<string, unknown>)[CSRF_FIELD];
    return true;
  }
}

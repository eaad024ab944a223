import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type AuthenticatedRequest, AuthService } from '../../accounts/auth';
import type { PlatformConfig } from '../../config/config';
import { readCookie } from '../../i18n';

/**
 * Finance's login token (the JWT of POST /api/auth/login), as the organiser desk keeps its own: HttpOnly,
 * SameSite=Strict, sent to /finance only. A cookie of its own, so that logging in to one desk never logs out of the
 * other, and an organiser's desk session opens nothing here.
 */
export const FINANCE_COOKIE = 'rw_finance';

export function startFinanceSession(response: Response, token: string, config: PlatformConfig): void {
  response.cookie(FINANCE_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: (config.PUBLIC_BASE_URL ?? '').startsWith('https:'),
    path: '/finance',
    maxAge: config.AUTH_TOKEN_TTL_MINUTES * 60_000,
  });
}

export function endFinanceSession(response: Response): void {
  response.clearCookie(FINANCE_COOKIE, { path: '/finance' });
}

/** No session or an expired one: to the login form; staff without the finance role: a page that says so. */
export class FinanceLoginNeeded extends HttpException {
  constructor(readonly reason: 'login' | 'role') {
    super(reason === 'login' ? 'log in first' : 'the finance desk is for finance', HttpStatus.UNAUTHORIZED);
  }
}

/** Finance pages: a valid session cookie of staff holding the finance role now (roles are read at each request). */
@Injectable()
export class FinanceGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = readCookie(request, FINANCE_COOKIE);
    const staff = token ? await this.auth.verify(token) : null;
    if (!staff) throw new FinanceLoginNeeded('login');
    if (!staff.roles.includes('finance')) throw new FinanceLoginNeeded('role');
    request.staff = staff;
    return true;
  }
}

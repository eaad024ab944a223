import { type CanActivate, type ExecutionContext, HttpException, HttpStatus, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { type AuthenticatedRequest, AuthService } from '../accounts/auth';
import { PlatformConfig } from '../config/config';
import { readCookie } from '../i18n';

/** The organiser's login token (the JWT of POST /api/auth/login), out of reach of scripts and other sites. */
export const DESK_COOKIE = 'rw_desk';

export function startDeskSession(response: Response, token: string, config: PlatformConfig): void {
  response.cookie(DESK_COOKIE, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: (config.PUBLIC_BASE_URL ?? '').startsWith('https:'),
    path: '/desk',
    maxAge: config.AUTH_TOKEN_TTL_MINUTES * 60_000,
  });
}

export function endDeskSession(response: Response): void {
  response.clearCookie(DESK_COOKIE, { path: '/desk' });
}

/** No session, an expired one, or staff without the organiser role: the desk sends them to its login form. */
export class DeskLoginNeeded extends HttpException {
  constructor(readonly reason: 'login' | 'role') {
    super(reason === 'login' ? 'log in first' : 'the desk is for organisers', HttpStatus.UNAUTHORIZED);
  }
}

/** Desk pages: a valid session cookie of an organiser. */
@Injectable()
export class DeskGuard implements CanActivate {
  constructor(private readonly auth: AuthService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = readCookie(request, DESK_COOKIE);
    const staff = token ? await this.auth.verify(token) : null;
    if (!staff) throw new DeskLoginNeeded('login');
    if (!staff.roles.includes('organiser')) throw new DeskLoginNeeded('role');
    request.staff = staff;
    return true;
  }
}

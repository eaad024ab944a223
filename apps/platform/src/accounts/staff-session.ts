import { type CanActivate, type ExecutionContext, HttpException, HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { PlatformConfig } from '../config/config';
import { type MessageKey, readCookie, type Translate } from '../i18n';
import type { Role } from '@rw/fundraising';
import type { AuthenticatedRequest, AuthService } from './auth';
import { RetryLater } from '../http/retry-later';

/**
 * A staff desk's session: the JWT of POST /api/auth/login in an HttpOnly, SameSite=Strict cookie of the desk's own,
 * sent to the desk's path only. Each desk (organisers, finance) has its own cookie, so that logging in to one never
 * logs out of the other, and a session of one opens nothing in the other.
 */
export interface StaffDesk {
  readonly cookie: string;
  readonly path: string;
  /** Where a visitor without a session is sent, and where logging out leads. */
  readonly loginPage: string;
  /** The role a member of staff must hold now (roles are read at each request). */
  readonly role: Role;
  /** The desk's words for each refusal of its login form (too many tries: in how many minutes, `{minutes}`). */
  readonly loginRefusals: Readonly<Record<StaffLoginRefusal, MessageKey>>;
}

/** Why a desk's login form refuses. */
export type StaffLoginRefusal = 'too_many' | 'busy' | 'wrong' | 'role';

export function startStaffSession(desk: StaffDesk, response: Response, token: string, config: PlatformConfig): void {
  response.cookie(desk.cookie, token, {
    httpOnly: true,
    sameSite: 'strict',
    secure: (config.PUBLIC_BASE_URL ?? '').startsWith('https:'),
    path: desk.path,
    maxAge: config.AUTH_TOKEN_TTL_MINUTES * 60_000,
  });
}

export function endStaffSession(desk: StaffDesk, response: Response): void {
  response.clearCookie(desk.cookie, { path: desk.path });
}

/**
 * Ends the session itself, not only the cookie (its token stops working wherever it was copied), then back to the
 * login form.
 */
export async function logOutStaff(
  desk: StaffDesk,
  auth: AuthService,
  request: Request,
  response: Response,
): Promise<void> {
  const token = readCookie(request, desk.cookie);
  const staff = token ? await auth.verify(token) : null;
  if (staff) await auth.logout(staff, String(request.id));
  endStaffSession(desk, response);
  response.redirect(303, desk.loginPage);
}

/**
 * The API's login with the API's limits, for a desk's form: a refusal for too many tries also sets Retry-After;
 * staff without the desk's role get no session. Staff with it get the desk's session cookie.
 */
export async function logInStaff(
  desk: StaffDesk,
  auth: AuthService,
  login: { email: string; password: string },
  http: { request: Request; response: Response; config: PlatformConfig },
  say: Translate,
): Promise<{ ok: true } | { ok: false; status: number; refusal: string }> {
  let token: string | null;
  try {
    token = await auth.login(login.email, login.password, http.request.ip ?? '');
  } catch (error) {
    if (!(error instanceof RetryLater)) throw error;
    http.response.setHeader('Retry-After', String(error.retryAfterSeconds));
    const minutes = Math.max(1, Math.ceil(error.retryAfterSeconds / 60));
    const status = error.getStatus();
    return { ok: false, status, refusal: say(desk.loginRefusals[status === 429 ? 'too_many' : 'busy'], { minutes }) };
  }
  const staff = token ? await auth.verify(token) : null;
  if (!token || !staff) return { ok: false, status: 401, refusal: say(desk.loginRefusals.wrong) };
  if (!staff.roles.includes(desk.role)) return { ok: false, status: 403, refusal: say(desk.loginRefusals.role) };
  startStaffSession(desk, http.response, token, http.config);
  return { ok: true };
}

/** No session or an expired one ('login'), or staff without the desk's role ('role'). */
export class StaffLoginNeeded extends HttpException {
  constructor(
    readonly reason: 'login' | 'role',
    roleRefusal: string,
  ) {
    super(reason === 'login' ? 'log in first' : roleRefusal, HttpStatus.UNAUTHORIZED);
  }
}

/** A desk's pages: a valid session cookie of staff holding the desk's role now. */
export abstract class StaffSessionGuard implements CanActivate {
  constructor(
    private readonly auth: AuthService,
    private readonly desk: StaffDesk,
  ) {}

  protected abstract refuse(reason: 'login' | 'role'): StaffLoginNeeded;

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & AuthenticatedRequest>();
    const token = readCookie(request, this.desk.cookie);
    const staff = token ? await this.auth.verify(token) : null;
    if (!staff) throw this.refuse('login');
    if (!staff.roles.includes(this.desk.role)) throw this.refuse('role');
    request.staff = staff;
    return true;
  }
}

/** Form values as typed, to show them again next to their errors (never the password). */
export function typedFormValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  for (const [key, value] of Object.entries((body ?? {}) as Record<string, unknown>)) {
    if (typeof value === 'string' && key !== 'password') values[key] = value;
  }
  return values;
}

import {
  type CanActivate,
  type ExecutionContext,
  ForbiddenException,
  Inject,
  Injectable,
  SetMetadata,
  UnauthorizedException,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { CommandBus } from '@nestjs/cqrs';
import { JwtService } from '@nestjs/jwt';
import { EVENT_STORE, type EventStore, loadState } from '@rw/event-store';
import {
  accountDecider,
  accountStream,
  ExecuteAccountCommand,
  normaliseEmail,
  ROLES,
  type Role,
} from '@rw/fundraising';
import { sessionEnded, staffAccount } from '@rw/read-models';
import type { Request } from 'express';
import { randomUUID } from 'node:crypto';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock, LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { RetryLater } from '../http/retry-later';
import { LoginLimits } from './login-limits';
import { DUMMY_HASH, Passwords } from './passwords';

export interface Staff {
  accountId: string;
  email: string;
  /** As the account holds them now, not as they were at login. */
  roles: Role[];
  /** The login session the token belongs to: logging out ends it. */
  sessionId: string;
}

interface TokenClaims {
  sub: string;
  email: string;
  /** Session id. */
  sid?: unknown;
  /** The account's session generation at login: disabling the account moves it on. */
  gen?: unknown;
}

export type AuthenticatedRequest = Request & { staff?: Staff };

export const ROLES_KEY = 'rw:roles';
/** Only staff holding one of these roles may call the route. */
export const RequireRole = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);
/** Any logged-in staff member, whatever their roles. */
export const RequireStaff = () => RequireRole(...ROLES);

@Injectable()
export class AuthService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly jwt: JwtService,
    private readonly projections: ProjectionService,
    private readonly passwords: Passwords,
    private readonly limits: LoginLimits,
    private readonly commands: CommandBus,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * A signed, expiring token for a new session, or null for a wrong e-mail address or password (the caller must
   * not say which; a disabled account answers the same). Every way in comes through here, so the login limits
   * (429) and the bound on password checks (503) hold for all of them, both before any hashing.
   */
  async login(email: string, password: string, client: string): Promise<string | null> {
    const attempt = this.take(email, client);
    try {
      const { state } = await loadState(this.store, accountStream(email), accountDecider);
      const active = state.status === 'active';
      const matches = await this.passwords.verify(password, active ? state.passwordHash : DUMMY_HASH);
      if (!matches || !active) {
        // counted attempts only, which the limits bound: never the password
        this.logger.warn({ email: normaliseEmail(email), client }, 'login refused: wrong e-mail address or password');
        return null;
      }
      attempt.giveBack();
      const sessionId = randomUUID();
      this.logger.info({ accountId: state.accountId, client, sessionId }, 'staff logged in');
      return await this.jwt.signAsync({
        sub: state.accountId,
        email: state.email,
        sid: sessionId,
        gen: state.sessionGeneration,
      });
    } catch (error) {
      // refused as busy, or the store is away: the password was not judged, so the attempt does not count
      attempt.giveBack();
      if (error instanceof RetryLater) this.logger.debug({ client }, 'login refused: too many password checks at once');
      throw error;
    }
  }

  private take(email: string, client: string) {
    try {
      return this.limits.take(email, client);
    } catch (error) {
      // a flood is refused by the thousand: debug, so it cannot fill the logs
      this.logger.debug({ email: normaliseEmail(email), client }, 'login refused: too many attempts');
      throw error;
    }
  }

  /**
   * The staff member behind a token, or null: a bad or expired signature, a token from before sessions existed,
   * an account disabled since (or still), or a session ended by logging out. Read from the read model, which every
   * account command settles before it answers, so the change counts from the next request.
   */
  async verify(token: string): Promise<Staff | null> {
    let claims: TokenClaims;
    try {
      claims = await this.jwt.verifyAsync<TokenClaims>(token);
    } catch {
      return null;
    }
    if (typeof claims.sid !== 'string' || typeof claims.gen !== 'number') return null;
    const db = this.projections.db;
    const account = staffAccount(db, claims.sub);
    if (account?.status !== 'active' || account.sessionGeneration !== claims.gen) return null;
    if (sessionEnded(db, claims.sid)) return null;
    return { accountId: account.id, email: account.email, roles: account.roles, sessionId: claims.sid };
  }

  /** Logging out: the session's token stops working, here and on every instance, across restarts. */
  async logout(staff: Staff, correlationId: string): Promise<void> {
    const outcome = await this.commands.execute(
      new ExecuteAccountCommand(
        {
          type: 'EndSession',
          accountId: staff.accountId,
          email: staff.email,
          sessionId: staff.sessionId,
          at: this.clock().toISOString(),
        },
        { correlationId },
      ),
    );
    await this.projections.settled(outcome.position);
    this.logger.info({ accountId: staff.accountId, sessionId: staff.sessionId }, 'staff logged out');
  }
}

/** Bearer token check for routes marked with `RequireRole`: 401 without a valid token, 403 without the role. */
@Injectable()
export class StaffGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const roles = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!roles) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const header = request.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    if (!match) throw new UnauthorizedException('log in first: this call needs Authorization: Bearer <token>');
    const staff = await this.auth.verify(match[1]);
    if (!staff) throw new UnauthorizedException('the token is invalid, has expired or its session ended: log in again');
    if (!staff.roles.some((role) => roles.includes(role))) {
      throw new ForbiddenException(`this call needs the role ${roles.join(' or ')}`);
    }
    request.staff = staff;
    return true;
  }
}

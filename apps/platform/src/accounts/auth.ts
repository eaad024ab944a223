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
import { JwtService } from '@nestjs/jwt';
import { EVENT_STORE, type EventStore, loadState } from '@rw/event-store';
import { accountDecider, accountStream, type Role } from '@rw/fundraising';
import type { Request } from 'express';
import { DUMMY_HASH, verifyPassword } from './passwords';

export interface Staff {
  accountId: string;
  email: string;
  roles: Role[];
}

export type AuthenticatedRequest = Request & { staff?: Staff };

const ROLES_KEY = 'rw:roles';
/** Only staff holding one of these roles may call the route. */
export const RequireRole = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

@Injectable()
export class AuthService {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly jwt: JwtService,
  ) {}

  /** A signed, expiring token, or null for a wrong e-mail address or password (the caller must not say which). */
  async login(email: string, password: string): Promise<string | null> {
    const { state } = await loadState(this.store, accountStream(email), accountDecider);
    const valid = await verifyPassword(password, state.status === 'active' ? state.passwordHash : DUMMY_HASH);
    if (!valid || state.status !== 'active') return null;
    return this.jwt.signAsync({ sub: state.accountId, email: state.email, roles: state.roles });
  }

  async verify(token: string): Promise<Staff | null> {
    try {
      const claims = await this.jwt.verifyAsync<{ sub: string; email: string; roles: Role[] }>(token);
      return { accountId: claims.sub, email: claims.email, roles: claims.roles };
    } catch {
      return null;
    }
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
    if (!staff) throw new UnauthorizedException('the token is invalid or has expired: log in again');
    if (!staff.roles.some((role) => roles.includes(role))) {
      throw new ForbiddenException(`this call needs the role ${roles.join(' or ')}`);
    }
    request.staff = staff;
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import { AuthService } from '../accounts/auth';
import { type StaffDesk, StaffLoginNeeded, StaffSessionGuard } from '../accounts/staff-session';

/** The organiser's login token (the JWT of POST /api/auth/login), out of reach of scripts and other sites. */
export const DESK_COOKIE = 'rw_desk';

export const ORGANISER_DESK: StaffDesk = {
  cookie: DESK_COOKIE,
  path: '/desk',
  loginPage: '/desk/login',
  role: 'organiser',
  loginRefusals: {
    too_many: 'desk.tooManyLogins',
    busy: 'desk.loginBusy',
    wrong: 'desk.wrongLogin',
    role: 'desk.organisersOnly',
  },
};

/** No session, an expired one, or staff without the organiser role: the desk sends them to its login form. */
export class DeskLoginNeeded extends StaffLoginNeeded {
  constructor(reason: 'login' | 'role') {
    super(reason, 'the desk is for organisers');
  }
}

/** Desk pages: a valid session cookie of an organiser. */
@Injectable()
export class DeskGuard extends StaffSessionGuard {
  constructor(auth: AuthService) {
    super(auth, ORGANISER_DESK);
  }

  protected refuse(reason: 'login' | 'role') {
    return new DeskLoginNeeded(reason);
  }
}

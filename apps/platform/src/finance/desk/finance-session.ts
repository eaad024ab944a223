import { Injectable } from '@nestjs/common';
import { AuthService } from '../../accounts/auth';
import { type StaffDesk, StaffLoginNeeded, StaffSessionGuard } from '../../accounts/staff-session';

/**
 * Finance's login token (the JWT of POST /api/auth/login), as the organiser desk keeps its own: HttpOnly,
 * SameSite=Strict, sent to /finance only. A cookie of its own, so that logging in to one desk never logs out of the
 * other, and an organiser's desk session opens nothing here.
 */
export const FINANCE_COOKIE = 'rw_finance';

export const FINANCE_DESK: StaffDesk = {
  cookie: FINANCE_COOKIE,
  path: '/finance',
  loginPage: '/finance/login',
  role: 'finance',
  loginRefusals: {
    too_many: 'finance.tooManyLogins',
    busy: 'finance.loginBusy',
    wrong: 'finance.wrongLogin',
    role: 'finance.financeOnly',
  },
};

/** No session or an expired one: to the login form; staff without the finance role: a page that says so. */
export class FinanceLoginNeeded extends StaffLoginNeeded {
  constructor(reason: 'login' | 'role') {
    super(reason, 'the finance desk is for finance');
  }
}

/** Finance pages: a valid session cookie of staff holding the finance role now (roles are read at each request). */
@Injectable()
export class FinanceGuard extends StaffSessionGuard {
  constructor(auth: AuthService) {
    super(auth, FINANCE_DESK);
  }

  protected refuse(reason: 'login' | 'role') {
    return new FinanceLoginNeeded(reason);
  }
}

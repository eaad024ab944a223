import { CSRF_FIELD } from '../pages/csrf';

/** The hidden field every form of the site carries: the form token the CSRF guard checks. */
export function CsrfField({ token }: { token: string }) {
  return <input type="hidden" name={CSRF_FIELD} value={token} />;
}

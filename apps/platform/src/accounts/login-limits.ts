import { FixedWindows } from '../http/fixed-windows';
import { RetryLater } from '../http/retry-later';
import { normaliseEmail } from '@rw/fundraising';

const WINDOW_MS = 15 * 60_000;

/**
 * One limit for every way in (the API's login and the desk's): at most `limit` failed attempts per 15 minutes
 * for one e-mail address, and as many for one client address. An attempt is counted before its password is
 * checked, so a burst cannot slip past the limit while the first checks run; a successful login gives its
 * attempt back, so staff who share the venue's address and log in rightly never use the budget up.
 */
export class LoginLimits extends FixedWindows {
  constructor(
    private readonly limit: number,
    clock: () => number = Date.now,
  ) {
    super(clock);
  }

  /** Counts an attempt for both keys, or refuses it (429, nothing counted) when either has no attempt left. */
  take(email: string, client: string): LoginAttempt {
    const now = this.clock();
    const keys = [`account:${normaliseEmail(email)}`, `client:${client}`];
    // checked before any counter is made, so refused attempts cannot fill the memory with new addresses
    const full = keys
      .map((key) => this.current(key, now))
      .filter((window) => window !== undefined && window.count >= this.limit);
    if (full.length > 0) {
      const seconds = Math.ceil((Math.max(...full.map((window) => window?.endsAt ?? now)) - now) / 1000);
      throw new RetryLater(
        429,
        `too many login attempts: try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`,
        seconds,
      );
    }
    const windows = keys.map((key) => this.open(key, now, WINDOW_MS));
    for (const window of windows) window.count++;
    let given = false;
    return {
      giveBack: () => {
        if (given) return;
        given = true;
        for (const window of windows) if (window.count > 0) window.count--;
      },
    };
  }
}

export interface LoginAttempt {
  /** The attempt does not count: the password was right, or it was never checked. */
  giveBack(): void;
}

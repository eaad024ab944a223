import { RetryLater } from '../http/retry-later';
import { normaliseEmail } from '@rw/fundraising';

interface Window {
  endsAt: number;
  attempts: number;
}

const WINDOW_MS = 15 * 60_000;

/**
 * One limit for every way in (the API's login and the desk's): at most `limit` failed attempts per 15 minutes
 * for one e-mail address, and as many for one client address. An attempt is counted before its password is
 * checked, so a burst cannot slip past the limit while the first checks run; a successful login gives its
 * attempt back, so staff who share the venue's address and log in rightly never use the budget up.
 */
export class LoginLimits {
  private readonly windows = new Map<string, Window>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    private readonly limit: number,
    private readonly clock: () => number = Date.now,
  ) {
    this.sweep = setInterval(() => this.forgetEnded(), 60_000);
    this.sweep.unref();
  }

  /** Counts an attempt for both keys, or refuses it (429, nothing counted) when either has no attempt left. */
  take(email: string, client: string): LoginAttempt {
    const now = this.clock();
    const keys = [`account:${normaliseEmail(email)}`, `client:${client}`];
    const current = (key: string) => {
      const window = this.windows.get(key);
      return window && window.endsAt > now ? window : undefined;
    };
    // checked before any counter is made, so refused attempts cannot fill the memory with new addresses
    const full = keys.map(current).filter((window) => window !== undefined && window.attempts >= this.limit);
    if (full.length > 0) {
      const seconds = Math.ceil((Math.max(...full.map((window) => window?.endsAt ?? now)) - now) / 1000);
      throw new RetryLater(
        429,
        `too many login attempts: try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`,
        seconds,
      );
    }
    const windows = keys.map((key) => {
      let window = current(key);
      if (!window) {
        window = { endsAt: now + WINDOW_MS, attempts: 0 };
        this.windows.set(key, window);
      }
      return window;
    });
    for (const window of windows) window.attempts++;
    let given = false;
    return {
      giveBack: () => {
        if (given) return;
        given = true;
        for (const window of windows) if (window.attempts > 0) window.attempts--;
      },
    };
  }

  forgetEnded(): void {
    const now = this.clock();
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }

  /** Counters held: those of the last window's attempts, refused ones never. */
  get size(): number {
    return this.windows.size;
  }

  close(): void {
    clearInterval(this.sweep);
  }
}

export interface LoginAttempt {
  /** The attempt does not count: the password was right, or it was never checked. */
  giveBack(): void;
}

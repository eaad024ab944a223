/** A counter of one key in one window of time. */
export interface Window {
  endsAt: number;
  count: number;
}

/**
 * Counters per key in fixed windows of time, in memory: a window is made by the first count after the last one
 * ended; ended windows are swept out every minute, so memory follows the clients of the last window only. The rate
 * limits and the login limits count this way.
 */
export abstract class FixedWindows {
  protected readonly windows = new Map<string, Window>();
  private readonly sweep: NodeJS.Timeout;

  constructor(
    protected readonly clock: () => number,
    sweepEveryMs = 60_000,
  ) {
    this.sweep = setInterval(() => this.forgetEnded(), sweepEveryMs);
    this.sweep.unref();
  }

  /** The key's window if it has not ended at `now`. */
  protected current(key: string, now: number): Window | undefined {
    const window = this.windows.get(key);
    return window && window.endsAt > now ? window : undefined;
  }

  /** The key's window, a new one of `lengthMs` from `now` when it has none that is running. */
  protected open(key: string, now: number, lengthMs: number): Window {
    let window = this.current(key, now);
    if (!window) {
      window = { endsAt: now + lengthMs, count: 0 };
      this.windows.set(key, window);
    }
    return window;
  }

  /** Counters of ended windows, dropped. */
  forgetEnded(): void {
    const now = this.clock();
    for (const [key, window] of this.windows) if (window.endsAt <= now) this.windows.delete(key);
  }

  /** Counters held: those of the windows still running. */
  get size(): number {
    return this.windows.size;
  }

  close(): void {
    clearInterval(this.sweep);
  }
}

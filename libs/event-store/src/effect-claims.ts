import { createHash } from 'node:crypto';
import { type EventStore, type RecordedEvent, type StreamRevision, WrongExpectedRevision } from './event-store';

/**
 * Every instance of the platform reads the same events and reacts to them; an external effect (a mail, a provider
 * call, a command that follows from an event, a scheduled round) must still happen once. Before performing one,
 * an instance claims it in the effect's own stream, `effect-<key>`, with optimistic concurrency: the first claim
 * is appended with `no_stream`, so of two instances racing exactly one succeeds and the other gets
 * WrongExpectedRevision. The stream then says how the effect went, for every instance to read:
 *
 * - `EffectClaimed` (attempt n, by an instance, held until a lease ends);
 * - `EffectDone`: nobody performs it again;
 * - `EffectFailed` (retry after a backoff that doubles with every attempt): the next claim, by any instance, is
 *   appended at the stream's revision, so again only one wins.
 *
 * A claim whose holder died (kill -9 between claiming and recording the outcome) is taken over once its lease has
 * ended. Event ids are derived from the key, the attempt and the instance: a network retry of one instance's own
 * append is recognised as the same write, while two instances never share an id (if they did, EventStoreDB would
 * take the second `no_stream` append as an idempotent retry of the first and both would believe they won).
 *
 * The effect itself is therefore performed at least once and claimed exactly once: it runs twice only if a holder
 * outlives its lease or dies after performing it and before recording it. Every effect behind a claim is
 * idempotent at its destination as well (Message-ID, provider idempotency keys, deciders that answer a repeated
 * command with no event), so even then the world sees it once.
 */
export type EffectEvent =
  | { type: 'EffectClaimed'; data: { key: string; attempt: number; by: string; at: string; leaseUntil: string } }
  | { type: 'EffectDone'; data: { key: string; attempt: number; by: string; at: string } }
  | {
      type: 'EffectFailed';
      data: { key: string; attempt: number; by: string; at: string; error: string; retryAfter: string };
    };

export type EffectOutcome =
  /** Performed here, now. */
  | { status: 'done' }
  /** Already performed (here or by another instance): nothing to do. */
  | { status: 'done-before' }
  /** Another instance holds a live claim: look again after `until` (it is then done, or the claim is taken over). */
  | { status: 'held-elsewhere'; until: Date }
  /** An attempt failed (here now, or earlier anywhere): the next one may start at `retryAt`. */
  | { status: 'failed'; retryAt: Date; error: string };

export interface EffectClaimsOptions {
  /** This instance's name, recorded with its claims (unique per running instance). */
  instance: string;
  clock?: () => Date;
  /** How long a claim holds before another instance may take it over. Longer than the slowest effect. */
  leaseMs?: number;
  /** Backoff after the first failure; doubled after each further one, up to maxBackoffMs. */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
}

export const effectStream = (key: string) => `effect-${key}`;

export class EffectClaims {
  readonly instance: string;
  /** The time claims, leases and backoffs are reckoned in. */
  readonly clock: () => Date;
  private readonly leaseMs: number;
  private readonly firstBackoffMs: number;
  private readonly maxBackoffMs: number;
  private readonly inFlight = new Map<string, Promise<EffectOutcome>>();

  constructor(
    private readonly store: EventStore,
    options: EffectClaimsOptions,
  ) {
    this.instance = options.instance;
    this.clock = options.clock ?? (() => new Date());
    this.leaseMs = options.leaseMs ?? 60_000;
    this.firstBackoffMs = options.firstBackoffMs ?? 1_000;
    this.maxBackoffMs = options.maxBackoffMs ?? 10 * 60_000;
  }

  /** Performs the effect named `key` unless it was done, is held by another instance, or waits for its retry. */
  async once(key: string, perform: () => Promise<void>, options: { leaseMs?: number } = {}): Promise<EffectOutcome> {
    // the same instance asking twice at once: its claim ids would be the same (a retry to the store), so the
    // second call joins the first instead of racing it
    const running = this.inFlight.get(key);
    if (running) {
      const outcome = await running;
      return outcome.status === 'done' ? { status: 'done-before' } : outcome;
    }
    const attempt = this.attempt(key, perform, options.leaseMs ?? this.leaseMs).finally(() =>
      this.inFlight.delete(key),
    );
    this.inFlight.set(key, attempt);
    return attempt;
  }

  private async attempt(key: string, perform: () => Promise<void>, leaseMs: number): Promise<EffectOutcome> {
    const history = (await this.store.readStream(effectStream(key))) as unknown as (RecordedEvent & EffectEvent)[];
    const last = history.at(-1);
    const now = this.clock();
    if (last?.type === 'EffectDone') return { status: 'done-before' };
    if (last?.type === 'EffectClaimed') {
      const until = new Date(last.data.leaseUntil);
      if (until > now) return { status: 'held-elsewhere', until };
    }
    if (last?.type === 'EffectFailed') {
      const retryAt = new Date(last.data.retryAfter);
      if (retryAt > now) return { status: 'failed', retryAt, error: last.data.error };
    }
    const attempt = history.filter((e) => e.type === 'EffectClaimed').length + 1;
    const claim: EffectEvent = {
      type: 'EffectClaimed',
      data: {
        key,
        attempt,
        by: this.instance,
        at: now.toISOString(),
        leaseUntil: new Date(now.getTime() + leaseMs).toISOString(),
      },
    };
    let claimed: StreamRevision;
    try {
      const result = await this.store.append(
        effectStream(key),
        [{ id: eventId(key, `claim/${attempt}/${this.instance}`), ...claim }],
        last ? last.revision : 'no_stream',
      );
      claimed = result.nextExpectedRevision;
    } catch (error) {
      // another instance claimed (or finished) it between our read and our append: it is theirs
      if (error instanceof WrongExpectedRevision) {
        return { status: 'held-elsewhere', until: new Date(now.getTime() + leaseMs) };
      }
      throw error;
    }
    try {
      await perform();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const failedAt = this.clock();
      const retryAt = new Date(failedAt.getTime() + this.backoff(attempt));
      await this.record(key, claimed, attempt, {
        type: 'EffectFailed',
        data: {
          key,
          attempt,
          by: this.instance,
          at: failedAt.toISOString(),
          error: message.slice(0, 500),
          retryAfter: retryAt.toISOString(),
        },
      });
      return { status: 'failed', retryAt, error: message };
    }
    await this.record(key, claimed, attempt, {
      type: 'EffectDone',
      data: { key, attempt, by: this.instance, at: this.clock().toISOString() },
    });
    return { status: 'done' };
  }

  /** Backoff before attempt n + 1: firstBackoffMs, doubled per further failure, at most maxBackoffMs. */
  backoff(attempt: number): number {
    return Math.min(this.maxBackoffMs, this.firstBackoffMs * 2 ** Math.min(attempt - 1, 30));
  }

  /**
   * Records the outcome in the claim stream. The effect has happened by now: a store that fails for a moment is
   * asked again (the same event id makes a repeat harmless), since an unrecorded effect is performed again once
   * the lease runs out.
   */
  private async record(key: string, claimed: StreamRevision, attempt: number, event: EffectEvent): Promise<void> {
    const outcome = event.type === 'EffectDone' ? 'done' : 'failed';
    const recorded = [{ id: eventId(key, `${outcome}/${attempt}/${this.instance}`), ...event }];
    for (let tries = 1; ; tries++) {
      try {
        await this.store.append(effectStream(key), recorded, claimed);
        return;
      } catch (error) {
        // our lease ran out and another instance took the claim over: its outcome is the one that counts
        if (error instanceof WrongExpectedRevision) return;
        if (tries >= 4) throw error;
        await new Promise((resolve) => setTimeout(resolve, 250 * 2 ** tries));
      }
    }
  }
}

/** A UUID (version 5 layout) derived from the effect's key and what is recorded: the same on every retry. */
function eventId(key: string, what: string): string {
  const hex = createHash('sha1').update(`effect\u0000${key}\u0000${what}`).digest('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

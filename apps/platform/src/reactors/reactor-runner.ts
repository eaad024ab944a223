import { join } from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { type AllSubscription, EffectClaims, EVENT_STORE, type EventStore, type GlobalPosition } from '@rw/event-store';
import { type Migration, openSqliteFile } from '@rw/event-store/sqlite-migrations';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { LOGGER } from '../infrastructure/tokens';
import type { Logger } from '../logging/logger';
import { REACTORS, type Reactor } from './reactor';

export const REACTIONS_FILE = 'reactions.sqlite';
/** That file's schema, step by step (see `migrate`); files made before migrations are at 0 with step 1's tables. */
export const REACTIONS_MIGRATIONS: readonly Migration[] = [
  {
    description: 'reactor checkpoints and the queue of reactions',
    up: `
      CREATE TABLE IF NOT EXISTS reactor_checkpoints (
        reactor  TEXT PRIMARY KEY,
        position INTEGER NOT NULL
      );
      CREATE TABLE IF NOT EXISTS reactions (
        effect_key  TEXT PRIMARY KEY,
        reactor     TEXT NOT NULL,
        payload     TEXT NOT NULL,
        position    INTEGER NOT NULL,
        next_try_at INTEGER NOT NULL,
        failures    INTEGER NOT NULL DEFAULT 0,
        done        INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX IF NOT EXISTS reactions_pending ON reactions (done, next_try_at);
    `,
  },
];

/**
 * Runs every reactor on this instance, as every instance does. Two halves:
 * - deciding: a catch-up subscription to all events; each event of a reactor's types is handed to it once the
 *   read models include it, and the effects it decides are written to this instance's queue together with the
 *   reactor's checkpoint (one transaction), so a crash neither loses nor repeats a decision;
 * - performing: each queued effect goes through an effect claim in the event store, so of all instances exactly
 *   one performs it; a failure is retried with backoff, an effect another instance holds is looked at again
 *   until it is recorded done.
 * The queue lives in DATA_DIR beside the read models but is not one of them: it is not rebuilt. Deleted, it is
 * decided again from the first event and every effect already done is found done in its claim stream.
 */
@Injectable()
export class ReactorRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly db: DatabaseSync;
  private subscription: AllSubscription | undefined;
  private following: Promise<void> | undefined;
  private working: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** Position of the last event the deciding half has read (in memory: what `settled` compares with). */
  private seen: GlobalPosition | null = null;
  private readonly byName: Map<string, Reactor>;

  constructor(
    config: PlatformConfig,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly projections: ProjectionService,
    private readonly claims: EffectClaims,
    @Inject(REACTORS) private readonly reactors: Reactor[],
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.byName = new Map(reactors.map((r) => [r.name, r]));
    this.db = openSqliteFile(
      join(config.DATA_DIR, REACTIONS_FILE),
      'PRAGMA journal_mode = WAL; PRAGMA busy_timeout = 5000;',
      REACTIONS_MIGRATIONS,
    );
  }

  onApplicationBootstrap(): void {
    this.following = this.keepFollowing();
    this.timer = setInterval(() => void this.work(), 250);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopping = true;
    clearInterval(this.timer);
    await this.subscription?.close();
    await this.following;
    await this.working;
    if (this.db.isOpen) this.db.close();
  }

  /**
   * Waits until every effect decided from events up to `position` is done (here or on another instance), so an
   * answer can show what the reactions did (a pledge due right after the distance). Like the read models' wait,
   * it gives up after `timeoutMs`: the effects are durable and happen anyway. An effect that failed does not hold
   * the answer up: it waits for its retry.
   */
  async settled(position: GlobalPosition | null, timeoutMs = 10_000): Promise<void> {
    if (position === null) return;
    const pending = this.db.prepare(
      'SELECT 1 FROM reactions WHERE done = 0 AND failures = 0 AND position <= ? LIMIT 1',
    );
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline && !this.stopping) {
      if (this.seen !== null && this.seen >= position && pending.get(position) === undefined) return;
      void this.work();
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    this.logger.warn({ position: position.toString() }, 'answering before the reactions were done');
  }

  /** `settled`, then the read models up to what the reactions wrote: the answer shows the reactions' results. */
  async settledAndRead(position: GlobalPosition | null): Promise<void> {
    if (position === null) return;
    await this.settled(position);
    await this.projections.settled(await this.store.headPosition());
  }

  /** Effects decided and not yet done, for /health and tests. */
  pendingCount(): number {
    return (this.db.prepare('SELECT count(*) AS n FROM reactions WHERE done = 0').get() as { n: number }).n;
  }

  private checkpoints(): Map<string, GlobalPosition> {
    const rows = this.db.prepare('SELECT reactor, position FROM reactor_checkpoints');
    rows.setReadBigInts(true);
    return new Map((rows.all() as { reactor: string; position: bigint }[]).map((r) => [r.reactor, r.position]));
  }

  /** Follows the events; when the store drops the subscription, follows again from the checkpoints. */
  private async keepFollowing(): Promise<void> {
    while (!this.stopping) {
      try {
        await this.follow();
      } catch (error) {
        if (this.stopping) return;
        this.logger.warn({ err: error }, 'reactors lost the event subscription; following again shortly');
      }
      if (!this.stopping) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
  }

  private async follow(): Promise<void> {
    const checkpoints = this.checkpoints();
    // from the lowest checkpoint; a reactor without one (new) starts from the first event
    const lowest = this.reactors.every((r) => checkpoints.has(r.name))
      ? this.reactors.reduce<GlobalPosition | undefined>((low, r) => {
          const at = checkpoints.get(r.name) as GlobalPosition;
          return low === undefined || at < low ? at : low;
        }, undefined)
      : undefined;
    const insert = this.db.prepare(
      'INSERT INTO reactions (effect_key, reactor, payload, position, next_try_at) VALUES (?, ?, ?, ?, 0) ON CONFLICT DO NOTHING',
    );
    const advance = this.db.prepare(
      'INSERT INTO reactor_checkpoints (reactor, position) VALUES (?, ?) ON CONFLICT (reactor) DO UPDATE SET position = excluded.position',
    );
    if (lowest !== undefined && (this.seen === null || lowest > this.seen)) this.seen = lowest;
    this.subscription = this.store.subscribeToAll(lowest === undefined ? {} : { afterPosition: lowest });
    for await (const event of this.subscription) {
      if (this.stopping) return;
      const interested = this.reactors.filter((r) => {
        const at = checkpoints.get(r.name);
        return r.eventTypes.includes(event.type) && (at === undefined || at < event.position);
      });
      if (interested.length > 0) {
        // the reactors read the read models: they must include this event first
        await this.readModelsAt(event.position);
        if (this.stopping) return;
        const decided = interested.flatMap((r) => r.effectsOf(event, this.projections.db).map((e) => ({ r, e })));
        this.db.exec('BEGIN IMMEDIATE');
        try {
          for (const { r, e } of decided) insert.run(e.key, r.name, JSON.stringify(e.payload), event.position);
          for (const r of interested) {
            advance.run(r.name, event.position);
            checkpoints.set(r.name, event.position);
          }
          this.db.exec('COMMIT');
        } catch (error) {
          if (this.db.isTransaction) this.db.exec('ROLLBACK');
          throw error;
        }
        if (decided.length > 0) void this.work();
      }
      this.seen = event.position;
    }
  }

  private async readModelsAt(position: GlobalPosition): Promise<void> {
    for (;;) {
      try {
        await this.projections.runner.waitFor(position, 30_000);
        return;
      } catch (error) {
        if (this.stopping) return;
        this.logger.warn({ err: error, position: position.toString() }, 'reactors wait for the read models');
        await new Promise((resolve) => setTimeout(resolve, 1_000));
      }
    }
  }

  /** One round over the effects due now (a round already under way is joined). */
  private work(): Promise<void> {
    this.working ??= this.performDue().finally(() => {
      this.working = undefined;
    });
    return this.working;
  }

  private async performDue(): Promise<void> {
    if (!this.db.isOpen) return;
    const due = this.db
      .prepare(
        'SELECT effect_key AS key, reactor, payload FROM reactions WHERE done = 0 AND next_try_at <= ? ORDER BY position LIMIT 100',
      )
      .all(this.claims.clock().getTime()) as { key: string; reactor: string; payload: string }[];
    const markDone = this.db.prepare('UPDATE reactions SET done = 1 WHERE effect_key = ?');
    const later = this.db.prepare('UPDATE reactions SET next_try_at = ? WHERE effect_key = ?');
    const failed = this.db.prepare(
      'UPDATE reactions SET next_try_at = ?, failures = failures + 1 WHERE effect_key = ?',
    );
    for (const { key, reactor: name, payload } of due) {
      if (this.stopping) return;
      const reactor = this.byName.get(name);
      if (!reactor) continue;
      let outcome: Awaited<ReturnType<EffectClaims['once']>>;
      try {
        outcome = await this.claims.once(key, () => reactor.perform(JSON.parse(payload), key));
      } catch (error) {
        // the event store itself failed: look again shortly
        this.logger.warn({ err: error, effect: key }, 'could not claim an effect; trying again');
        later.run(this.claims.clock().getTime() + 1_000, key);
        continue;
      }
      if (!this.db.isOpen) return;
      switch (outcome.status) {
        case 'done':
        case 'done-before':
          markDone.run(key);
          break;
        case 'held-elsewhere':
          // another instance is at it: look again soon (done by then), or when its lease ends
          later.run(Math.min(outcome.until.getTime(), this.claims.clock().getTime() + 200), key);
          break;
        case 'failed':
          this.logger.warn({ effect: key, error: outcome.error, retryAt: outcome.retryAt }, 'an effect failed');
          failed.run(outcome.retryAt.getTime(), key);
          break;
      }
    }
  }
}

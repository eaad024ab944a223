import type { StatementSync } from 'node:sqlite';
import type { AllSubscription, EventStore, GlobalPosition, RecordedEvent } from '@rw/event-store';
import type { Projection, ProjectionHandler } from './projection';
import type { ReadModelDatabase } from './read-model-database';

export interface ProjectionStatus {
  name: string;
  version: number;
  /** Position of the last event this projection has taken into account; null before the first. */
  checkpoint: GlobalPosition | null;
}

export interface RunnerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export class CheckpointMoved extends Error {
  override name = 'CheckpointMoved';
}

/** A projection threw while applying a batch: nothing of that batch was written. */
class ProjectionFailed extends Error {
  constructor(override readonly cause: Error) {
    super(cause.message);
  }
}

interface Bound {
  projection: Projection;
  handler: ProjectionHandler;
  types: ReadonlySet<string>;
  checkpoint: GlobalPosition | null;
}

const silent: RunnerLogger = { info() {}, error() {} };

/**
 * Feeds every projection from one catch-up subscription on the global order. Events are applied in batches;
 * each batch is one transaction holding the rows and the new checkpoints, so a crash at any point neither loses
 * nor double-counts an event. The checkpoint update is a compare-and-set: a second runner on the same file
 * fails instead of applying events twice.
 */
export class ProjectionRunner {
  private readonly bound: Bound[];
  private readonly saveCheckpoint: StatementSync;
  private subscription: AllSubscription | undefined;
  private running: Promise<void> | undefined;
  private buffer: RecordedEvent[] = [];
  private flushScheduled = false;
  private waiters: { position: GlobalPosition; resolve: () => void; reject: (e: Error) => void }[] = [];
  private failure: Error | undefined;
  private subscriptionError: string | undefined;
  private stopping = false;
  private interruptPause: (() => void) | undefined;

  constructor(
    private readonly store: EventStore,
    private readonly database: ReadModelDatabase,
    projections: readonly Projection[],
    private readonly options: { batchSize?: number; logger?: RunnerLogger } = {},
  ) {
    const db = database.db;
    const readCheckpoint = db.prepare('SELECT version, position FROM projection_checkpoints WHERE name = ?');
    readCheckpoint.setReadBigInts(true);
    const insertCheckpoint = db.prepare(
      'INSERT INTO projection_checkpoints (name, version, position) VALUES (?, ?, NULL) ON CONFLICT (name) DO UPDATE SET version = excluded.version, position = NULL',
    );
    this.saveCheckpoint = db.prepare('UPDATE projection_checkpoints SET position = ? WHERE name = ? AND position IS ?');
    this.bound = projections.map((projection) => {
      const handler = projection.open(db);
      const row = readCheckpoint.get(projection.name) as { version: bigint; position: bigint | null } | undefined;
      if (!row || Number(row.version) !== projection.version) {
        database.transaction(() => {
          handler.reset();
          insertCheckpoint.run(projection.name, projection.version);
        });
        if (row)
          this.logger.info('projection version changed: rebuilding it from zero', { projection: projection.name });
        return { projection, handler, types: new Set(projection.eventTypes), checkpoint: null };
      }
      return { projection, handler, types: new Set(projection.eventTypes), checkpoint: row.position };
    });
  }

  private get logger(): RunnerLogger {
    return this.options.logger ?? silent;
  }

  /** Starts following the event store; returns at once. */
  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.run();
  }

  /**
   * Follows the store until stopped. A projection that throws stops the runner (its read model stays at the last
   * good checkpoint: skipping the event would lose it). A subscription that breaks (the store went away) is
   * opened again from the checkpoints after a pause that grows up to 10 s.
   */
  private async run(): Promise<void> {
    let pauseMs = 250;
    while (!this.stopping && !this.failure) {
      const lowest = this.lowestCheckpoint();
      const subscription = this.store.subscribeToAll(lowest === null ? {} : { afterPosition: lowest });
      this.subscription = subscription;
      try {
        await this.follow(subscription);
        return;
      } catch (error) {
        if (error instanceof ProjectionFailed) {
          this.fail(error.cause as Error);
          return;
        }
        this.subscriptionError = (error as Error).message;
        this.logger.error('lost the event store subscription; following again from the checkpoints', {
          error: this.subscriptionError,
          retryInMs: pauseMs,
        });
        await subscription.close().catch(() => undefined);
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, pauseMs);
          this.interruptPause = () => {
            clearTimeout(timer);
            resolve();
          };
        });
        this.interruptPause = undefined;
        pauseMs = Math.min(pauseMs * 2, 10_000);
      }
    }
  }

  private async follow(subscription: AllSubscription): Promise<void> {
    const batchSize = this.options.batchSize ?? 1000;
    try {
      for await (const event of subscription) {
        this.subscriptionError = undefined;
        this.buffer.push(event);
        if (this.buffer.length >= batchSize) {
          this.flushOrThrow();
          // let requests in between batches of a long catch-up
          await new Promise((resolve) => setImmediate(resolve));
        } else if (!this.flushScheduled) {
          this.flushScheduled = true;
          setImmediate(() => {
            this.flushScheduled = false;
            this.flushSafely();
          });
        }
      }
    } finally {
      // what arrived before the end (or the break) of the subscription is applied; the rest is read again
      this.flushOrThrow();
    }
  }

  private flushOrThrow(): void {
    try {
      this.flush();
    } catch (error) {
      throw new ProjectionFailed(error as Error);
    }
  }

  private flushSafely(): void {
    try {
      this.flush();
    } catch (error) {
      this.fail(error as Error);
    }
  }

  private flush(): void {
    if (this.failure) throw this.failure;
    const batch = this.buffer;
    if (batch.length === 0) return;
    this.buffer = [];
    const last = batch[batch.length - 1].position;
    this.database.transaction(() => {
      for (const b of this.bound) {
        for (const event of batch) {
          if (b.checkpoint !== null && event.position <= b.checkpoint) continue;
          if (b.types.has(event.type)) b.handler.apply(event);
        }
        if (b.checkpoint === null || last > b.checkpoint) {
          const moved = this.saveCheckpoint.run(last, b.projection.name, b.checkpoint);
          if (Number(moved.changes) !== 1) {
            throw new CheckpointMoved(`checkpoint of ${b.projection.name} was moved by another runner`);
          }
        }
      }
    });
    for (const b of this.bound) if (b.checkpoint === null || last > b.checkpoint) b.checkpoint = last;
    this.releaseWaiters();
  }

  private fail(error: Error): void {
    if (this.failure) return;
    this.failure = error;
    this.logger.error('projection runner stopped on an error; read models stay at their last checkpoint', {
      error: error.message,
    });
    void this.subscription?.close();
    for (const waiter of this.waiters) waiter.reject(error);
    this.waiters = [];
  }

  private lowestCheckpoint(): GlobalPosition | null {
    let lowest: GlobalPosition | null = null;
    for (const b of this.bound) {
      if (b.checkpoint === null) return null;
      if (lowest === null || b.checkpoint < lowest) lowest = b.checkpoint;
    }
    return lowest;
  }

  private releaseWaiters(): void {
    const lowest = this.lowestCheckpoint();
    if (lowest === null) return;
    this.waiters = this.waiters.filter((waiter) => {
      if (waiter.position > lowest) return true;
      waiter.resolve();
      return false;
    });
  }

  /**
   * Position of the last event every read model has taken into account; null before the first. It moves with each
   * applied batch, and only then do the read models change: what was read from them at one position holds until it.
   */
  position(): GlobalPosition | null {
    return this.lowestCheckpoint();
  }

  /** Resolves once every read model has taken the event at `position` into account (read-your-writes). */
  waitFor(position: GlobalPosition, timeoutMs = 5_000): Promise<void> {
    if (this.failure) return Promise.reject(this.failure);
    const lowest = this.lowestCheckpoint();
    if (lowest !== null && lowest >= position) return Promise.resolve();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`read models did not reach position ${position} within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        position,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error: Error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      this.waiters.push(waiter);
    });
  }

  /** Resolves once every read model has caught up with the store as it is now. */
  async catchUp(timeoutMs = 60_000): Promise<void> {
    const head = await this.store.headPosition();
    if (head !== null) await this.waitFor(head, timeoutMs);
  }

  status(): { projections: ProjectionStatus[]; error?: string; subscriptionError?: string } {
    return {
      projections: this.bound.map((b) => ({
        name: b.projection.name,
        version: b.projection.version,
        checkpoint: b.checkpoint,
      })),
      ...(this.failure ? { error: this.failure.message } : {}),
      ...(this.subscriptionError ? { subscriptionError: this.subscriptionError } : {}),
    };
  }

  /** Stops following: the batch in hand is committed first. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.interruptPause?.();
    await this.subscription?.close();
    await this.running;
    this.running = undefined;
  }

  /** Deletes every projection's rows and checkpoint; `start()` then rebuilds them from the first event. */
  static resetAll(database: ReadModelDatabase, projections: readonly Projection[]): void {
    database.transaction(() => {
      for (const projection of projections) {
        projection.open(database.db).reset();
        database.db.prepare('DELETE FROM projection_checkpoints WHERE name = ?').run(projection.name);
      }
    });
  }
}

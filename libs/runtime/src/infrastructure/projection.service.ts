import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '../logging/logger';
import { LOGGER } from './tokens';
import type { GlobalPosition } from '@rw/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import type { DatabaseSync } from 'node:sqlite';

/** The read side as the HTTP edge sees it: the read-model database, and a way to read one's own writes. */
/** Answers kept per read-model position; more distinct questions than this between two batches start afresh. */
const ANSWERS_KEPT = 1_000;

@Injectable()
export class ProjectionService {
  /** Answers computed from the read models, valid while the read models stay at `answersAt`. */
  private readonly answers = new Map<string, unknown>();
  private answersAt: GlobalPosition | null = null;

  constructor(
    @Inject(ReadModelDatabase) private readonly database: ReadModelDatabase,
    @Inject(ProjectionRunner) readonly runner: ProjectionRunner,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get db(): DatabaseSync {
    return this.database.db;
  }

  /**
   * What `compute` reads from the read models, computed once per read-model position: public figures that many
   * screens ask for at once (a leaderboard, an edition's totals) change only when a batch of events is applied,
   * so between two batches every request gets the same answer without querying again. `key` must name everything
   * the answer depends on; an answer of undefined (nothing found) is not kept. Callers must not change the answer.
   */
  fromReadModels<T>(key: string, compute: () => T): T {
    const at = this.runner.position();
    if (at !== this.answersAt) {
      this.answers.clear();
      this.answersAt = at;
    }
    if (this.answers.has(key)) return this.answers.get(key) as T;
    const answer = compute();
    if (answer !== undefined) {
      if (this.answers.size >= ANSWERS_KEPT) this.answers.clear();
      this.answers.set(key, answer);
    }
    return answer;
  }

  /**
   * Waits until the read models include the write at `position`, so the answer and the next read agree. The
   * write itself is done by then: if the read models lag or stopped, the answer still says it succeeded
   * (a client that retried would write twice) and the lag is logged and shown by /health.
   */
  async settled(position: GlobalPosition | null): Promise<void> {
    if (position === null) return;
    try {
      await this.runner.waitFor(position);
    } catch (error) {
      this.logger.warn({ position: position.toString(), err: error }, 'answering before the read models caught up');
    }
  }
}

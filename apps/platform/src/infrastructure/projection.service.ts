import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from '../logging/logger';
import { LOGGER } from './tokens';
import type { GlobalPosition } from '@rw/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import type { DatabaseSync } from 'node:sqlite';

/** The read side as the HTTP edge sees it: the read-model database, and a way to read one's own writes. */
@Injectable()
export class ProjectionService {
  constructor(
    @Inject(ReadModelDatabase) private readonly database: ReadModelDatabase,
    @Inject(ProjectionRunner) readonly runner: ProjectionRunner,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  get db(): DatabaseSync {
    return this.database.db;
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

import { Inject, Injectable } from '@nestjs/common';
import type { GlobalPosition } from '@rw/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import type { DatabaseSync } from 'node:sqlite';

/** The read side as the HTTP edge sees it: the read-model database, and a way to read one's own writes. */
@Injectable()
export class ProjectionService {
  constructor(
    @Inject(ReadModelDatabase) private readonly database: ReadModelDatabase,
    @Inject(ProjectionRunner) readonly runner: ProjectionRunner,
  ) {}

  get db(): DatabaseSync {
    return this.database.db;
  }

  /** Waits until the read models include the write at `position`, so the answer and the next read agree. */
  async settled(position: GlobalPosition | null): Promise<void> {
    if (position !== null) await this.runner.waitFor(position);
  }
}

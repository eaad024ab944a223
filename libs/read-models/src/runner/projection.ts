import type { DatabaseSync } from 'node:sqlite';
import type { RecordedEvent } from '@rw/event-store';

/** A projection's live part, bound to one read-model database. Applies events synchronously, inside the runner's transaction. */
export interface ProjectionHandler {
  /** Deletes every row this projection wrote, for a rebuild from zero. */
  reset(): void;
  apply(event: RecordedEvent): void;
}

/**
 * A read model and how events build it. Its rows and its checkpoint move in one transaction (see the runner),
 * so `apply` must only write through the given database and must not call anything outside it.
 */
export interface Projection {
  /** Checkpoint key; also the prefix of its tables. */
  readonly name: string;
  /** Raise it when the rows' shape or meaning changes: the runner then rebuilds this projection from zero. */
  readonly version: number;
  /** The event types it reads; the runner skips the rest for it (but still moves its checkpoint). */
  readonly eventTypes: readonly string[];
  /** Creates its tables when missing and prepares its statements. */
  open(db: DatabaseSync): ProjectionHandler;
}

import {
  AppendResult,
  DuplicateEventId,
  ExpectedRevision,
  GlobalPosition,
  StreamRevision,
  WrongExpectedRevision,
} from './event-store';

/** Where an already stored event id lives. */
export interface StoredEventRef {
  streamId: string;
  revision: StreamRevision;
  position: GlobalPosition;
}

export type AppendPlan = { kind: 'retry'; result: AppendResult } | { kind: 'write'; firstRevision: StreamRevision };

/**
 * The optimistic-concurrency and idempotency rules shared by the embedded adapters, as EventStoreDB applies them:
 * an append whose event ids are already stored, in the same order, at the revisions this expected revision
 * would have given them is a retry of that write and answers its original result without writing again;
 * otherwise a wrong expected revision is a conflict, and a stored id reused elsewhere is refused.
 */
export function planAppend(
  streamId: string,
  lastRevision: StreamRevision | 'no_stream',
  expected: ExpectedRevision,
  eventIds: readonly string[],
  lookup: (eventId: string) => StoredEventRef | undefined,
): AppendPlan {
  if (new Set(eventIds).size !== eventIds.length) {
    throw new DuplicateEventId(streamId, eventIds.find((id, i) => eventIds.indexOf(id) !== i) as string);
  }
  const first = eventIds.length > 0 ? lookup(eventIds[0]) : undefined;
  if (first && first.streamId === streamId && startsWhereExpected(first.revision, expected)) {
    const refs = eventIds.map(lookup);
    const isRetry = refs.every((ref, i) => ref?.streamId === streamId && ref.revision === first.revision + i);
    if (isRetry) {
      const last = refs[refs.length - 1] as StoredEventRef;
      return { kind: 'retry', result: { nextExpectedRevision: last.revision, position: last.position } };
    }
  }
  if (expected !== 'any' && expected !== lastRevision) {
    throw new WrongExpectedRevision(streamId, expected, lastRevision);
  }
  if (first) throw new DuplicateEventId(streamId, eventIds[0]);
  for (const id of eventIds.slice(1)) {
    if (lookup(id)) throw new DuplicateEventId(streamId, id);
  }
  return { kind: 'write', firstRevision: lastRevision === 'no_stream' ? 0 : lastRevision + 1 };
}

function startsWhereExpected(revision: StreamRevision, expected: ExpectedRevision): boolean {
  if (expected === 'any') return true;
  if (expected === 'no_stream') return revision === 0;
  return revision === expected + 1;
}

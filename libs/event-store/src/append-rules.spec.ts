import { planAppend, StoredEventRef } from './append-rules';
import { DuplicateEventId, WrongExpectedRevision } from './event-store';

describe('append rules', () => {
  const stored = new Map<string, StoredEventRef>([
    ['a', { streamId: 'team-1', revision: 0, position: 1n }],
    ['b', { streamId: 'team-1', revision: 1, position: 2n }],
    ['c', { streamId: 'team-2', revision: 0, position: 3n }],
  ]);
  const lookup = (id: string) => stored.get(id);

  it('writes after the last revision when the writer expected it', () => {
    expect(planAppend('team-1', 1, 1, ['x'], lookup)).toEqual({ kind: 'write', firstRevision: 2 });
    expect(planAppend('team-9', 'no_stream', 'no_stream', ['x'], lookup)).toEqual({ kind: 'write', firstRevision: 0 });
    expect(planAppend('team-1', 1, 'any', ['x'], lookup)).toEqual({ kind: 'write', firstRevision: 2 });
  });

  it('answers a retry of a stored write with its original result', () => {
    expect(planAppend('team-1', 1, 'no_stream', ['a', 'b'], lookup)).toEqual({
      kind: 'retry',
      result: { nextExpectedRevision: 1, position: 2n },
    });
    expect(planAppend('team-1', 1, 0, ['b'], lookup)).toEqual({
      kind: 'retry',
      result: { nextExpectedRevision: 1, position: 2n },
    });
  });

  it('refuses a stale expected revision', () => {
    expect(() => planAppend('team-1', 1, 0, ['x'], lookup)).toThrow(WrongExpectedRevision);
    expect(() => planAppend('team-1', 1, 'no_stream', ['x'], lookup)).toThrow(WrongExpectedRevision);
  });

  it('refuses ids that are stored but not as a retry of this write', () => {
    expect(() => planAppend('team-1', 1, 1, ['c'], lookup)).toThrow(DuplicateEventId);
    expect(() => planAppend('team-1', 1, 1, ['x', 'a'], lookup)).toThrow(DuplicateEventId);
    expect(() => planAppend('team-1', 1, 1, ['x', 'x'], lookup)).toThrow(DuplicateEventId);
    expect(() => planAppend('team-1', 1, 'no_stream', ['b', 'a'], lookup)).toThrow(WrongExpectedRevision);
  });
});

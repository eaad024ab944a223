import { fold } from '@rw/event-store';
import { STORY_MAX_LENGTH, walkerDecider } from './decider';
import type { WalkerRegistered } from './events';
import { type ChangeWalkerPage, WalkerPageRefused, walkerPageDecider } from './page-edit';

const at = '2026-05-02T09:00:00.000Z';
const registered: WalkerRegistered = {
  type: 'WalkerRegistered',
  data: {
    walkerId: 'w1',
    teamId: 't1',
    editionId: 'ed1',
    routeId: 'r1',
    name: 'Anna Peeters',
    email: 'anna@example.be',
    slug: 'anna-peeters',
    role: 'member',
    targetCents: 100_00,
    story: '',
    registrationFeeCents: 0,
    registeredAt: at,
  },
};
const walking = fold(walkerDecider, [registered]);
const change = (story: string, targetCents: number): ChangeWalkerPage => ({
  type: 'ChangeWalkerPage',
  walkerId: 'w1',
  story,
  targetCents,
  walkerMinimumCents: 100_00,
  at,
});

describe('a walker changing their page', () => {
  it('changes the story and the target together', () => {
    expect(walkerPageDecider.decide(change('Ik stap mee', 250_00), walking).map((e) => e.type)).toEqual([
      'WalkerStoryChanged',
      'WalkerTargetChanged',
    ]);
  });

  it('changes nothing when nothing changed', () => {
    expect(walkerPageDecider.decide(change('', 100_00), walking)).toEqual([]);
  });

  it('refuses both together, each by its field, when the target is below the minimum', () => {
    const refused = () => walkerPageDecider.decide(change('Ik stap mee', 50_00), walking);
    expect(refused).toThrow(WalkerPageRefused);
    try {
      refused();
    } catch (error) {
      expect((error as WalkerPageRefused).refusals.map((r) => r.field)).toEqual(['target']);
    }
  });

  it('names every refused field at once', () => {
    try {
      walkerPageDecider.decide(change('x'.repeat(STORY_MAX_LENGTH + 1), 50_00), walking);
      throw new Error('not refused');
    } catch (error) {
      expect(error).toBeInstanceOf(WalkerPageRefused);
      expect((error as WalkerPageRefused).refusals.map((r) => r.field)).toEqual(['story', 'target']);
      expect((error as WalkerPageRefused).kind).toBe('invalid');
    }
  });
});

import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import { messageEuros } from '@rw/kernel';
import type { RegisterWalker } from './commands';
import { checkNewWalker, walkerDecider } from './decider';
import {
  DistanceProposalGone,
  InvalidWalker,
  NoRegistrationFeeDue,
  WalkerAlreadyRegistered,
  WalkerNoLongerWalks,
  WalkerNotFound,
  WrongRegistrationFee,
} from './errors';
import type { WalkerEvent, WalkerRegistered } from './events';

const { given } = deciderSpec(walkerDecider);
const at = '2026-05-02T09:00:00.000Z';

const register: RegisterWalker = {
  type: 'RegisterWalker',
  walkerId: 'w1',
  teamId: 't1',
  editionId: 'ed1',
  routeId: 'r1',
  name: ' Anna  Peeters ',
  email: ' Anna@Example.BE ',
  slug: 'anna-peeters',
  role: 'member',
  walkerMinimumCents: 100_00,
  registrationFeeCents: 10_00,
  at,
};
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
    registrationFeeCents: 10_00,
    registeredAt: at,
  },
};
const removed: WalkerEvent = {
  type: 'WalkerRemoved',
  data: { walkerId: 'w1', teamId: 't1', removedBy: 'w-captain', removedAt: at },
};
const pay = { type: 'PayRegistrationFee' as const, walkerId: 'w1', feeCents: 10_00, paymentReference: 'fee-1', at };
const paid: WalkerEvent = {
  type: 'RegistrationFeePaid',
  data: { walkerId: 'w1', feeCents: 10_00, paymentReference: 'fee-1', paidAt: at },
};

describe('walker decider', () => {
  it('keeps the language of the walker’s mails when one is given', () => {
    given([])
      .when({ ...register, language: 'fr' })
      .then([{ ...registered, data: { ...registered.data, language: 'fr' } }]);
  });

  it('registers a walker with the edition minimum as target when none is given', () => {
    given([]).when(register).then([registered]);
  });

  it('keeps a higher target and a story', () => {
    given([])
      .when({ ...register, targetCents: 250_00, story: ' I walk for my neighbours. ' })
      .then([{ ...registered, data: { ...registered.data, targetCents: 250_00, story: 'I walk for my neighbours.' } }]);
  });

  it('refuses a target below the walker minimum, naming the minimum', () => {
    given([])
      .when({ ...register, targetCents: 50_00 })
      .thenFails(InvalidWalker, /at least 100.00 EUR/);
  });

  it('changes nothing when the same registration arrives again, and refuses another under that id', () => {
    given([registered]).when(register).then([]);
    given([registered])
      .when({ ...register, teamId: 't2' })
      .thenFails(WalkerAlreadyRegistered);
  });

  it('answers not found for a walker that does not exist', () => {
    given([]).when({ type: 'ChangeWalkerStory', walkerId: 'w1', story: 'x', at }).thenFails(WalkerNotFound);
  });

  it('edits story and target, and changes nothing when they stay the same', () => {
    given([registered])
      .when({ type: 'ChangeWalkerStory', walkerId: 'w1', story: 'Why I walk', at })
      .then([{ type: 'WalkerStoryChanged', data: { walkerId: 'w1', story: 'Why I walk', changedAt: at } }]);
    given([registered]).when({ type: 'ChangeWalkerStory', walkerId: 'w1', story: '  ', at }).then([]);
    given([registered])
      .when({ type: 'ChangeWalkerTarget', walkerId: 'w1', targetCents: 300_00, walkerMinimumCents: 100_00, at })
      .then([{ type: 'WalkerTargetChanged', data: { walkerId: 'w1', targetCents: 300_00, changedAt: at } }]);
    given([registered])
      .when({ type: 'ChangeWalkerTarget', walkerId: 'w1', targetCents: 99_99, walkerMinimumCents: 100_00, at })
      .thenFails(InvalidWalker);
  });

  it('takes a target up to EUR 1,000,000 and refuses one above it', () => {
    given([registered])
      .when({ type: 'ChangeWalkerTarget', walkerId: 'w1', targetCents: 1_000_000_00, walkerMinimumCents: 100_00, at })
      .then([{ type: 'WalkerTargetChanged', data: { walkerId: 'w1', targetCents: 1_000_000_00, changedAt: at } }]);
    given([registered])
      .when({ type: 'ChangeWalkerTarget', walkerId: 'w1', targetCents: 1_000_000_01, walkerMinimumCents: 100_00, at })
      .thenFails(InvalidWalker, /at most 1000000\.00 EUR/);
  });

  it('records the distance walked, corrects it, and refuses an impossible figure', () => {
    const recorded: WalkerEvent = {
      type: 'WalkerDistanceRecorded',
      data: { walkerId: 'w1', teamId: 't1', km: 38.5, recordedBy: 'org-1', recordedAt: at },
    };
    given([registered]).when({ type: 'RecordDistance', walkerId: 'w1', km: 38.5, by: 'org-1', at }).then([recorded]);
    given([registered, recorded]).when({ type: 'RecordDistance', walkerId: 'w1', km: 38.5, by: 'org-1', at }).then([]);
    given([registered, recorded])
      .when({ type: 'RecordDistance', walkerId: 'w1', km: 40, by: 'org-1', at })
      .then([{ ...recorded, data: { ...recorded.data, km: 40 } }]);
    given([registered])
      .when({ type: 'RecordDistance', walkerId: 'w1', km: -1, by: 'org-1', at })
      .thenFails(InvalidWalker);
    given([registered])
      .when({ type: 'RecordDistance', walkerId: 'w1', km: 4000, by: 'org-1', at })
      .thenFails(InvalidWalker);
  });

  it('keeps a distance proposed from a track apart until an organiser records it; the same file twice is one proposal', () => {
    const propose = {
      type: 'ProposeDistance' as const,
      walkerId: 'w1',
      proposalId: 'sha-1',
      km: 21.234,
      source: 'gpx' as const,
      points: 812,
      durationSeconds: 5 * 3600,
      profile: [
        [0, 12],
        [21.23, 30],
      ] as [number, number][],
      at,
    };
    const proposed: WalkerEvent = {
      type: 'WalkerDistanceProposed',
      data: {
        walkerId: 'w1',
        teamId: 't1',
        proposalId: 'sha-1',
        km: 21.23,
        source: 'gpx',
        points: 812,
        durationSeconds: 5 * 3600,
        profile: [
          [0, 12],
          [21.23, 30],
        ],
        proposedAt: at,
      },
    };
    given([registered]).when(propose).then([proposed]);
    given([registered, proposed]).when(propose).then([]);
    given([registered, proposed])
      .when({ ...propose, proposalId: 'sha-2', km: 22 })
      .then([{ ...proposed, data: { ...proposed.data, proposalId: 'sha-2', km: 22 } }]);
    given([registered])
      .when({ ...propose, km: 301 })
      .thenFails(InvalidWalker);
    // accepted: the organiser records the proposal's km, once; a replaced proposal is not recorded unseen
    const accept = { type: 'RecordDistance' as const, walkerId: 'w1', km: 21.23, by: 'org-1', at, proposalId: 'sha-1' };
    const accepted: WalkerEvent = {
      type: 'WalkerDistanceRecorded',
      data: { walkerId: 'w1', teamId: 't1', km: 21.23, recordedBy: 'org-1', recordedAt: at, proposalId: 'sha-1' },
    };
    given([registered, proposed]).when(accept).then([accepted]);
    given([registered, proposed, accepted]).when(accept).then([]);
    const replaced: WalkerEvent = { ...proposed, data: { ...proposed.data, proposalId: 'sha-2', km: 22 } };
    given([registered, proposed, replaced]).when(accept).thenFails(DistanceProposalGone);
    given([registered]).when(accept).thenFails(DistanceProposalGone);
    // a distance typed in settles the proposal too; accepting it afterwards is refused; the same file proposes again
    const typed: WalkerEvent = {
      type: 'WalkerDistanceRecorded',
      data: { walkerId: 'w1', teamId: 't1', km: 20, recordedBy: 'org-1', recordedAt: at },
    };
    given([registered, proposed])
      .when({ type: 'RecordDistance', walkerId: 'w1', km: 20, by: 'org-1', at })
      .then([typed]);
    given([registered, proposed, typed]).when(accept).thenFails(DistanceProposalGone);
    given([registered, proposed, accepted]).when(propose).then([proposed]);
  });

  describe('registration fee', () => {
    it('is settled once by a payment of exactly the fee; the same payment again changes nothing', () => {
      given([registered]).when(pay).then([paid]);
      given([registered, paid]).when(pay).then([]);
    });

    it('refuses a payment of another amount and a second, different payment', () => {
      given([registered])
        .when({ ...pay, feeCents: 5_00 })
        .thenFails(WrongRegistrationFee);
      given([registered, paid])
        .when({ ...pay, paymentReference: 'fee-2' })
        .thenFails(NoRegistrationFeeDue, /must be refunded/);
    });

    it('can be waived by an organiser (refugees walk free), once', () => {
      const waive = { type: 'WaiveRegistrationFee' as const, walkerId: 'w1', by: 'org-1', reason: ' refugee ', at };
      const waived: WalkerEvent = {
        type: 'RegistrationFeeWaived',
        data: { walkerId: 'w1', waivedBy: 'org-1', reason: 'refugee', waivedAt: at },
      };
      given([registered]).when(waive).then([waived]);
      given([registered, waived]).when(waive).then([]);
      given([registered, waived]).when(pay).thenFails(NoRegistrationFeeDue);
    });

    it('is waived only with a reason: a blank one is refused', () => {
      given([registered])
        .when({ type: 'WaiveRegistrationFee', walkerId: 'w1', by: 'org-1', reason: ' \t ', at })
        .thenFails(InvalidWalker, /say why the fee is waived/);
    });

    it('is not due on a free route', () => {
      const free: WalkerRegistered = { ...registered, data: { ...registered.data, registrationFeeCents: 0 } };
      given([free])
        .when({ ...pay, feeCents: 0 })
        .thenFails(NoRegistrationFeeDue);
    });
  });

  it('stops taking changes once removed, and removing again changes nothing', () => {
    given([registered]).when({ type: 'RemoveWalker', walkerId: 'w1', by: 'w-captain', at }).then([removed]);
    given([registered, removed]).when({ type: 'RemoveWalker', walkerId: 'w1', by: 'w-captain', at }).then([]);
    given([registered, removed])
      .when({ type: 'ChangeWalkerStory', walkerId: 'w1', story: 'x', at })
      .thenFails(WalkerNoLongerWalks);
  });
});

describe('messageEuros', () => {
  it('writes cents as euros with two decimals, without floating point', () => {
    expect(messageEuros(100_00)).toBe('100.00 EUR');
    expect(messageEuros(5)).toBe('0.05 EUR');
    expect(messageEuros(-12_345)).toBe('-123.45 EUR');
    expect(messageEuros(48_000_000_00)).toBe('48000000.00 EUR');
  });
});

/** The check a use case runs before it claims anything is the decider's own: same results, no events. */
describe('a new walker checked without a decision', () => {
  it('gives the kept name, target and story, or the refusal registering would give', () => {
    expect(checkNewWalker({ ...register, story: ' I walk. ' })).toEqual({
      name: 'Anna Peeters',
      targetCents: register.walkerMinimumCents,
      story: 'I walk.',
    });
    expect(() => checkNewWalker({ ...register, name: ' ' })).toThrow(InvalidWalker);
    expect(() => checkNewWalker({ ...register, targetCents: register.walkerMinimumCents - 1 })).toThrow(InvalidWalker);
    expect(() => checkNewWalker({ ...register, story: 'x'.repeat(5000) })).toThrow(InvalidWalker);
  });
});

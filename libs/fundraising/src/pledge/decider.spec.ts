import { fold } from '@rw/event-store';
import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { MakePledge } from './commands';
import { MAX_PER_KM_CENTS, pledgeDecider, pledgeDueCents } from './decider';
import {
  InvalidPledge,
  NothingDueOnPledge,
  PledgeAlreadyFulfilled,
  PledgeAlreadyMade,
  PledgeNotDue,
  PledgeNotFound,
  PledgeWasCancelled,
  WrongPledgeAmount,
} from './errors';
import type { PledgeEvent, PledgeMade } from './events';

const { given } = deciderSpec(pledgeDecider);
const at = '2026-05-01T08:00:00.000Z';
const walkDay = '2026-05-17T18:00:00.000Z';

const makePerKm: MakePledge = {
  type: 'MakePledge',
  pledgeId: 'p1',
  editionId: 'ed1',
  beneficiary: { type: 'walker', id: 'w1' },
  teamId: 't1',
  sponsor: { name: ' Bakkerij Peeters ', email: ' Info@Bakkerij-Peeters.BE ' },
  kind: 'per_km',
  amountCents: 2_50,
  at,
};
const perKmMade: PledgeMade = {
  type: 'PledgeMade',
  data: {
    pledgeId: 'p1',
    editionId: 'ed1',
    beneficiary: { type: 'walker', id: 'w1' },
    teamId: 't1',
    sponsor: { name: 'Bakkerij Peeters', email: 'info@bakkerij-peeters.be' },
    kind: 'per_km',
    amountCents: 2_50,
    madeAt: at,
  },
};
const makeFixed: MakePledge = { ...makePerKm, kind: 'fixed', amountCents: 50_00 };
const fixedMade: PledgeMade = { type: 'PledgeMade', data: { ...perKmMade.data, kind: 'fixed', amountCents: 50_00 } };
const markDue = (km: number) => ({ type: 'MarkPledgeDue' as const, pledgeId: 'p1', km, at: walkDay });
const becameDue = (km: number, dueCents: number): PledgeEvent => ({
  type: 'PledgeBecameDue',
  data: { pledgeId: 'p1', km, dueCents, at: walkDay },
});
const fulfil = (donationId: string, amountCents: number) => ({
  type: 'FulfilPledge' as const,
  pledgeId: 'p1',
  donationId,
  amountCents,
  at: walkDay,
});
const fulfilled: PledgeEvent = {
  type: 'PledgeFulfilled',
  data: { pledgeId: 'p1', donationId: 'd1', amountCents: 96_25, fulfilledAt: walkDay },
};
const cancel = { type: 'CancelPledge' as const, pledgeId: 'p1', by: 'sponsor', at };
const cancelled: PledgeEvent = {
  type: 'PledgeCancelled',
  data: { pledgeId: 'p1', cancelledBy: 'sponsor', cancelledAt: at },
};

describe('pledge decider', () => {
  it('keeps the language of the sponsor’s mails when one is given', () => {
    given([])
      .when({ ...makePerKm, language: 'fr' })
      .then([{ ...perKmMade, data: { ...perKmMade.data, language: 'fr' } }]);
  });

  describe('making a pledge', () => {
    it('makes an open pledge per km with the sponsor e-mail in lower case', () => {
      given([]).when(makePerKm).then([perKmMade]);
      expect(fold(pledgeDecider, [perKmMade])).toMatchObject({ status: 'open', dueCents: 0, km: null });
    });

    it('changes nothing when the same pledge is made again, and refuses other details under its id', () => {
      given([perKmMade])
        .when({ ...makePerKm, at: walkDay })
        .then([]);
      given([perKmMade])
        .when({ ...makePerKm, amountCents: 3_00 })
        .thenFails(PledgeAlreadyMade, /make a new pledge/);
    });

    it('takes a fixed pledge from 1.00 EUR up to 100,000.00 EUR', () => {
      given([])
        .when({ ...makeFixed, amountCents: 99 })
        .thenFails(InvalidPledge, /at least 1.00 EUR/);
      given([])
        .when({ ...makeFixed, amountCents: 100 })
        .then([{ ...fixedMade, data: { ...fixedMade.data, amountCents: 100 } }]);
      given([])
        .when({ ...makeFixed, amountCents: 10_000_000 })
        .then([{ ...fixedMade, data: { ...fixedMade.data, amountCents: 10_000_000 } }]);
      given([])
        .when({ ...makeFixed, amountCents: 10_000_001 })
        .thenFails(InvalidPledge, /at most 100000.00 EUR/);
    });

    it('takes a pledge per km from 1 cent per km, in whole cents', () => {
      given([])
        .when({ ...makePerKm, amountCents: 1 })
        .then([{ ...perKmMade, data: { ...perKmMade.data, amountCents: 1 } }]);
      given([])
        .when({ ...makePerKm, amountCents: 0 })
        .thenFails(InvalidPledge, /0.01 EUR per km/);
      given([])
        .when({ ...makePerKm, amountCents: 2.5 })
        .thenFails(InvalidPledge, /whole number of cents/);
    });

    it('takes a cap of 1.00 EUR or more on a pledge per km only', () => {
      given([])
        .when({ ...makePerKm, capCents: 100 })
        .then([{ ...perKmMade, data: { ...perKmMade.data, capCents: 100 } }]);
      given([])
        .when({ ...makePerKm, capCents: 99 })
        .thenFails(InvalidPledge, /cap/);
      given([])
        .when({ ...makeFixed, capCents: 60_00 })
        .thenFails(InvalidPledge, /only a pledge per km has a cap/);
    });

    it('takes at most 1,000.00 EUR per km and a cap of at most the largest gift, so a pledge cannot inflate the totals', () => {
      given([])
        .when({ ...makePerKm, amountCents: MAX_PER_KM_CENTS })
        .then([{ ...perKmMade, data: { ...perKmMade.data, amountCents: 100_000 } }]);
      given([])
        .when({ ...makePerKm, amountCents: MAX_PER_KM_CENTS + 1 })
        .thenFails(InvalidPledge, /at most 1000.00 EUR per km/);
      given([])
        .when({ ...makePerKm, capCents: 10_000_001 })
        .thenFails(InvalidPledge, /cap is a whole number of cents, from 1.00 EUR to 100000.00 EUR/);
    });

    it('asks a pledge per km at most the largest gift, whatever the distance (it is paid as one gift)', () => {
      expect(pledgeDueCents({ kind: 'per_km', amountCents: MAX_PER_KM_CENTS }, 300)).toBe(10_000_000);
      expect(pledgeDueCents({ kind: 'per_km', amountCents: 250 }, 38.5)).toBe(96_25);
    });

    it('refuses a pledge to a team that counts for another team', () => {
      given([])
        .when({ ...makePerKm, beneficiary: { type: 'team', id: 't2' } })
        .thenFails(InvalidPledge, /counts for that team/);
    });
  });

  describe('becoming due', () => {
    it('asks 96.25 EUR for 38.5 km at 2.50 EUR per km', () => {
      given([perKmMade])
        .when(markDue(38.5))
        .then([becameDue(38.5, 96_25)]);
    });

    it('rounds half a cent up: 12.35 km at 0.33 EUR per km is 4.0755 EUR, so 4.08 EUR', () => {
      const at33 = { ...perKmMade, data: { ...perKmMade.data, amountCents: 33 } };
      given([at33])
        .when(markDue(12.35))
        .then([becameDue(12.35, 408)]);
      expect(pledgeDueCents({ kind: 'per_km', amountCents: 33 }, 12.34)).toBe(407);
    });

    it('asks no more than the cap', () => {
      const capped = { ...perKmMade, data: { ...perKmMade.data, capCents: 75_00 } };
      given([capped])
        .when(markDue(38.5))
        .then([becameDue(38.5, 75_00)]);
      given([capped])
        .when(markDue(20))
        .then([becameDue(20, 50_00)]);
    });

    it('asks the fixed amount whatever the distance', () => {
      given([fixedMade])
        .when(markDue(12))
        .then([becameDue(12, 50_00)]);
    });

    it('changes nothing for the same distance again, and asks the new amount for a corrected one', () => {
      given([perKmMade, becameDue(38.5, 96_25)])
        .when(markDue(38.5))
        .then([]);
      given([perKmMade, becameDue(38.5, 96_25)])
        .when(markDue(40))
        .then([becameDue(40, 100_00)]);
    });

    it('becomes due for 0.00 EUR at 0 km, takes no payment then, and can be cancelled', () => {
      given([perKmMade])
        .when(markDue(0))
        .then([becameDue(0, 0)]);
      given([perKmMade, becameDue(0, 0)])
        .when(fulfil('d1', 100))
        .thenFails(NothingDueOnPledge, /nothing to pay; cancel it instead/);
      given([perKmMade, becameDue(0, 0)])
        .when(cancel)
        .then([cancelled]);
    });

    it('leaves a paid or a cancelled pledge as it is when a distance comes in', () => {
      given([perKmMade, becameDue(38.5, 96_25), fulfilled])
        .when(markDue(40))
        .then([]);
      given([perKmMade, cancelled]).when(markDue(38.5)).then([]);
    });

    it('refuses an impossible distance', () => {
      given([perKmMade])
        .when(markDue(-1))
        .thenFails(InvalidPledge, /between 0 and 300 km/);
      given([perKmMade]).when(markDue(Number.NaN)).thenFails(InvalidPledge);
    });

    it('answers not found for a pledge that does not exist', () => {
      given([]).when(markDue(38.5)).thenFails(PledgeNotFound);
    });
  });

  describe('fulfilling', () => {
    it('is fulfilled by a donation of exactly the amount due, once', () => {
      given([perKmMade, becameDue(38.5, 96_25)])
        .when(fulfil('d1', 96_25))
        .then([fulfilled]);
      given([perKmMade, becameDue(38.5, 96_25), fulfilled])
        .when(fulfil('d1', 96_25))
        .then([]);
      expect(fold(pledgeDecider, [perKmMade, becameDue(38.5, 96_25), fulfilled])).toMatchObject({
        status: 'fulfilled',
        dueCents: 96_25,
        donationId: 'd1',
      });
    });

    it('refuses another amount, naming the amount due', () => {
      given([perKmMade, becameDue(38.5, 96_25)])
        .when(fulfil('d1', 90_00))
        .thenFails(WrongPledgeAmount, /due for 96.25 EUR, not 90.00 EUR/);
    });

    it('refuses a second donation for a paid pledge', () => {
      given([perKmMade, becameDue(38.5, 96_25), fulfilled])
        .when(fulfil('d2', 96_25))
        .thenFails(PledgeAlreadyFulfilled, /already paid by donation d1: refund donation d2/);
    });

    it('refuses a payment before the pledge is due', () => {
      given([perKmMade])
        .when(fulfil('d1', 96_25))
        .thenFails(PledgeNotDue, /distance walked is recorded/);
    });

    it('refuses a payment of a cancelled pledge', () => {
      given([perKmMade, becameDue(38.5, 96_25), cancelled])
        .when(fulfil('d1', 96_25))
        .thenFails(PledgeWasCancelled, /takes no payment/);
    });
  });

  describe('cancelling', () => {
    it('cancels an open or a due pledge, and changes nothing the second time', () => {
      given([perKmMade]).when(cancel).then([cancelled]);
      given([perKmMade, becameDue(38.5, 96_25)])
        .when(cancel)
        .then([cancelled]);
      given([perKmMade, cancelled]).when(cancel).then([]);
    });

    it('refuses to cancel a paid pledge', () => {
      given([perKmMade, becameDue(38.5, 96_25), fulfilled])
        .when(cancel)
        .thenFails(PledgeAlreadyFulfilled, /refund that donation instead/);
    });
  });
});

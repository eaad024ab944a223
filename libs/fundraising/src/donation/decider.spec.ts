import { fold } from '@rw/event-store';
import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { CreateDonation } from './commands';
import { checkRefund, donationDecider, isPaid, refundableCents, refundableCharges } from './decider';
import {
  ChargebackExceedsPaid,
  DonationAlreadyCreated,
  DonationNotFound,
  DonationNotPaid,
  InvalidDonation,
  NotAMonthlyDonation,
  RefundExceedsPaid,
  UnknownCharge,
} from './errors';
import type { DonationCreated, DonationEvent, GiftFacts } from './events';

const { given } = deciderSpec(donationDecider);
const at = '2026-05-10T10:00:00.000Z';
const later = '2026-06-10T10:00:00.000Z';

const create: CreateDonation = {
  type: 'CreateDonation',
  donationId: 'd1',
  editionId: 'ed1',
  beneficiary: { type: 'walker', id: 'w1' },
  teamId: 't1',
  amountCents: 25_00,
  frequency: 'one_off',
  donor: { name: ' Jan Janssens ', email: ' Jan.Janssens@Example.BE ' },
  message: '  Goede tocht!  ',
  anonymous: false,
  provider: 'sandbox',
  method: 'bancontact',
  at,
};
const created: DonationCreated = {
  type: 'DonationCreated',
  data: {
    donationId: 'd1',
    editionId: 'ed1',
    beneficiary: { type: 'walker', id: 'w1' },
    teamId: 't1',
    walkerId: 'w1',
    amountCents: 25_00,
    frequency: 'one_off',
    donor: { name: 'Jan Janssens', email: 'jan.janssens@example.be' },
    message: 'Goede tocht!',
    anonymous: false,
    provider: 'sandbox',
    method: 'bancontact',
    createdAt: at,
  },
};
/** What each money event says of its gift, so that a reader needs no other event. */
const facts: GiftFacts = {
  editionId: 'ed1',
  beneficiary: { type: 'walker', id: 'w1' },
  teamId: 't1',
  walkerId: 'w1',
  frequency: 'one_off',
  provider: 'sandbox',
};
const monthlyFacts: GiftFacts = { ...facts, frequency: 'monthly' };
const paid: DonationEvent = {
  type: 'DonationPaid',
  data: { donationId: 'd1', amountCents: 25_00, providerReference: 'tr_1', paidAt: at, gift: facts },
};
const settle = (outcome: 'paid' | 'failed' | 'expired' | 'canceled') => ({
  type: 'SettleDonation' as const,
  donationId: 'd1',
  outcome,
  providerReference: 'tr_1',
  at,
});
const refund = (refundId: string, amountCents?: number) => ({
  type: 'RefundDonation' as const,
  donationId: 'd1',
  refundId,
  ...(amountCents === undefined ? {} : { amountCents }),
  at: later,
});
const refunded = (refundId: string, amountCents: number, chargeId = 'tr_1', gift = facts): DonationEvent => ({
  type: 'DonationRefunded',
  data: { donationId: 'd1', refundId, amountCents, refundedAt: later, chargeId, gift },
});
const chargeback = {
  type: 'RecordChargeback' as const,
  donationId: 'd1',
  chargebackId: 'chb_1',
  amountCents: 25_00,
  at,
};
const chargedBack: DonationEvent = {
  type: 'DonationChargedBack',
  data: { donationId: 'd1', chargebackId: 'chb_1', amountCents: 25_00, chargedBackAt: at, gift: facts },
};

const monthlyCreated: DonationCreated = {
  ...created,
  data: { ...created.data, amountCents: 15_00, frequency: 'monthly' },
};
const monthlyPaid: DonationEvent = {
  type: 'DonationPaid',
  data: { ...paid.data, amountCents: 15_00, gift: monthlyFacts },
};
const charge = (chargeId: string) => ({
  type: 'RecordMonthlyCharge' as const,
  donationId: 'd1',
  chargeId,
  amountCents: 15_00,
  providerReference: `tr_${chargeId}`,
  at: later,
});
const chargePaid = (chargeId: string): DonationEvent => ({
  type: 'MonthlyChargePaid',
  data: {
    donationId: 'd1',
    chargeId,
    amountCents: 15_00,
    providerReference: `tr_${chargeId}`,
    paidAt: later,
    gift: monthlyFacts,
  },
});
const monthlyCancelled: DonationEvent = {
  type: 'MonthlyDonationCancelled',
  data: { donationId: 'd1', cancelledBy: 'donor', cancelledAt: at },
};

function stateAfter(events: DonationEvent[]) {
  const state = fold(donationDecider, events);
  if (state.status === 'none') throw new Error('no donation');
  return state;
}

describe('donation decider', () => {
  it('keeps the language of the donor’s mails when one is given', () => {
    given([])
      .when({ ...create, language: 'en' })
      .then([{ ...created, data: { ...created.data, language: 'en' } }]);
  });

  describe('creating', () => {
    it('creates a pending gift with the donor e-mail in lower case and name and message trimmed', () => {
      given([]).when(create).then([created]);
      expect(stateAfter([created]).status).toBe('pending');
    });

    it('fills in the team of a gift to a team, and leaves an empty message out', () => {
      const { walkerId: _walkerId, message: _message, ...toTeam } = created.data;
      given([])
        .when({ ...create, beneficiary: { type: 'team', id: 't1' }, message: '   ' })
        .then([{ type: 'DonationCreated', data: { ...toTeam, beneficiary: { type: 'team', id: 't1' } } }]);
    });

    it('changes nothing when the same gift is created again, even later', () => {
      given([created])
        .when({ ...create, at: later })
        .then([]);
    });

    it('refuses the same donation id with other details', () => {
      given([created])
        .when({ ...create, amountCents: 50_00 })
        .thenFails(DonationAlreadyCreated, /start a new donation/);
    });

    it('takes gifts from 1.00 EUR up to 100,000.00 EUR online', () => {
      given([])
        .when({ ...create, amountCents: 99 })
        .thenFails(InvalidDonation, /at least 1.00 EUR/);
      given([])
        .when({ ...create, amountCents: 100 })
        .then([{ ...created, data: { ...created.data, amountCents: 100 } }]);
      given([])
        .when({ ...create, amountCents: 10_000_000 })
        .then([{ ...created, data: { ...created.data, amountCents: 10_000_000 } }]);
      given([])
        .when({ ...create, amountCents: 10_000_001 })
        .thenFails(InvalidDonation, /at most 100000.00 EUR/);
      given([])
        .when({ ...create, amountCents: 25.5 })
        .thenFails(InvalidDonation, /whole number of cents/);
    });

    it('refuses a message over 500 characters (emoji count as one), a donor without a name and an address that is not one', () => {
      given([])
        .when({ ...create, message: 'x'.repeat(501) })
        .thenFails(InvalidDonation, /at most 500/);
      given([])
        .when({ ...create, message: ` ${'x'.repeat(500)} ` })
        .then([{ ...created, data: { ...created.data, message: 'x'.repeat(500) } }]);
      given([])
        .when({ ...create, message: '🚶'.repeat(500) })
        .then([{ ...created, data: { ...created.data, message: '🚶'.repeat(500) } }]);
      given([])
        .when({ ...create, donor: { name: ' ', email: 'jan@example.be' } })
        .thenFails(InvalidDonation, /name/);
      given([])
        .when({ ...create, donor: { name: 'Jan', email: 'jan.example.be' } })
        .thenFails(InvalidDonation, /not an e-mail address/);
    });

    it('refuses a team or walker that contradicts the beneficiary, and an edition gift to another edition', () => {
      given([])
        .when({ ...create, walkerId: 'w2' })
        .thenFails(InvalidDonation, /agree with its beneficiary/);
      given([])
        .when({ ...create, beneficiary: { type: 'edition', id: 'ed2' }, teamId: undefined })
        .thenFails(InvalidDonation, /edition ed1/);
    });
  });

  describe('recording a gift offline', () => {
    const offline: CreateDonation = {
      ...create,
      provider: 'offline',
      method: undefined,
      recordedOffline: {
        by: 'org-1',
        method: 'bank_transfer',
        receivedOn: '2026-05-09',
        reference: ' +++090/9337/55493+++ ',
      },
    };
    const offlineCreated: DonationCreated = {
      ...created,
      data: {
        ...(({ method: _m, ...rest }) => rest)(created.data),
        provider: 'offline',
        recordedOffline: {
          by: 'org-1',
          method: 'bank_transfer',
          receivedOn: '2026-05-09',
          reference: '+++090/9337/55493+++',
        },
      },
    };
    // the day the organiser received the money goes with the payment, for the books
    const offlineFacts: GiftFacts = { ...facts, provider: 'offline', receivedOn: '2026-05-09' };

    it('is paid at once, under its reference', () => {
      given([])
        .when(offline)
        .then([
          offlineCreated,
          {
            type: 'DonationPaid',
            data: { ...paid.data, providerReference: '+++090/9337/55493+++', gift: offlineFacts },
          },
        ]);
    });

    it('is paid under offline:<id> when it has no reference, with no maximum and down to 1 cent', () => {
      const noReference = {
        ...offline,
        recordedOffline: { by: 'org-1', method: 'cash' as const, receivedOn: '2026-05-09' },
      };
      given([])
        .when({ ...noReference, amountCents: 1 })
        .then([
          {
            ...offlineCreated,
            data: { ...offlineCreated.data, amountCents: 1, recordedOffline: noReference.recordedOffline },
          },
          {
            type: 'DonationPaid',
            data: { ...paid.data, amountCents: 1, providerReference: 'offline:d1', gift: offlineFacts },
          },
        ]);
      given([])
        .when({ ...offline, amountCents: 25_000_000 })
        .then([
          { ...offlineCreated, data: { ...offlineCreated.data, amountCents: 25_000_000 } },
          {
            type: 'DonationPaid',
            data: {
              ...paid.data,
              amountCents: 25_000_000,
              providerReference: '+++090/9337/55493+++',
              gift: offlineFacts,
            },
          },
        ]);
      given([])
        .when({ ...offline, amountCents: 0 })
        .thenFails(InvalidDonation, /at least 1 cent/);
    });

    it('may come without an e-mail address (cash from a collection jar), which a gift made online may not', () => {
      const jar = { ...offline, donor: { name: 'Collectebus bakkerij', email: '  ' } };
      given([])
        .when(jar)
        .then([
          { ...offlineCreated, data: { ...offlineCreated.data, donor: { name: 'Collectebus bakkerij', email: '' } } },
          {
            type: 'DonationPaid',
            data: { ...paid.data, providerReference: '+++090/9337/55493+++', gift: offlineFacts },
          },
        ]);
      given([])
        .when({ ...create, donor: { name: 'Collectebus bakkerij', email: '' } })
        .thenFails(InvalidDonation, /not an e-mail address/);
      given([])
        .when({ ...offline, donor: { name: 'Collectebus bakkerij', email: 'not an address' } })
        .thenFails(InvalidDonation, /not an e-mail address/);
    });

    it('is received today at the latest, in Brussels: a day still to come is refused', () => {
      // 23:30 UTC on 8 May is already 9 May in Brussels
      const lateEvening = { ...offline, at: '2026-05-08T23:30:00.000Z' };
      given([])
        .when(lateEvening)
        .then([
          { ...offlineCreated, data: { ...offlineCreated.data, createdAt: lateEvening.at } },
          {
            type: 'DonationPaid',
            data: {
              ...paid.data,
              providerReference: '+++090/9337/55493+++',
              paidAt: lateEvening.at,
              gift: offlineFacts,
            },
          },
        ]);
      given([])
        .when({ ...offline, at: '2026-05-08T12:00:00.000Z' })
        .thenFails(InvalidDonation, /cannot be in the future/);
    });

    it('is received on a day of the calendar (the kernel rule the desk uses too)', () => {
      given([])
        .when({ ...offline, recordedOffline: { by: 'org-1', method: 'cash', receivedOn: '2026-02-30' } })
        .thenFails(InvalidDonation, 'the day a gift was received is written YYYY-MM-DD');
    });

    it('is one-off only, and changes nothing when recorded again', () => {
      given([])
        .when({ ...offline, frequency: 'monthly' })
        .thenFails(InvalidDonation, /one-off/);
      given([offlineCreated, { type: 'DonationPaid', data: paid.data }])
        .when(offline)
        .then([]);
    });

    it('comes only from the offline and import providers, which always need the record', () => {
      given([])
        .when({ ...offline, provider: 'stripe' })
        .thenFails(InvalidDonation, /cannot have an organiser's record/);
      given([])
        .when({ ...create, provider: 'offline' })
        .thenFails(InvalidDonation, /needs an organiser's record/);
    });
  });

  describe('settling', () => {
    it('records the payment of a pending gift', () => {
      given([created]).when(settle('paid')).then([paid]);
      expect(stateAfter([created, paid])).toMatchObject({ status: 'paid', paidCents: 25_00 });
    });

    it('records the day it was paid when that is all the bank says (a value date), and refuses another shape', () => {
      given([created])
        .when({ ...settle('paid'), paidOn: '2026-03-05' })
        .then([{ ...paid, data: { ...paid.data, paidOn: '2026-03-05' } }]);
      given([created])
        .when({ ...settle('paid'), paidOn: '05/03/2026' })
        .thenFails(InvalidDonation, 'the day a gift was paid is written YYYY-MM-DD');
    });

    it('records a failed, an expired and a canceled checkout', () => {
      given([created])
        .when({ ...settle('failed'), reason: ' insufficient funds ' })
        .then([
          {
            type: 'DonationFailed',
            data: { donationId: 'd1', providerReference: 'tr_1', reason: 'insufficient funds', failedAt: at },
          },
        ]);
      given([created])
        .when(settle('expired'))
        .then([{ type: 'DonationExpired', data: { donationId: 'd1', providerReference: 'tr_1', expiredAt: at } }]);
      given([created])
        .when(settle('canceled'))
        .then([{ type: 'DonationCanceled', data: { donationId: 'd1', providerReference: 'tr_1', canceledAt: at } }]);
    });

    it('changes nothing when the same outcome is reported again, also after a refund', () => {
      given([created, paid]).when(settle('paid')).then([]);
      given([created, paid, refunded('re_1', 25_00)])
        .when(settle('paid'))
        .then([]);
      const failed: DonationEvent = {
        type: 'DonationFailed',
        data: { donationId: 'd1', providerReference: 'tr_1', failedAt: at },
      };
      given([created, failed]).when(settle('failed')).then([]);
    });

    it('counts money the provider says arrived after a final "no" (a retry in the same checkout after a decline)', () => {
      const failed: DonationEvent = {
        type: 'DonationFailed',
        data: { donationId: 'd1', providerReference: 'tr_1', failedAt: at },
      };
      const paidAfter: DonationEvent = {
        type: 'DonationPaid',
        data: {
          donationId: 'd1',
          amountCents: 25_00,
          providerReference: 'tr_1',
          paidAt: at,
          afterOutcome: 'failed',
          gift: facts,
        },
      };
      given([created, failed]).when(settle('paid')).then([paidAfter]);
      const state = stateAfter([created, failed, paidAfter]);
      expect(state).toMatchObject({ status: 'paid', paidCents: 25_00 });
      given([created, failed, paidAfter]).when(settle('paid')).then([]);
    });

    it('keeps the first final "no": expired after failed changes nothing and is no error', () => {
      const failed: DonationEvent = {
        type: 'DonationFailed',
        data: { donationId: 'd1', providerReference: 'tr_1', failedAt: at },
      };
      given([created, failed]).when(settle('expired')).then([]);
    });

    it('flags "failed" after paid for finance, once, and counts nothing less', () => {
      const flagged: DonationEvent = {
        type: 'DonationFlaggedForFinance',
        data: {
          donationId: 'd1',
          providerReference: 'tr_1',
          reported: 'failed',
          recordedStatus: 'paid',
          problem: 'the provider reported the payment failed after it was recorded paid',
          flaggedAt: at,
        },
      };
      given([created, paid]).when(settle('failed')).then([flagged]);
      given([created, paid, flagged]).when(settle('failed')).then([]);
      expect(stateAfter([created, paid, flagged])).toMatchObject({ status: 'paid', paidCents: 25_00 });
    });

    it('keeps a declined attempt inside an open checkout as pending, with its reason for the donor', () => {
      const attempt = {
        type: 'RecordPaymentAttemptFailure' as const,
        donationId: 'd1',
        providerReference: 'pi_1',
        reason: 'Your card was declined.',
        at,
      };
      const declined: DonationEvent = {
        type: 'DonationPaymentAttemptFailed',
        data: { donationId: 'd1', providerReference: 'pi_1', reason: 'Your card was declined.', failedAt: at },
      };
      given([created]).when(attempt).then([declined]);
      given([created, declined]).when(attempt).then([]);
      expect(stateAfter([created, declined])).toMatchObject({
        status: 'pending',
        failureReason: 'Your card was declined.',
      });
      given([created, declined]).when(settle('paid')).then([paid]);
      given([created, paid]).when(attempt).then([]);
    });

    it('answers not found for a donation that does not exist', () => {
      given([]).when(settle('paid')).thenFails(DonationNotFound);
    });
  });

  describe('monthly donations', () => {
    const monthly = [monthlyCreated, monthlyPaid];
    const cancel = { type: 'CancelMonthlyDonation' as const, donationId: 'd1', by: 'donor' as const, at };

    it('counts the first payment and two monthly charges as three gifts', () => {
      given(monthly)
        .when(charge('c2'))
        .then([chargePaid('c2')]);
      given([...monthly, chargePaid('c2')])
        .when(charge('c3'))
        .then([chargePaid('c3')]);
      const state = stateAfter([...monthly, chargePaid('c2'), chargePaid('c3')]);
      expect(state).toMatchObject({ status: 'paid', paidCents: 45_00, chargeIds: ['c2', 'c3'] });
    });

    it('records the same charge once', () => {
      given([...monthly, chargePaid('c2')])
        .when(charge('c2'))
        .then([]);
    });

    it('does not count the first payment again when it is reported as a charge', () => {
      given(monthly)
        .when({ ...charge('in_1'), providerReference: 'tr_1' })
        .then([]);
    });

    it('takes no charge before the first payment, and none on a one-off gift', () => {
      given([monthlyCreated])
        .when(charge('c2'))
        .thenFails(DonationNotPaid, /after the first payment/);
      given([created, paid])
        .when(charge('c2'))
        .thenFails(NotAMonthlyDonation, /one-off gift/);
    });

    it('is cancelled once, and a one-off gift cannot be cancelled', () => {
      given(monthly).when(cancel).then([monthlyCancelled]);
      given([...monthly, monthlyCancelled])
        .when(cancel)
        .then([]);
      given([created, paid])
        .when(cancel)
        .thenFails(NotAMonthlyDonation, /only a monthly donation can be cancelled/);
    });

    it('can be cancelled before its first payment, and has nothing to stop when that payment failed', () => {
      given([monthlyCreated]).when(cancel).then([monthlyCancelled]);
      const failed: DonationEvent = {
        type: 'DonationFailed',
        data: { donationId: 'd1', providerReference: 'tr_1', failedAt: at },
      };
      given([monthlyCreated, failed]).when(cancel).then([]);
    });

    it('keeps money charged after the cancellation, flagged apart for finance', () => {
      const afterCancellation: DonationEvent = {
        type: 'MonthlyChargePaidAfterCancellation',
        data: {
          donationId: 'd1',
          chargeId: 'c2',
          amountCents: 15_00,
          providerReference: 'tr_c2',
          paidAt: later,
          gift: monthlyFacts,
        },
      };
      given([...monthly, monthlyCancelled])
        .when(charge('c2'))
        .then([afterCancellation]);
      const state = stateAfter([...monthly, monthlyCancelled, afterCancellation]);
      expect(refundableCents(state)).toBe(30_00);
    });
  });

  describe('refunds', () => {
    it('refunds part of a gift: 25.00 paid, 10.00 refunded leaves 15.00', () => {
      given([created, paid])
        .when(refund('re_1', 10_00))
        .then([refunded('re_1', 10_00)]);
      const state = stateAfter([created, paid, refunded('re_1', 10_00)]);
      expect(state.status).toBe('partially_refunded');
      expect(refundableCents(state)).toBe(15_00);
    });

    it('refunds the remaining 15.00, and the gift is refunded', () => {
      given([created, paid, refunded('re_1', 10_00)])
        .when(refund('re_2', 15_00))
        .then([refunded('re_2', 15_00)]);
      expect(stateAfter([created, paid, refunded('re_1', 10_00), refunded('re_2', 15_00)]).status).toBe('refunded');
    });

    it('refuses to refund one cent more than is left, naming what is left', () => {
      given([created, paid, refunded('re_1', 10_00)])
        .when(refund('re_2', 15_01))
        .thenFails(RefundExceedsPaid, /only 15.00 EUR left to refund, not 15.01 EUR/);
      given([created, paid, refunded('re_1', 10_00), refunded('re_2', 15_00)])
        .when(refund('re_3', 1))
        .thenFails(RefundExceedsPaid, /nothing left to refund \(0.00 EUR\)/);
    });

    it('refunds everything left when no amount is given', () => {
      given([created, paid, refunded('re_1', 10_00)])
        .when(refund('re_2'))
        .then([refunded('re_2', 15_00)]);
    });

    it('changes nothing when the same refund comes again', () => {
      given([created, paid, refunded('re_1', 10_00)])
        .when(refund('re_1', 10_00))
        .then([]);
      given([created, paid, refunded('re_1', 25_00)])
        .when(refund('re_1'))
        .then([]);
    });

    it('refunds one payment of a monthly donation at a time, each no more than it was', () => {
      const monthly = [monthlyCreated, monthlyPaid, chargePaid('c2'), chargePaid('c3')];
      given(monthly)
        .when({ ...refund('re_1'), chargeId: 'c2' })
        .then([refunded('re_1', 15_00, 'c2', monthlyFacts)]);
      // without a charge: the first payment, never the sum of all months against it
      given(monthly)
        .when(refund('re_1'))
        .then([refunded('re_1', 15_00, 'tr_1', monthlyFacts)]);
      given(monthly)
        .when({ ...refund('re_1', 15_01), chargeId: 'c3' })
        .thenFails(RefundExceedsPaid, /only 15.00 EUR left to refund, not 15.01 EUR/);
      given(monthly)
        .when({ ...refund('re_1'), chargeId: 'c9' })
        .thenFails(UnknownCharge, /has no payment c9/);
      // an id that names a property of every object is no payment either
      given(monthly)
        .when({ ...refund('re_1'), chargeId: 'constructor' })
        .thenFails(UnknownCharge, /has no payment constructor/);
      const state = stateAfter([...monthly, refunded('re_1', 15_00, 'c2')]);
      expect(refundableCharges(state)).toEqual([
        { chargeId: 'tr_1', refundableCents: 15_00 },
        { chargeId: 'c3', refundableCents: 15_00 },
      ]);
      expect(state.status).toBe('partially_refunded');
    });

    it('counts a refund that failed at the provider back in, once', () => {
      const failure = {
        type: 'RecordRefundFailure' as const,
        donationId: 'd1',
        refundId: 're_1',
        amountCents: 10_00,
        at: later,
      };
      const reversed: DonationEvent = {
        type: 'DonationRefundReversed',
        data: { donationId: 'd1', refundId: 're_1', amountCents: 10_00, reversedAt: later, gift: facts },
      };
      given([created, paid, refunded('re_1', 10_00)])
        .when(failure)
        .then([reversed]);
      given([created, paid, refunded('re_1', 10_00), reversed])
        .when(failure)
        .then([]);
      // a refund that failed before it was ever counted moved nothing
      given([created, paid]).when(failure).then([]);
      const state = stateAfter([created, paid, refunded('re_1', 10_00), reversed]);
      expect(state).toMatchObject({ status: 'paid', refundedCents: 0 });
      expect(refundableCents(state)).toBe(25_00);
    });

    it('refuses to refund a gift that was not paid', () => {
      given([created])
        .when(refund('re_1', 10_00))
        .thenFails(DonationNotPaid, /is pending, not paid: there is nothing to refund/);
    });
  });

  describe('charge-backs', () => {
    it('records a charge-back once, and the gift is charged back with nothing left to refund', () => {
      given([created, paid]).when(chargeback).then([chargedBack]);
      given([created, paid, chargedBack]).when(chargeback).then([]);
      const state = stateAfter([created, paid, chargedBack]);
      expect(state.status).toBe('charged_back');
      expect(refundableCents(state)).toBe(0);
      given([created, paid, chargedBack])
        .when(refund('re_1'))
        .thenFails(RefundExceedsPaid, /nothing left/);
    });

    it('shows a partial charge-back as charged back, over any refund', () => {
      const partial: DonationEvent = { type: 'DonationChargedBack', data: { ...chargedBack.data, amountCents: 5_00 } };
      expect(stateAfter([created, paid, refunded('re_1', 10_00), partial]).status).toBe('charged_back');
    });

    it('records a charge-back after a refund, but never more than was paid', () => {
      given([created, paid, refunded('re_1', 25_00)])
        .when(chargeback)
        .then([chargedBack]);
      given([created, paid])
        .when({ ...chargeback, amountCents: 25_01 })
        .thenFails(ChargebackExceedsPaid, /only 25.00 EUR paid/);
    });

    it('gives a reversed charge-back back, once, and the gift is paid again', () => {
      const reversal = {
        type: 'RecordChargebackReversal' as const,
        donationId: 'd1',
        chargebackId: 'chb_1',
        amountCents: 25_00,
        at: later,
      };
      const reversed: DonationEvent = {
        type: 'DonationChargebackReversed',
        data: { donationId: 'd1', chargebackId: 'chb_1', amountCents: 25_00, reversedAt: later, gift: facts },
      };
      given([created, paid, chargedBack]).when(reversal).then([reversed]);
      given([created, paid, chargedBack, reversed]).when(reversal).then([]);
      // the same charge-back reported again after its reversal is not taken a second time
      given([created, paid, chargedBack, reversed]).when(chargeback).then([]);
      // a dispute won before any money was withdrawn gives nothing back
      given([created, paid]).when(reversal).then([]);
      const state = stateAfter([created, paid, chargedBack, reversed]);
      expect(state).toMatchObject({ status: 'paid', chargedBackCents: 0 });
      expect(refundableCents(state)).toBe(25_00);
    });

    it('refuses a charge-back on a gift that was not paid', () => {
      given([created])
        .when(chargeback)
        .thenFails(DonationNotPaid, /nothing to charge back/);
    });
  });
});

describe('donation decider: the provider’s checkout', () => {
  const record = {
    type: 'RecordCheckout' as const,
    donationId: created.data.donationId,
    providerReference: 'cs_test_1',
    checkoutUrl: 'https://checkout.example/cs_test_1',
    at,
  };
  const opened: DonationEvent = {
    type: 'DonationCheckoutOpened',
    data: {
      donationId: created.data.donationId,
      providerReference: 'cs_test_1',
      checkoutUrl: 'https://checkout.example/cs_test_1',
      openedAt: at,
    },
  };

  it('records the checkout of a pending gift once', () => {
    given([created]).when(record).then([opened]);
    given([created, opened]).when(record).then([]);
  });

  it('records nothing for a gift that is settled already (a late answer)', () => {
    given([created, paid]).when(record).then([]);
  });

  it('answers not found for a donation that does not exist', () => {
    given([]).when(record).thenFails(DonationNotFound);
  });
});

describe('donation state: a failed payment', () => {
  it('keeps the provider’s decline reason for the result page', () => {
    const failed: DonationEvent = {
      type: 'DonationFailed',
      data: {
        donationId: created.data.donationId,
        providerReference: 'pi_9',
        reason: 'insufficient funds',
        failedAt: at,
      },
    };
    const state = fold(donationDecider, [created, failed]);
    expect(state).toMatchObject({ status: 'failed', failureReason: 'insufficient funds' });
  });
});

describe('donation state', () => {
  const failed: DonationEvent = {
    type: 'DonationFailed',
    data: { donationId: 'd1', providerReference: 'tr_1', reason: 'card declined', failedAt: at },
  };

  it('is pending, unpaid for good or paid, each with only the fields that mean something there', () => {
    expect(stateAfter([created])).toEqual({
      status: 'pending',
      gift: created.data,
      feesCents: {},
      flags: [],
      cancelled: false,
    });
    // terminal without money: no amounts, the reference the outcome was reported for
    expect(stateAfter([created, failed])).toEqual({
      status: 'failed',
      gift: created.data,
      feesCents: {},
      flags: [],
      cancelled: false,
      providerReference: 'tr_1',
      failureReason: 'card declined',
    });
    expect(isPaid(stateAfter([created, failed]))).toBe(false);
    expect(isPaid(stateAfter([created, failed, paid]))).toBe(true);
  });

  it('works a paid gift’s status out from its amounts: refunded in part, in full, charged back, paid again', () => {
    expect(stateAfter([created, paid, refunded('re_1', 10_00)]).status).toBe('partially_refunded');
    expect(stateAfter([created, paid, refunded('re_1', 25_00)]).status).toBe('refunded');
    expect(stateAfter([created, paid, refunded('re_1', 10_00), chargedBack]).status).toBe('charged_back');
    const reversed: DonationEvent = {
      type: 'DonationChargebackReversed',
      data: { donationId: 'd1', chargebackId: 'chb_1', amountCents: 25_00, reversedAt: later },
    };
    expect(stateAfter([created, paid, chargedBack, reversed]).status).toBe('paid');
  });

  it('stays paid when a "no" is folded after the money (the decider flags it instead)', () => {
    expect(stateAfter([created, paid, failed])).toMatchObject({ status: 'paid', paidCents: 25_00 });
  });
});

describe('donation decider: provider fees', () => {
  const fee = (feeCents: number) => ({
    type: 'RecordProviderFee' as const,
    donationId: created.data.donationId,
    providerPaymentId: 'pi_1',
    feeCents,
    at,
  });
  const recorded = (feeCents: number): DonationEvent => ({
    type: 'ProviderFeeRecorded',
    data: { donationId: created.data.donationId, providerPaymentId: 'pi_1', feeCents, recordedAt: at, gift: facts },
  });

  it('records a payment’s fee once, and a corrected fee again', () => {
    given([created, paid])
      .when(fee(54))
      .then([recorded(54)]);
    given([created, paid, recorded(54)])
      .when(fee(54))
      .then([]);
    given([created, paid, recorded(54)])
      .when(fee(60))
      .then([recorded(60)]);
  });

  it('refuses a fee that is not whole cents', () => {
    given([created, paid])
      .when(fee(5.4))
      .thenFails(InvalidDonation, /whole number of cents/);
  });

  it('never changes what the gift counts for', () => {
    const state = fold(donationDecider, [created, paid, recorded(54)]);
    expect(state).toMatchObject({
      status: 'paid',
      paidCents: (paid.data as { amountCents: number }).amountCents,
      feesCents: { pi_1: 54 },
    });
  });
});

describe('covered fees', () => {
  const covering = { ...create, amountCents: 25_39, coverFeesCents: 39 };
  const createdCovering: DonationCreated = {
    ...created,
    data: { ...created.data, amountCents: 25_39, coverFeesCents: 39 },
  };

  it('records the covered part of the charge on the gift and on its payment', () => {
    given([]).when(covering).then([createdCovering]);
    given([createdCovering])
      .when(settle('paid'))
      .then([
        {
          type: 'DonationPaid',
          data: {
            donationId: 'd1',
            amountCents: 25_39,
            coverFeesCents: 39,
            providerReference: 'tr_1',
            paidAt: at,
            gift: facts,
          },
        },
      ]);
  });

  it('says nothing of covered fees when another amount came in', () => {
    given([createdCovering])
      .when({ ...settle('paid'), receivedCents: 25_00 })
      .then([
        {
          type: 'DonationPaid',
          data: { donationId: 'd1', amountCents: 25_00, providerReference: 'tr_1', paidAt: at, gift: facts },
        },
      ]);
  });

  it('carries them on each month of a monthly gift that covers them', () => {
    const monthly: DonationCreated = {
      ...createdCovering,
      data: { ...createdCovering.data, amountCents: 15_39, frequency: 'monthly' },
    };
    const first: DonationEvent = {
      type: 'DonationPaid',
      data: {
        donationId: 'd1',
        amountCents: 15_39,
        coverFeesCents: 39,
        providerReference: 'sub_1',
        paidAt: at,
        gift: monthlyFacts,
      },
    };
    given([monthly, first])
      .when({
        type: 'RecordMonthlyCharge',
        donationId: 'd1',
        chargeId: 'ch_2',
        amountCents: 15_39,
        providerReference: 'tr_2',
        at: later,
      })
      .then([
        {
          type: 'MonthlyChargePaid',
          data: {
            donationId: 'd1',
            chargeId: 'ch_2',
            amountCents: 15_39,
            coverFeesCents: 39,
            providerReference: 'tr_2',
            paidAt: later,
            gift: monthlyFacts,
          },
        },
      ]);
  });

  it('checks the bounds of a gift on the gift itself, fees on top', () => {
    // 1 euro is the smallest gift: 1.39 with 39 cents of fees is a gift of 1 euro
    given([])
      .when({ ...covering, amountCents: 1_39 })
      .then([{ ...createdCovering, data: { ...createdCovering.data, amountCents: 1_39 } }]);
    given([])
      .when({ ...covering, amountCents: 1_38 })
      .thenFails(InvalidDonation, /at least 1.00 EUR/);
  });

  it.each([
    ['a fraction of a cent', 0.5],
    ['less than nothing', -1],
    ['all of the charge', 25_39],
  ])('refuses covered fees of %s', (_, coverFeesCents) => {
    given([])
      .when({ ...covering, coverFeesCents })
      .thenFails(InvalidDonation, /part of the amount charged/);
  });

  it('refuses covered fees on money received offline', () => {
    given([])
      .when({
        ...covering,
        provider: 'offline',
        recordedOffline: { by: 'acc1', method: 'cash', receivedOn: '2026-05-10' },
      })
      .thenFails(InvalidDonation, /no payment costs to cover/);
  });
});

/** The check a refund use case runs before it asks the provider is the decider's own: same results, no events. */
describe('a refund checked without a decision', () => {
  const known = (events: DonationEvent[]) => {
    const state = fold(donationDecider, events);
    if (state.status === 'none') throw new Error('a gift was created');
    return state;
  };

  it('takes what is left of the payment, or the amount asked', () => {
    const state = known([created, paid, refunded('rf_1', 5_00)]);
    expect(checkRefund(state, {})).toEqual({ chargeId: 'tr_1', amountCents: 20_00 });
    expect(checkRefund(state, { chargeId: 'tr_1', amountCents: 3_00 })).toEqual({
      chargeId: 'tr_1',
      amountCents: 3_00,
    });
  });

  it('refuses what the decider refuses', () => {
    expect(() => checkRefund(known([created]), {})).toThrow(DonationNotPaid);
    const state = known([created, paid]);
    expect(() => checkRefund(state, { chargeId: 'tr_other' })).toThrow(UnknownCharge);
    expect(() => checkRefund(state, { amountCents: 26_00 })).toThrow(RefundExceedsPaid);
    expect(() => checkRefund(state, { amountCents: -1 })).toThrow(InvalidDonation);
    expect(() => checkRefund(known([created, paid, refunded('rf_1', 25_00)]), {})).toThrow(RefundExceedsPaid);
  });
});

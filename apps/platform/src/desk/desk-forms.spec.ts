import { parseOfflineGift } from './desk-forms';
import { deskMessages } from './desk-messages';

const t = deskMessages('nl');
const gift = (amount: string) =>
  parseOfflineGift(
    {
      beneficiaryType: 'team',
      beneficiaryId: 'team-1',
      amount,
      donorName: 'Ann Peeters',
      donorEmail: 'ann@example.be',
      method: 'cash',
      receivedOn: '2025-05-01',
      giftKey: 'abcdefgh-1234',
    },
    t,
  );

describe('an offline gift typed at the desk', () => {
  // the desk reads amounts as the public form does (the kernel's parseMoney): "1.250" was refused here before
  it.each([
    ['1.250', 1250_00],
    ['1 250', 1250_00],
    ['12,50', 12_50],
    ['12.50', 12_50],
    ['1.250,75', 1250_75],
    ['€ 20', 20_00],
  ])('reads %j as %i cents', (amount, cents) => {
    expect(gift(amount)).toMatchObject({ ok: true, value: { amountCents: cents } });
  });

  it.each(['12,345', '0', '-5', 'twenty', ''])('refuses %j by the amount field', (amount) => {
    expect(gift(amount)).toEqual({ ok: false, errors: { amount: t.errorAmount } });
  });

  it('refuses a day that is not on the calendar', () => {
    const parsed = parseOfflineGift(
      {
        beneficiaryType: 'team',
        beneficiaryId: 'x',
        amount: '5',
        donorName: 'A',
        donorEmail: 'a@example.be',
        method: 'cash',
        receivedOn: '2025-02-30',
        giftKey: 'abcdefgh-1234',
      },
      t,
    );
    expect(parsed).toEqual({ ok: false, errors: { receivedOn: t.errorReceivedOn } });
  });
});

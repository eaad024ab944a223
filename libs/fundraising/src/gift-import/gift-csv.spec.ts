import { UnreadableStatement } from '../bank-transfer/statement-line';
import { parseGiftCsv } from './gift-csv';

describe('gift import CSV', () => {
  it('reads , with decimal points and ; with decimal commas alike, into the same gifts', () => {
    const comma = parseGiftCsv(
      'date,donor_email,donor_name,amount,frequency,reference,team_id,walker_id\n2026-03-03,sofie@example.be,Sofie Claes,"1234.5",one_off,R1,,w1\n',
    );
    const semicolon = parseGiftCsv(
      'date;donor_email;donor_name;amount;frequency;reference;team_id;walker_id\n2026-03-03;Sofie@Example.be;Sofie Claes;1234,50;one_off;R1;;w1\n',
    );
    expect(comma.errors).toEqual([]);
    expect(comma.gifts).toEqual([
      {
        line: 2,
        donationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
        receivedOn: '2026-03-03',
        donor: { name: 'Sofie Claes', email: 'sofie@example.be' },
        amountCents: 1_234_50,
        frequency: 'one_off',
        reference: 'R1',
        beneficiary: { type: 'walker', id: 'w1' },
      },
    ]);
    expect(semicolon.gifts).toEqual(comma.gifts);
  });

  it('reports each bad line with its number and every reason, and keeps the good ones', () => {
    const { gifts, errors } = parseGiftCsv(
      [
        'date;donor_email;donor_name;amount;frequency;team_id',
        '2026-03-03;a@example.be;An;10,00;one_off;t1',
        '2026-02-30;not-an-address;An;ten;yearly;t1',
        '2026-03-03;b@example.be;;0;one_off;',
      ].join('\n'),
    );
    expect(gifts.map((g) => g.line)).toEqual([2]);
    expect(errors).toEqual([
      {
        line: 3,
        reason:
          'date must be a day written YYYY-MM-DD; donor_email must be an e-mail address; amount must be euros above 0 such as 25.00 or 25,00; frequency must be one_off or monthly',
      },
      {
        line: 4,
        reason:
          'donor_name must be 1 to 120 characters (or give donor_surname); amount must be euros above 0 such as 25.00 or 25,00; walker_id or team_id is needed (or an edition for the whole import: ?editionId=)',
      },
    ]);
  });

  it('gives the same line the same gift id, and a line without team or walker to the edition given', () => {
    const text = 'date,donor_email,donor_name,amount,frequency\n2026-03-03,a@example.be,An,10,monthly\n';
    const [first] = parseGiftCsv(text, 'ed1').gifts;
    expect(first.beneficiary).toEqual({ type: 'edition', id: 'ed1' });
    expect(parseGiftCsv(text, 'ed1').gifts[0].donationId).toBe(first.donationId);
    expect(parseGiftCsv(text.replace(',10,', ',11,'), 'ed1').gifts[0].donationId).not.toBe(first.donationId);
  });

  it('refuses a body without the required header', () => {
    expect(() => parseGiftCsv('hello world\n')).toThrow(UnreadableStatement);
    expect(() => parseGiftCsv('date,donor_email,amount\n')).toThrow(/missing: donor_name, frequency/);
  });

  it('takes the donor’s surname and first names apart, donor_name then optional', () => {
    const { gifts, errors } = parseGiftCsv(
      [
        'date;donor_email;donor_name;donor_surname;donor_first_names;amount;frequency;team_id',
        '2026-03-03;jan@example.be;;Van den Bossche;Jan Pieter;50,00;one_off;t1',
        '2026-03-03;els@example.be;Els V.;Verbeke;Els;50,00;one_off;t1',
        '2026-03-03;x@example.be;;;Ann;50,00;one_off;t1',
      ].join('\n'),
    );
    expect(gifts.map((g) => g.donor)).toEqual([
      {
        name: 'Jan Pieter Van den Bossche',
        email: 'jan@example.be',
        surname: 'Van den Bossche',
        firstNames: 'Jan Pieter',
      },
      { name: 'Els V.', email: 'els@example.be', surname: 'Verbeke', firstNames: 'Els' },
    ]);
    expect(errors).toEqual([{ line: 4, reason: 'donor_first_names go with donor_surname' }]);
  });

  it('keeps the gift ids of files without the name columns', () => {
    const old = 'date,donor_email,donor_name,amount,frequency\n2026-03-03,a@example.be,An,10,monthly\n';
    const withEmptyColumns =
      'date,donor_email,donor_name,amount,frequency,donor_surname,donor_first_names\n2026-03-03,a@example.be,An,10,monthly,,\n';
    expect(parseGiftCsv(withEmptyColumns, 'ed1').gifts[0].donationId).toBe(
      parseGiftCsv(old, 'ed1').gifts[0].donationId,
    );
  });
});

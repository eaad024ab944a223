import { describeWithReferences, readReferenceJson } from '../../../test/support/references';
import { checkPerson } from './donation/decider';
import { InvalidDonation } from './donation/errors';
import { isNationalNumber, parseNationalNumber, parseSocialSecurityNumber } from './national-number';

/** A valid number for a body of 9 digits: the check over the body, or over "2" + body from 2000 on. */
function withCheck(body: string, bornFrom2000: boolean): string {
  const base = BigInt(bornFrom2000 ? `2${body}` : body);
  return `${body}${String(97 - Number(base % 97n)).padStart(2, '0')}`;
}

describe('the Belgian national register number', () => {
  it('accepts a number of someone born in the 1900s and keeps its digits', () => {
    expect(parseNationalNumber('85073003328')).toBe('85073003328');
  });

  it('accepts the formatted way people write it (85.07.30-033.28)', () => {
    expect(parseNationalNumber('85.07.30-033.28')).toBe('85073003328');
    expect(parseNationalNumber(' 85 07 30 033 28 ')).toBe('85073003328');
  });

  it('accepts a number of someone born from 2000 on, whose check counts a leading 2', () => {
    const number = withCheck('010203123', true);
    expect(number).toBe('01020312345');
    expect(parseNationalNumber(number)).toBe(number);
    // the same body with the 1900s check is another valid number (a person born in 1901)
    expect(parseNationalNumber(withCheck('010203123', false))).toBe('01020312316');
  });

  it('refuses a wrong check for either century', () => {
    expect(isNationalNumber('85073003329')).toBe(false);
    expect(isNationalNumber('01020312346')).toBe(false);
  });

  it('refuses a number with too few or too many digits, or letters', () => {
    expect(isNationalNumber('8507300332')).toBe(false);
    expect(isNationalNumber('850730033281')).toBe(false);
    expect(isNationalNumber('85O73003328')).toBe(false);
    expect(isNationalNumber('')).toBe(false);
  });
});

describe('BIS numbers and dates', () => {
  it('tells a BIS number (month + 20 or + 40) from a national register number', () => {
    expect(parseSocialSecurityNumber('85073003328')).toEqual({ digits: '85073003328', kind: 'national_number' });
    expect(parseSocialSecurityNumber('98.47.28-997.65')).toEqual({ digits: '98472899765', kind: 'bis' });
  });

  it('uses the check of someone born from 2000 on only when that year has come', () => {
    // born 2017-07-30: from 2017 on the number exists, before it cannot
    expect(parseNationalNumber('17073003384', new Date('2017-01-01T00:00:00Z'))).toBe('17073003384');
    expect(parseNationalNumber('17073003384', new Date('2016-12-31T23:00:00Z'))).toBeNull();
  });

  it('refuses eleven zeros', () => {
    expect(isNationalNumber('00000000000')).toBe(false);
  });
});

interface Vector {
  input: string;
  nn: boolean;
  bis: boolean;
  ssn: boolean;
  note: string;
}

describeWithReferences(
  'national register and BIS numbers against python-stdnum (vectors/national-numbers.json)',
  () => {
    const { cases } = readReferenceJson<{ cases: Vector[] }>('belgian-finance/vectors/national-numbers.json');
    // the vectors were computed in 2026: "future birth year" means after 2026
    const today = new Date('2026-12-07T12:00:00Z');

    it('has the vectors', () => {
      expect(cases.length).toBeGreaterThan(30);
    });

    it.each(cases.map((c) => [c.input, c.note, c] as const))('%s (%s)', (_input, _note, vector) => {
      const parsed = parseSocialSecurityNumber(vector.input, today);
      expect(parsed !== null).toBe(vector.ssn);
      expect(parsed?.kind === 'national_number').toBe(vector.nn);
      expect(parsed?.kind === 'bis').toBe(vector.bis);
      if (parsed) expect(parsed.digits).toBe(vector.input.replace(/[\s.-]/g, ''));
    });
  },
);

describe('a donor asking for a tax certificate', () => {
  const donor = {
    name: ' Ann Peeters ',
    email: 'Ann@Example.be',
    address: { street: ' Kerkstraat 1 ', postalCode: '9000', city: 'Gent', country: 'be' },
    nationalNumber: '85.07.30-033.28',
  };

  it('keeps the address and the national number as digits', () => {
    expect(checkPerson(donor, 'donor', InvalidDonation)).toEqual({
      name: 'Ann Peeters',
      email: 'ann@example.be',
      address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
      nationalNumber: '85073003328',
    });
  });

  it('refuses a wrong national number and an address without a city', () => {
    expect(() => checkPerson({ ...donor, nationalNumber: '85073003329' }, 'donor', InvalidDonation)).toThrow(
      /national register or BIS number is not valid/,
    );
    expect(() =>
      checkPerson({ ...donor, address: { street: 'x', postalCode: '9000', city: ' ' } }, 'donor', InvalidDonation),
    ).toThrow(/street, a postal code and a city/);
  });
});

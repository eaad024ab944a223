import { addressProblems, isCountryCode, isPostalCode, STREET_MAX_LENGTH, tidyAddress } from './address';

const belgian = { street: 'Rue Haute 1', postalCode: '1000', city: 'Brussel', country: '' };

describe('addresses', () => {
  it('tidies: trims and puts the country in capitals', () => {
    expect(tidyAddress({ street: ' Rue 1 ', postalCode: ' 75001', city: 'Paris ', country: ' fr' })).toEqual({
      street: 'Rue 1',
      postalCode: '75001',
      city: 'Paris',
      country: 'FR',
    });
    expect(tidyAddress({}).country).toBe('');
  });

  it.each([
    ['a Belgian address', belgian, {}],
    ['Belgium by its code', { ...belgian, country: 'BE' }, {}],
    ['a foreign postal code', { ...belgian, postalCode: 'SW1A 1AA', country: 'GB' }, {}],
    ['a 5-digit Belgian code', { ...belgian, postalCode: '10000' }, { postalCode: 'not_a_belgian_postal_code' }],
    [
      'letters in a Belgian code',
      { ...belgian, postalCode: 'B-1000', country: 'BE' },
      { postalCode: 'not_a_belgian_postal_code' },
    ],
    ['a code with signs', { ...belgian, postalCode: '10/00', country: 'NL' }, { postalCode: 'not_a_postal_code' }],
    [
      'nothing',
      { street: '', postalCode: '', city: '', country: '' },
      { street: 'missing', postalCode: 'missing', city: 'missing' },
    ],
    ['a long street', { ...belgian, street: 'x'.repeat(STREET_MAX_LENGTH + 1) }, { street: 'too_long' }],
    ['a country name', { ...belgian, country: 'BELGIUM' }, { country: 'not_a_country' }],
  ])('%s', (_what, address, problems) => {
    expect(addressProblems(address)).toEqual(problems);
  });
});

describe('postal codes and countries alone', () => {
  it.each([
    ['1000', true],
    ['SW1A 1AA', true],
    ['75-001', true],
    ['10', false],
    ['10/00', false],
    ['12345678901', false],
  ])('%j is a postal code: %p', (text, yes) => expect(isPostalCode(text)).toBe(yes));
  it.each([
    ['BE', true],
    ['nl', true],
    ['BEL', false],
    ['B', false],
    ['1E', false],
  ])('%j is a country code: %p', (text, yes) => expect(isCountryCode(text)).toBe(yes));
});

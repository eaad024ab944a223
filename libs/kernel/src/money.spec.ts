import { formatMoney, formatNumber, messageEuros, moneyInputText, parseMoney } from './money';

// Intl writes no-break spaces: U+00A0 between € and the number (NL) or before € (FR), U+202F between thousands (FR)
const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('formatMoney', () => {
  it.each([
    ['nl', 48330097, `€${NBSP}483.300,97`],
    ['fr', 48330097, `483${NNBSP}300,97${NBSP}€`],
    ['en', 48330097, '€483,300.97'],
    ['nl', 2500, `€${NBSP}25,00`],
    ['fr', 5, `0,05${NBSP}€`],
    ['en', -123450, '-€1,234.50'],
    ['nl', 0, `€${NBSP}0,00`],
  ] as const)('%s %i cents is %j', (language, cents, text) => {
    expect(formatMoney(cents, language)).toBe(text);
  });

  it('is exact on amounts a double cannot hold as a fraction of euros', () => {
    expect(formatMoney(999_999_999_999_99, 'en')).toBe('€999,999,999,999.99');
  });

  it('is Dutch when no language is given', () => {
    expect(formatMoney(1999)).toBe(`€${NBSP}19,99`);
  });

  it('refuses what is not a whole number of cents', () => {
    expect(() => formatMoney(12.5)).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN)).toThrow(RangeError);
  });
});

describe('messageEuros', () => {
  it.each([
    [100, '1.00 EUR'],
    [123456, '1234.56 EUR'],
    [-5, '-0.05 EUR'],
  ])('%i cents is %j', (cents, text) => expect(messageEuros(cents)).toBe(text));
});

describe('moneyInputText', () => {
  it.each([
    [25000, 'nl', '250'],
    [1250, 'nl', '12,50'],
    [1250, 'fr', '12,50'],
    [1250, 'en', '12.50'],
    [125075, 'nl', '1250,75'],
  ] as const)('%i cents in %s is %j and reads back', (cents, language, text) => {
    expect(moneyInputText(cents, language)).toBe(text);
    expect(parseMoney(text)).toEqual({ ok: true, cents });
  });
});

describe('parseMoney', () => {
  it.each([
    ['1.250', 1250_00],
    ['1 250', 1250_00],
    [`1${NNBSP}250`, 1250_00],
    ['12,50', 12_50],
    ['12.50', 12_50],
    ['12,5', 12_50],
    ['1.250,75', 1250_75],
    ['1 250,75', 1250_75],
    ['1 250.75', 1250_75],
    ['1.234.567,89', 1234567_89],
    ['€ 20', 20_00],
    ['20 €', 20_00],
    ['20 EUR', 20_00],
    ['20 euros', 20_00],
    ['20,-', 20_00],
    ['  25  ', 25_00],
    ['0025', 25_00],
    ['0', 0],
    [`€${NBSP}483.300,97`, 483300_97],
    [`483${NNBSP}300,97${NBSP}€`, 483300_97],
    ['€483,300.97', undefined],
  ])('reads %j as %p cents', (text, cents) => {
    if (cents === undefined) expect(parseMoney(text).ok).toBe(false);
    else expect(parseMoney(text)).toEqual({ ok: true, cents });
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['€', 'empty'],
    ['-5', 'negative'],
    ['−5', 'negative'],
    ['12,505', 'too_many_decimals'],
    ['1,250', 'too_many_decimals'],
    ['12.5050', 'too_many_decimals'],
    ['12 50', 'unreadable'],
    ['1.250.5', 'unreadable'],
    ['abc', 'unreadable'],
    ['12a', 'unreadable'],
    ['1e3', 'unreadable'],
    ['0x10', 'unreadable'],
    ['Infinity', 'unreadable'],
    ['12,,50', 'unreadable'],
    ['1234567890123', 'too_large'],
  ] as const)('refuses %j: %s', (text, problem) => {
    expect(parseMoney(text)).toEqual({ ok: false, problem });
  });
});

describe('parseMoney on what donors type in Dutch and French', () => {
  it('reads it with or without the currency', () => {
    const typed: [string, number][] = [
      ['20,50', 2050],
      ['€ 0,10', 10],
      ['€20', 2000],
      ['20€', 2000],
      ['€ 20,--', 2000],
      ['Euro 7,5', 750],
      ['1 250,00 €', 125000],
      ['1\u202f250,00\u00a0€', 125000],
      [' 35 ', 3500],
    ];
    expect(typed.map(([text]) => [text, parseMoney(text)])).toEqual(
      typed.map(([text, cents]) => [text, { ok: true, cents }]),
    );
  });

  it('refuses what is not an amount', () => {
    for (const text of ['abc', '-5', '1,234', '2e3', '12,345', '1.2.3', '12 50', '€', '20 dollars', '2€0'])
      expect({ text, ok: parseMoney(text).ok }).toEqual({ text, ok: false });
  });
});

describe('formatNumber', () => {
  it.each([
    ['nl', 22.5, '22,5'],
    ['fr', 1234.25, '1\u202f234,25'],
    ['en', 22.5, '22.5'],
    ['en', 10, '10'],
  ] as const)('%s %d is %j', (language, value, text) => expect(formatNumber(value, language)).toBe(text));
});

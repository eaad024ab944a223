import { coveredFeeCents, parseFeeEstimates } from './fees';

describe('covering the fees', () => {
  it('adds what the provider keeps of the whole charge, rounded up to the cent', () => {
    // 30 euro by Bancontact at 0.25 + 1.4 %: (3000 + 25) / 0.986 = 3067.95… → 3068, so 68 cents
    expect(coveredFeeCents(3000, { fixedCents: 25, basisPoints: 140 })).toBe(68);
    // a fixed fee only: exactly that
    expect(coveredFeeCents(5000, { fixedCents: 39, basisPoints: 0 })).toBe(39);
    // a share only: 100 / 0.99 = 101.01… → 102, rounded up, never short
    expect(coveredFeeCents(100, { fixedCents: 0, basisPoints: 100 })).toBe(2);
    // exact division stays exact: 9900 / 0.99 = 10000
    expect(coveredFeeCents(9900, { fixedCents: 0, basisPoints: 100 })).toBe(100);
    expect(coveredFeeCents(2500, { fixedCents: 0, basisPoints: 0 })).toBe(0);
  });

  it('leaves the charity the whole gift after the fee, and never a cent more than needed', () => {
    const estimate = { fixedCents: 25, basisPoints: 180 };
    for (const gift of [100, 101, 999, 2500, 3333, 5000, 12_345, 10_000_000]) {
      const total = gift + coveredFeeCents(gift, estimate);
      const fee = (t: number) => estimate.fixedCents + (t * estimate.basisPoints) / 10_000;
      expect(total - fee(total)).toBeGreaterThanOrEqual(gift);
      expect(total - 1 - fee(total - 1)).toBeLessThan(gift);
    }
  });

  it('refuses an amount that is not whole cents', () => {
    expect(() => coveredFeeCents(12.5, { fixedCents: 25, basisPoints: 0 })).toThrow(/whole number of cents/);
  });
});

describe('reading the fee estimates', () => {
  it('reads a fixed part, a percentage, or both, per method', () => {
    expect(parseFeeEstimates('bancontact=0.39, creditcard=0.25+1.8%, ideal=0.29,sepa=1%')).toEqual({
      bancontact: { fixedCents: 39, basisPoints: 0 },
      creditcard: { fixedCents: 25, basisPoints: 180 },
      ideal: { fixedCents: 29, basisPoints: 0 },
      sepa: { fixedCents: 0, basisPoints: 100 },
    });
    // a bare number is euros, never a percentage
    expect(parseFeeEstimates('creditcard=1.8')).toEqual({ creditcard: { fixedCents: 180, basisPoints: 0 } });
    expect(parseFeeEstimates('sepa=2%')).toEqual({ sepa: { fixedCents: 0, basisPoints: 200 } });
    expect(parseFeeEstimates('creditcard = 1 + 2.25 %')).toEqual({ creditcard: { fixedCents: 100, basisPoints: 225 } });
  });

  it.each([
    ['', /no fee estimate/],
    ['bancontact', /"bancontact" is not a fee estimate/],
    ['bancontact=', /is not a fee estimate/],
    ['bancontact=0;39', /is not a fee estimate/],
    ['creditcard=1.8%+0.25', /is not a fee estimate/],
    ['bancontact=0.391', /is not a fee estimate/],
    ['bancontact=-1', /is not a fee estimate/],
    ['bancontact=0.39,bancontact=0.25', /given twice/],
    ['creditcard=6', /more than 5.00 euro/],
    ['creditcard=12.5%', /more than 10 %/],
  ])('refuses %j with a clear sentence', (text, message) => {
    expect(() => parseFeeEstimates(text)).toThrow(message);
  });
});

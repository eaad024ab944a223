import { centsToDecimalString, decimalStringToCents } from './payment-provider';

describe('amounts at a provider’s edge', () => {
  it('writes cents as a two-decimal string without floating point', () => {
    expect(centsToDecimalString(2500)).toBe('25.00');
    expect(centsToDecimalString(5)).toBe('0.05');
    expect(centsToDecimalString(1_000_000_099)).toBe('10000000.99');
    expect(() => centsToDecimalString(12.5)).toThrow(/whole/);
    expect(() => centsToDecimalString(-1)).toThrow(/non-negative/);
  });

  it('reads a decimal string back to cents exactly', () => {
    expect(decimalStringToCents('25.00')).toBe(2500);
    expect(decimalStringToCents('0.1')).toBe(10);
    expect(decimalStringToCents('19')).toBe(1900);
    expect(decimalStringToCents('0.29')).toBe(29);
    expect(() => decimalStringToCents('1.234')).toThrow(/two decimals/);
    expect(() => decimalStringToCents('-1.00')).toThrow();
  });
});

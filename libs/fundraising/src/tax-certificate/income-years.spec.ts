import { incomeYearRules } from './income-years';

describe('what each income year asks of a tax certificate and how it is filed', () => {
  it('writes Belcotax-on-web XML for 2024 and 2025 only, with that year’s schema', () => {
    expect(incomeYearRules(2024).filing).toEqual({ format: 'belcotax-xml', schema: 'Belcotax-2024.xsd' });
    expect(incomeYearRules(2025).filing).toEqual({ format: 'belcotax-xml', schema: 'Belcotax-2025.xsd' });
  });

  it('files 2026 and later by hand (BOW 2.0 JSON schemas not available), and says why', () => {
    for (const year of [2026, 2030]) {
      const { filing } = incomeYearRules(year);
      expect(filing.format).toBe('by-hand');
      expect(filing.format === 'by-hand' && filing.reason).toMatch(/JSON Lines.*CSV or XLSX list.*PDFs/);
    }
    expect(incomeYearRules(2023).filing).toMatchObject({ format: 'by-hand', reason: /before 2024/ });
  });

  it('tolerates a missing national number for 2024 and 2025, requires it from 2026', () => {
    expect([2023, 2024, 2025, 2026, 2027].map((year) => incomeYearRules(year).nationalNumber)).toEqual([
      'optional',
      'tolerated',
      'tolerated',
      'required',
      'required',
    ]);
    expect(incomeYearRules(2023).addressRequired).toBe(false);
    expect(incomeYearRules(2024).addressRequired).toBe(true);
  });
});

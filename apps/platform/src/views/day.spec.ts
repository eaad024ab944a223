import { formatDay } from './day';

describe('formatDay', () => {
  it('writes a day as each language does, the day itself whatever the time zone', () => {
    expect(formatDay('2026-12-07', 'nl')).toBe('7 december 2026');
    expect(formatDay('2026-12-07', 'fr')).toBe('7 décembre 2026');
    expect(formatDay('2026-12-07', 'en')).toBe('December 7, 2026');
  });

  it('writes the first of the month in French as an ordinal', () => {
    expect(formatDay('2026-05-01', 'fr')).toBe('1er mai 2026');
    expect(formatDay('2026-05-01', 'nl')).toBe('1 mei 2026');
    expect(formatDay('2026-05-11', 'fr')).toBe('11 mai 2026');
  });

  it('refuses what is not a day', () => {
    expect(() => formatDay('7/12/2026', 'nl')).toThrow('not a day');
  });
});

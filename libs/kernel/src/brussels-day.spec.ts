import { brusselsDay, isCalendarDay } from './brussels-day';

describe('Brussels days', () => {
  it.each([
    ['2025-06-30T21:59:59Z', '2025-06-30'], // summer: UTC+2
    ['2025-06-30T22:00:00Z', '2025-07-01'],
    ['2025-12-31T22:59:59Z', '2025-12-31'], // winter: UTC+1
    ['2025-12-31T23:00:00Z', '2026-01-01'],
  ])('%s is %s in Brussels', (at, day) => {
    expect(brusselsDay(at)).toBe(day);
    expect(brusselsDay(new Date(at))).toBe(day);
  });

  it.each([
    ['2024-02-29', true],
    ['2025-02-29', false],
    ['2025-13-01', false],
    ['2025-1-01', false],
    ['yesterday', false],
  ])('%s is a calendar day: %p', (text, yes) => expect(isCalendarDay(text)).toBe(yes));
});

/** The walk, its finance and its books keep Brussels time: a day is a Brussels calendar day. */
const brusselsDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** Brussels calendar day (YYYY-MM-DD) of an instant: the day finance books it on, the day a gift came in. */
export function brusselsDay(at: string | Date): string {
  return brusselsDayFormat.format(typeof at === 'string' ? new Date(at) : at);
}

/** A day written YYYY-MM-DD that exists on the calendar (no 2025-02-30). */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const day = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === text;
}

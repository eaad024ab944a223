/** Brussels calendar day (YYYY-MM-DD) of an instant: the day finance books it on, the day a gift came in. */
export function brusselsDay(at: string): string {
  return brusselsDayFormat.format(new Date(at));
}
const brusselsDayFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Brussels',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/**
 * The screen section of the Dutch catalogue (ICU MessageFormat). Dutch is the source language. The screen's script
 * gets these words from the page; the number of sponsors is `common.sponsors`.
 */
export const screen = {
  title: 'Live scorebord',
  raised: 'opgehaald',
  topTeams: 'Beste teams',
  topWalkers: 'Beste stappers',
  latestGifts: 'Laatste giften',
  anonymous: 'Anoniem',
  noGiftsYet: 'Nog geen giften: de eerste komt eraan!',
  nobodyYet: 'Nog niemand',
  offline: 'Verbinding kwijt: we tonen de laatste stand en halen de rest in zodra de server terug is.',
  forWhom: '{donor} voor {beneficiary}',
  goalLabel: 'Opgehaald tegenover ons doel',
  goalProgress: '{percent} van ons doel van {goal}',
  scanToGive: 'Scan en geef',
  qrLabel: 'QR-code naar de geefpagina: {url}',
};

import type { Catalogue } from '../../catalogue';

export const screen: Catalogue['screen'] = {
  title: 'Live leaderboard',
  raised: 'raised',
  topTeams: 'Top teams',
  topWalkers: 'Top walkers',
  latestGifts: 'Latest gifts',
  anonymous: 'Anonymous',
  noGiftsYet: 'No gifts yet: the first one is on its way!',
  nobodyYet: 'Nobody yet',
  offline: 'Connection lost: showing the last state, catching up as soon as the server is back.',
  forWhom: '{donor} for {beneficiary}',
  goalLabel: 'Raised towards our goal',
  goalProgress: '{percent} of our {goal} goal',
  scanToGive: 'Scan to give',
  qrLabel: 'QR code to the giving page: {url}',
};

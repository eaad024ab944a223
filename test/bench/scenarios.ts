import { eventStoreScenarios } from './event-store-scenarios';
import type { Scenario } from './scenario';

/** Loaded only by the HTTP scenarios' processes, so that Nest and autocannon do not count in the others' peak RSS. */
const http = () => import('./http-scenarios');

/** Every benchmark, in the order of the table. */
export const scenarios: readonly Scenario[] = [
  ...eventStoreScenarios,
  {
    name: 'HTTP donations vs health',
    unit: 'requests',
    run: async (context) => (await http()).donationsAgainstHealth(context),
  },
  { name: 'HTTP leaderboard', unit: 'requests', run: async (context) => (await http()).leaderboardReads(context) },
  {
    name: 'HTTP settle to leaderboard',
    unit: 'gifts',
    run: async (context) => (await http()).settleToLeaderboard(context),
  },
  {
    name: 'HTTP live screens',
    unit: 'gifts',
    run: async (context) => (await import('./live-screens')).liveScreens(context),
  },
];

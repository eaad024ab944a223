import { eventStoreScenarios } from './event-store-scenarios';
import { personalDataVault } from './personal-data-scenarios';
import type { Scenario } from './scenario';

/** Loaded only by the HTTP scenarios' processes, so that Nest and autocannon do not count in the others' peak RSS. */
const http = () => import('./http-scenarios');
const ledger = () => import('./ledger-export');
const pages = () => import('./pages-scenarios');

/** Every benchmark, in the order of the table. */
export const scenarios: readonly Scenario[] = [
  ...eventStoreScenarios,
  { name: 'Personal-data vault', unit: 'events', run: personalDataVault },
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
  // tax certificates (281.71) for a year of 20,000 donors in 5 s at most
  {
    name: 'Tax certificates for a year',
    unit: 'donors',
    target: 4_000,
    run: async (context) => (await import('./tax-certificates')).taxCertificatesForAYear(context),
  },
  { name: 'ledger XLSX export', unit: 'rows', run: async (context) => (await ledger()).ledgerXlsxExport(context) },
  { name: 'HTTP walker page', unit: 'pages', run: async (context) => (await pages()).walkerPageRender(context) },
  {
    name: 'HTTP live screens',
    unit: 'gifts',
    run: async (context) => (await import('./live-screens')).liveScreens(context),
  },
  // the walk: gifts created and settled, pages viewed and live screens, all at once for a minute
  { name: 'HTTP event day', unit: 'calls', run: async (context) => (await import('./event-day')).eventDay(context) },
  {
    name: 'HTTP event day, two instances over the EventStoreDB stand-in',
    unit: 'calls',
    run: async (context) => (await import('./event-day')).eventDayOnTwoInstances(context),
  },
];

import { eventStoreScenarios } from './event-store-scenarios';
import type { Scenario } from './scenario';

/** Every benchmark, in the order of the table. Later groups (e.g. HTTP with autocannon) are appended here. */
export const scenarios: readonly Scenario[] = [...eventStoreScenarios];

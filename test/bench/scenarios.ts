import { eventStoreScenarios } from './event-store-scenarios';
import { httpScenarios } from './http-scenarios';
import type { Scenario } from './scenario';

/** Every benchmark, in the order of the table. */
export const scenarios: readonly Scenario[] = [...eventStoreScenarios, ...httpScenarios];

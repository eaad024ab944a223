import type { Route } from './events';

export interface CreateEdition {
  type: 'CreateEdition';
  editionId: string;
  name: string;
  walkOn: string;
  routes: Route[];
  /** Each walker commits to raise at least this much; 100.00 EUR when absent (the walk's rule). */
  walkerMinimumCents?: number;
  /** What the walk sets out to raise, in cents; the teams' targets together stand for it when absent. */
  goalCents?: number;
  at: string;
  by: string;
}

export type EditionCommand = CreateEdition;

import type { DomainEvent } from '@rw/event-store';

export type RouteKind = 'official' | 'own';

export interface Route {
  routeId: string;
  name: string;
  distanceKm: number;
  kind: RouteKind;
  /** Absent: the route is free. Refugees walk free whatever the route (a waiver, later). */
  registrationFeeCents?: number;
}

export type EditionCreated = DomainEvent<
  'EditionCreated',
  {
    editionId: string;
    name: string;
    /** Day of the walk, YYYY-MM-DD. */
    walkOn: string;
    routes: Route[];
    walkerMinimumCents: number;
    /** What the walk sets out to raise, shown on the screen's goal bar; absent on older events and when not given. */
    goalCents?: number;
    createdAt: string;
    createdBy: string;
  }
>;

export type EditionEvent = EditionCreated;

export const editionEventTypes: readonly EditionEvent['type'][] = ['EditionCreated'];

export const editionStream = (editionId: string) => `edition-${editionId}`;

import type { Decider } from '@rw/event-store';
import type { EditionCommand } from './commands';
import { EditionAlreadyExists, InvalidEdition } from './errors';
import type { EditionCreated, EditionEvent, Route } from './events';

export const DEFAULT_WALKER_MINIMUM_CENTS = 100_00;

export type EditionState =
  | { status: 'none' }
  | {
      status: 'open';
      editionId: string;
      name: string;
      walkOn: string;
      routes: Route[];
      walkerMinimumCents: number;
      goalCents?: number;
    };

export const editionDecider: Decider<EditionCommand, EditionEvent, EditionState> = {
  initialState: { status: 'none' },

  decide(command, state) {
    switch (command.type) {
      case 'CreateEdition': {
        const created: EditionCreated = {
          type: 'EditionCreated',
          data: {
            editionId: command.editionId,
            name: command.name.trim(),
            walkOn: command.walkOn,
            routes: command.routes.map((r) => ({ ...r, name: r.name.trim() })),
            walkerMinimumCents: command.walkerMinimumCents ?? DEFAULT_WALKER_MINIMUM_CENTS,
            ...(command.goalCents === undefined ? {} : { goalCents: command.goalCents }),
            createdAt: command.at,
            createdBy: command.by,
          },
        };
        if (state.status !== 'none') {
          if (sameEdition(state, created)) return [];
          throw new EditionAlreadyExists(command.editionId);
        }
        checkRoutes(created.data.routes);
        if (command.goalCents !== undefined && !(Number.isSafeInteger(command.goalCents) && command.goalCents > 0)) {
          throw new InvalidEdition('the goal is a whole number of cents above 0');
        }
        if (created.data.name === '') throw new InvalidEdition('an edition needs a name');
        return [created];
      }
      default: {
        const _exhaustive: never = command.type;
        return _exhaustive;
      }
    }
  },

  evolve(_state, event) {
    switch (event.type) {
      case 'EditionCreated':
        return {
          status: 'open',
          editionId: event.data.editionId,
          name: event.data.name,
          walkOn: event.data.walkOn,
          routes: event.data.routes,
          walkerMinimumCents: event.data.walkerMinimumCents,
          ...(event.data.goalCents === undefined ? {} : { goalCents: event.data.goalCents }),
        };
      default: {
        const _exhaustive: never = event.type;
        return _exhaustive;
      }
    }
  },
};

function checkRoutes(routes: Route[]): void {
  if (routes.length === 0) throw new InvalidEdition('an edition needs at least one route');
  const names = new Set<string>();
  for (const route of routes) {
    const key = route.name.toLocaleLowerCase('nl-BE');
    if (names.has(key)) throw new InvalidEdition(`route name "${route.name}" is used twice`);
    names.add(key);
    if (!(route.distanceKm > 0)) throw new InvalidEdition(`route "${route.name}" needs a distance above 0 km`);
    if (
      route.registrationFeeCents !== undefined &&
      !(Number.isSafeInteger(route.registrationFeeCents) && route.registrationFeeCents >= 0)
    ) {
      throw new InvalidEdition(
        `route "${route.name}": the registration fee must be a whole number of cents, 0 or more`,
      );
    }
  }
}

function sameEdition(state: Extract<EditionState, { status: 'open' }>, created: EditionCreated): boolean {
  const d = created.data;
  return (
    state.name === d.name &&
    state.walkOn === d.walkOn &&
    state.walkerMinimumCents === d.walkerMinimumCents &&
    state.goalCents === d.goalCents &&
    JSON.stringify(state.routes) === JSON.stringify(d.routes)
  );
}

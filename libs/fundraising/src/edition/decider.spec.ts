import { deciderSpec } from '@rw/event-store/testing/decider-spec';
import type { CreateEdition } from './commands';
import { DEFAULT_WALKER_MINIMUM_CENTS, editionDecider } from './decider';
import { EditionAlreadyExists, InvalidEdition } from './errors';
import type { EditionCreated } from './events';

const { given } = deciderSpec(editionDecider);

const create: CreateEdition = {
  type: 'CreateEdition',
  editionId: 'ed1',
  name: ' Refugee Walk 2026 ',
  walkOn: '2026-09-27',
  routes: [
    { routeId: 'r1', name: 'Official 40 km', distanceKm: 40, kind: 'official', registrationFeeCents: 1000 },
    { routeId: 'r2', name: 'Own route', distanceKm: 20, kind: 'own', registrationFeeCents: 500 },
  ],
  at: '2026-03-01T10:00:00.000Z',
  by: 'account-1',
};

const created: EditionCreated = {
  type: 'EditionCreated',
  data: {
    editionId: 'ed1',
    name: 'Refugee Walk 2026',
    walkOn: '2026-09-27',
    routes: create.routes,
    walkerMinimumCents: DEFAULT_WALKER_MINIMUM_CENTS,
    createdAt: '2026-03-01T10:00:00.000Z',
    createdBy: 'account-1',
  },
};

describe('edition decider', () => {
  it('creates an edition with its routes and the default walker minimum of 100.00 EUR', () => {
    given([]).when(create).then([created]);
  });

  it('keeps a walker minimum given by the organiser', () => {
    given([])
      .when({ ...create, walkerMinimumCents: 150_00 })
      .then([{ ...created, data: { ...created.data, walkerMinimumCents: 150_00 } }]);
  });

  it('keeps the goal the organiser gives, and refuses one that is not whole cents above 0', () => {
    given([])
      .when({ ...create, goalCents: 500_000_00 })
      .then([{ ...created, data: { ...created.data, goalCents: 500_000_00 } }]);
    given([])
      .when({ ...create, goalCents: 0 })
      .thenFails(InvalidEdition, /goal/);
    given([])
      .when({ ...create, goalCents: 12.5 })
      .thenFails(InvalidEdition, /goal/);
  });

  it('knows the same edition with its goal again, and another goal as another edition', () => {
    const withGoal = { ...created, data: { ...created.data, goalCents: 500_000_00 } };
    given([withGoal])
      .when({ ...create, goalCents: 500_000_00 })
      .then([]);
    given([withGoal])
      .when({ ...create, goalCents: 400_000_00 })
      .thenFails(EditionAlreadyExists);
  });

  it('changes nothing when the same edition is created again (a retry)', () => {
    given([created]).when(create).then([]);
  });

  it('refuses to create an existing edition with other details', () => {
    given([created])
      .when({ ...create, name: 'Another walk' })
      .thenFails(EditionAlreadyExists);
  });

  it('refuses an edition without routes', () => {
    given([])
      .when({ ...create, routes: [] })
      .thenFails(InvalidEdition, /at least one route/);
  });

  it('refuses two routes with the same name, whatever the case', () => {
    given([])
      .when({ ...create, routes: [create.routes[0], { ...create.routes[1], name: 'OFFICIAL 40 KM' }] })
      .thenFails(InvalidEdition, /used twice/);
  });

  it('refuses a route of 0 km and a fee that is not whole cents', () => {
    given([])
      .when({ ...create, routes: [{ ...create.routes[0], distanceKm: 0 }] })
      .thenFails(InvalidEdition, /distance/);
    given([])
      .when({ ...create, routes: [{ ...create.routes[0], registrationFeeCents: 9.5 }] })
      .thenFails(InvalidEdition, /whole number of cents/);
  });
});

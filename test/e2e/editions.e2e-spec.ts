import { readdirSync } from 'node:fs';
import { startPlatform, type TestPlatform } from '../support/platform';
import { WALK_DAY } from '../support/fixtures';

const edition = {
  name: 'Refugee Walk 2026',
  date: WALK_DAY,
  routes: [
    { name: 'Official route', distanceKm: 40, kind: 'official', registrationFeeCents: 1000 },
    { name: 'Own route', distanceKm: 25.5, kind: 'own', registrationFeeCents: 500 },
  ],
};

describe('editions (organiser creates an edition, anyone reads its stats)', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform();
  });
  afterAll(async () => {
    await platform.dispose();
  });

  async function headOfStore(): Promise<string | null> {
    await platform.effectsDone();
    const health = await platform.http.get('/health').expect(200);
    return health.body.eventStore.headPosition;
  }

  it('creates an edition with its routes and shows zeroed stats right away', async () => {
    const auth = await platform.adminAuth();
    const created = await platform.http.post('/api/editions').set(auth).send(edition).expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      routes: [
        { id: expect.any(String), name: 'Official route', distanceKm: 40, kind: 'official' },
        { id: expect.any(String), name: 'Own route', distanceKm: 25.5, kind: 'own' },
      ],
    });
    expect(created.body.routes[0].id).not.toBe(created.body.routes[1].id);

    const stats = await platform.http.get(`/api/editions/${created.body.id}/stats`).expect(200);
    expect(stats.body).toEqual({ teams: 0, walkers: 0, supporters: 0, raisedCents: 0, pledgedOpenCents: 0 });
  });

  it('answers 404 for the stats of an unknown edition', async () => {
    const response = await platform.http.get('/api/editions/no-such-edition/stats').expect(404);
    expect(response.body.message).toMatch(/no edition no-such-edition/);
  });

  it('refuses to create an edition without a token (401) and writes nothing', async () => {
    const before = await headOfStore();
    const response = await platform.http.post('/api/editions').send(edition).expect(401);
    expect(response.body.message).toMatch(/log in/);
    await platform.http.post('/api/editions').set({ Authorization: 'Bearer not-a-token' }).send(edition).expect(401);
    expect(await headOfStore()).toBe(before);
  });

  it('refuses a finance-only account (403) and writes nothing', async () => {
    const auth = await platform.adminAuth();
    const account = {
      email: 'fin@refugeewalk.test',
      name: 'Finance',
      password: 'a long enough password',
      roles: ['finance'],
    };
    await platform.http.post('/api/accounts').set(auth).send(account).expect(201);
    const login = await platform.http
      .post('/api/auth/login')
      .send({ email: account.email, password: account.password })
      .expect(200);
    const before = await headOfStore();
    const response = await platform.http
      .post('/api/editions')
      .set({ Authorization: `Bearer ${login.body.token}` })
      .send(edition)
      .expect(403);
    expect(response.body.message).toMatch(/organiser/);
    expect(await headOfStore()).toBe(before);
  });

  it.each([
    ['an unknown field', { ...edition, colour: 'blue' }, /colour should not exist/],
    [
      'an unknown field in a route',
      { ...edition, routes: [{ ...edition.routes[0], slope: 3 }] },
      /slope should not exist/,
    ],
    ['no routes', { ...edition, routes: [] }, /at least one route/],
    ['a negative distance', { ...edition, routes: [{ ...edition.routes[0], distanceKm: -4 }] }, /distanceKm/],
    [
      'a fee in euros instead of cents',
      { ...edition, routes: [{ ...edition.routes[0], registrationFeeCents: 10.5 }] },
      /whole number of cents/,
    ],
    ['a date that is not a day', { ...edition, date: '27/09/2026' }, /YYYY-MM-DD/],
    ['a day that does not exist', { ...edition, date: '2026-02-30' }, /exists/],
    [
      'a route kind that does not exist',
      { ...edition, routes: [{ ...edition.routes[0], kind: 'bike' }] },
      /official or own/,
    ],
    ['a missing name', { date: edition.date, routes: edition.routes }, /name/],
    [
      'a goal in euros instead of cents',
      { ...edition, goalCents: 5000.5 },
      /goalCents must be a whole number of cents/,
    ],
    ['a goal of nothing', { ...edition, goalCents: 0 }, /goalCents must be 1 or more/],
    [
      'two routes with the same name',
      { ...edition, routes: [edition.routes[0], { ...edition.routes[1], name: 'OFFICIAL ROUTE' }] },
      /used twice/,
    ],
  ])('answers 400 with a clear message for %s, and writes nothing', async (_case, body, message) => {
    const auth = await platform.adminAuth();
    const before = await headOfStore();
    const response = await platform.http.post('/api/editions').set(auth).send(body).expect(400);
    expect(response.body.message).toMatch(message);
    expect(Array.isArray(response.body.errors)).toBe(true);
    expect(await headOfStore()).toBe(before);
  });

  it('shows the goal given on the screen, and else the teams’ targets together', async () => {
    const auth = await platform.adminAuth();
    const withGoal = await platform.http
      .post('/api/editions')
      .set(auth)
      .send({ ...edition, goalCents: 250_000_00 })
      .expect(201);
    const screen = await platform.http.get(`/editions/${withGoal.body.id}/screen?lang=en`).expect(200);
    expect(screen.text).toContain('<progress id="goal" max="25000000" value="0"');
    expect(screen.text).toContain('>0% of our €250,000.00 goal</p>');

    const withoutGoal = await platform.http.post('/api/editions').set(auth).send(edition).expect(201);
    const bare = await platform.http.get(`/editions/${withoutGoal.body.id}/screen?lang=en`).expect(200);
    expect(bare.text).not.toContain('id="goal"');
    await platform.http
      .post(`/api/editions/${withoutGoal.body.id}/teams`)
      .send({
        name: 'De Stappers',
        routeId: withoutGoal.body.routes[1].id,
        targetCents: 1_500_00,
        captain: { name: 'Amina Haddad', email: 'amina@example.org' },
      })
      .expect(201);
    const teams = await platform.http.get(`/editions/${withoutGoal.body.id}/screen?lang=en`).expect(200);
    expect(teams.text).toContain('<progress id="goal" max="150000" value="0"');
  });

  it('answers 400 for a body that is not JSON, and writes nothing', async () => {
    const auth = await platform.adminAuth();
    const before = await headOfStore();
    const response = await platform.http
      .post('/api/editions')
      .set(auth)
      .set('Content-Type', 'application/json')
      .send('{"name": ')
      .expect(400);
    expect(response.body.message).toMatch(/not valid JSON/);
    expect(await headOfStore()).toBe(before);
  });

  it('keeps its event store and read models in separate files under DATA_DIR', () => {
    const files = readdirSync(platform.dataDir);
    expect(files).toEqual(expect.arrayContaining(['events.sqlite', 'read-models.sqlite']));
  });
});

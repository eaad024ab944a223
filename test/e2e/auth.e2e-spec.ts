import { ADMIN, startPlatform, type TestPlatform } from '../support/platform';
import { WALK_DAY } from '../support/fixtures';

describe('staff accounts and login', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ LOGIN_ATTEMPTS_PER_15_MINUTES: '5' });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('logs the first admin in with the e-mail address in any case', async () => {
    const response = await platform.http
      .post('/api/auth/login')
      .send({ email: `  ${ADMIN.email.toUpperCase()}`.trim(), password: ADMIN.password })
      .expect(200);
    expect(response.body).toEqual({ token: expect.stringMatching(/^[\w-]+\.[\w-]+\.[\w-]+$/) });
  });

  it('answers a wrong password and an unknown address the same way, without saying which part was wrong', async () => {
    const wrongPassword = await platform.http
      .post('/api/auth/login')
      .send({ email: ADMIN.email, password: 'nope' })
      .expect(401);
    const unknown = await platform.http
      .post('/api/auth/login')
      .send({ email: 'nobody@refugeewalk.test', password: ADMIN.password })
      .expect(401);
    expect(wrongPassword.body).toEqual({ message: 'wrong e-mail address or password' });
    expect(unknown.body).toEqual(wrongPassword.body);
  });

  it('refuses a second account for an address that has one (409)', async () => {
    const auth = await platform.adminAuth();
    const response = await platform.http
      .post('/api/accounts')
      .set(auth)
      .send({ email: ADMIN.email, name: 'Copy', password: 'another long password', roles: ['finance'] })
      .expect(409);
    expect(response.body.message).toMatch(/already has an account/);
  });

  it('slows a brute-force attempt down: too many logins from one client get 429', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) {
      last = (await platform.http.post('/api/auth/login').send({ email: ADMIN.email, password: `guess ${i}` })).status;
    }
    expect(last).toBe(429);
  });
});

describe('public writes are rate-limited per client', () => {
  let platform: TestPlatform;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_POSTS_PER_MINUTE: '3' });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('answers 429 past the limit and writes nothing for the refused request; login keeps its own limit', async () => {
    const auth = await platform.adminAuth();
    const edition = await platform.http
      .post('/api/editions')
      .set(auth)
      .send({ name: 'Walk', date: WALK_DAY, routes: [{ name: 'Own', distanceKm: 20, kind: 'own' }] })
      .expect(201);
    const register = (n: number) =>
      platform.http.post(`/api/editions/${edition.body.id}/teams`).send({
        name: `Team ${n}`,
        routeId: edition.body.routes[0].id,
        targetCents: 0,
        captain: { name: `Captain ${n}`, email: `captain${n}@example.be` },
      });
    for (let n = 1; n <= 3; n++) await register(n).expect(201);
    const refused = await register(4).expect(429);
    expect(refused.body.message).toMatch(/too many requests/i);
    const stats = await platform.http.get(`/api/editions/${edition.body.id}/stats`).expect(200);
    expect(stats.body.teams).toBe(3);
    await platform.http.post('/api/auth/login').send(ADMIN).expect(200);
  });
});

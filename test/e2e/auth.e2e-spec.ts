import { ADMIN, startPlatform, type TestPlatform } from '../support/platform';

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

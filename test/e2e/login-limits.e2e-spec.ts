import request from 'supertest';
import { kdf } from '../../apps/platform/src/accounts/passwords';
import { ADMIN, startPlatform, type TestPlatform } from '../support/platform';

const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
/** The platform trusts the address a proxy on the same machine gives: how these tests come from many clients. */
const from = (n: number) => ({ 'X-Forwarded-For': `198.51.100.${n}` });

describe('one login limit for every way in, per account and per client', () => {
  let platform: TestPlatform;

  afterEach(async () => {
    await platform.dispose();
  });

  const deskLogin = async (password: string, headers: Record<string, string>, lang = 'nl') => {
    const visitor = request.agent(platform.app.getHttpServer());
    const form = await visitor.get(`/desk/login?lang=${lang}`).set(headers).expect(200);
    return visitor
      .post('/desk/login')
      .set(headers)
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: ADMIN.email, password });
  };

  it('refuses the 11th desk login, the right password included, with a message in the visitor language', async () => {
    platform = await startPlatform();
    for (let i = 0; i < 10; i++) {
      const wrong = await deskLogin(`guess ${i}`, from(1));
      expect(wrong.status).toBe(401);
    }
    const limited = await deskLogin(ADMIN.password, from(1));
    expect(limited.status).toBe(429);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(14 * 60);
    expect(limited.text).toContain('Te veel aanmeldpogingen. Probeer het over 15 minuten opnieuw.');
    expect(limited.headers['set-cookie']?.toString() ?? '').not.toContain('rw_desk=');
    expect((await deskLogin(ADMIN.password, from(1), 'fr')).text).toContain('Trop de tentatives de connexion.');
    expect((await deskLogin(ADMIN.password, from(1), 'en')).text).toContain('Too many login attempts.');
    // the API's login is the same door: the account is limited there too, from another client as well
    const api = await platform.http.post('/api/auth/login').set(from(2)).send(ADMIN).expect(429);
    expect(api.body.message).toMatch(/^too many login attempts: try again in 15 minutes$/);
    expect(Number(api.headers['retry-after'])).toBeGreaterThan(14 * 60);
  }, 90_000);

  it('limits one account tried from many clients, and one client trying many accounts', async () => {
    platform = await startPlatform({ LOGIN_ATTEMPTS_PER_15_MINUTES: '3' });
    for (let i = 0; i < 3; i++) {
      await platform.http
        .post('/api/auth/login')
        .set(from(i))
        .send({ email: ADMIN.email, password: `guess ${i}` })
        .expect(401);
    }
    await platform.http.post('/api/auth/login').set(from(50)).send(ADMIN).expect(429);

    for (let i = 0; i < 3; i++) {
      await platform.http
        .post('/api/auth/login')
        .set(from(60))
        .send({ email: `person${i}@refugeewalk.test`, password: 'a guess' })
        .expect(401);
    }
    await platform.http
      .post('/api/auth/login')
      .set(from(60))
      .send({ email: 'someone@refugeewalk.test', password: 'a guess' })
      .expect(429);
    await platform.http
      .post('/api/auth/login')
      .set(from(61))
      .send({ email: 'someone@refugeewalk.test', password: 'a guess' })
      .expect(401);
  }, 60_000);

  it('never counts a right login: staff behind one address log in as often as they need', async () => {
    platform = await startPlatform({ LOGIN_ATTEMPTS_PER_15_MINUTES: '3' });
    for (let i = 0; i < 5; i++) await platform.http.post('/api/auth/login').set(from(70)).send(ADMIN).expect(200);
    // the whole budget is still there for wrong ones
    const wrong = { email: ADMIN.email, password: 'a guess' };
    for (let i = 0; i < 3; i++) await platform.http.post('/api/auth/login').set(from(70)).send(wrong).expect(401);
    await platform.http.post('/api/auth/login').set(from(70)).send(wrong).expect(429);
  }, 60_000);
});

describe('password checks are bounded', () => {
  let platform: TestPlatform;
  let derive: jest.SpyInstance;
  let running = 0;
  let peak = 0;

  beforeAll(async () => {
    // many attempts from many clients, so that only the bound on hashing stands in the way
    platform = await startPlatform({ LOGIN_ATTEMPTS_PER_15_MINUTES: '1000' });
    const original = kdf.derive.bind(kdf);
    derive = jest.spyOn(kdf, 'derive').mockImplementation(async (...args) => {
      running++;
      peak = Math.max(peak, running);
      try {
        return await original(...args);
      } finally {
        running--;
      }
    });
  });
  afterAll(async () => {
    derive.mockRestore();
    await platform.dispose();
  });

  it('hashes two passwords at once, refuses a flood early (503, Retry-After) without hashing, then lets a right login in', async () => {
    const flood = await Promise.all(
      Array.from({ length: 32 }, (_, i) =>
        platform.http
          .post('/api/auth/login')
          .set(from(i))
          .send({ email: ADMIN.email, password: `wrong password ${i}` }),
      ),
    );
    const statuses = flood.map((response) => response.status);
    const refused = flood.filter((response) => response.status === 503);
    const checked = statuses.filter((status) => status === 401).length;
    expect(checked + refused.length).toBe(32);
    // 2 hashing and 8 waiting at most: the others are refused while the first checks still run
    expect(refused.length).toBeGreaterThanOrEqual(16);
    for (const response of refused) {
      expect(response.headers['retry-after']).toBe('1');
      expect(response.body.message).toMatch(/checking many passwords right now: try again in a moment/);
    }
    expect(peak).toBe(2);
    expect(derive).toHaveBeenCalledTimes(checked);

    derive.mockClear();
    await platform.http.post('/api/auth/login').send(ADMIN).expect(200);
    expect(derive).toHaveBeenCalledTimes(1);
  }, 60_000);
});

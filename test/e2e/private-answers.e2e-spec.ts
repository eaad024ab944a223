import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { createEdition, giveAndSettle, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

const setCookies = (response: { headers: Record<string, unknown> }) =>
  ([] as string[]).concat((response.headers['set-cookie'] as string[] | string | undefined) ?? []);

describe('private answers are never cached, and behind https every cookie is Secure', () => {
  let platform: TestPlatform;
  let editionId: string;
  let walkerId: string;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'https://give.example.org' });
    const edition = await createEdition(platform);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    walkerId = team.captainWalkerId;
    await giveAndSettle(platform, walkerId, 15_00, { name: 'Sofie', email: 'sofie@example.be' });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('sets every cookie Secure under an https PUBLIC_BASE_URL, even when the request reached us as http', async () => {
    // a form page sets the CSRF cookie, ?lang= the language cookie: the proxy is not trusted, so request.secure is false
    const page = await platform.http.get(`/editions/${editionId}/register?lang=fr`).expect(200);
    const cookies = setCookies(page);
    expect(cookies.map((cookie) => cookie.split('=')[0]).sort()).toEqual(['lang', 'rw_csrf']);
    for (const cookie of cookies) expect(cookie).toMatch(/;\s*Secure/i);
  });

  it.each([
    ['the API login answer', 'post', '/api/auth/login'],
    ['a donor’s access export', 'get', '/api/donors/access?email=sofie@example.be'],
    ['the ledger export', 'get', '/api/finance/export?from=2026-01-01&to=2026-12-31&format=csv'],
    ['the bank lines', 'get', '/api/imports/bank-lines'],
    ['the tax certificates list', 'get', '/api/finance/tax-certificates?year=2026'],
    ['the desk login page', 'get', '/desk/login'],
  ])('answers %s with Cache-Control: no-store', async (_what, method, path) => {
    const auth = await platform.adminAuth();
    const response =
      method === 'post'
        ? await platform.http
            .post(path)
            .send({ email: 'admin@refugeewalk.test', password: 'correct horse battery staple' })
        : await platform.http.get(path).set(auth);
    expect(response.status).toBeLessThan(400);
    expect(response.headers['cache-control']).toBe('no-store');
  });

  it('answers a walker’s private edit page with no-store, and leaves a public page cacheable', async () => {
    const token = platform.app.get(PrivateLinks).token('edit-walker', walkerId);
    const edit = await platform.http.get(`/walkers/${walkerId}/edit?token=${token}`).expect(200);
    expect(edit.headers['cache-control']).toBe('no-store');
    const open = await platform.http.get(`/walkers/${walkerId}`).expect(200);
    expect(open.headers['cache-control']).not.toBe('no-store');
  });
});

describe('cookies on a local platform (plain http)', () => {
  it('are not forced Secure: a browser on http://localhost would drop them', async () => {
    const platform = await startPlatform();
    try {
      const edition = await createEdition(platform);
      const page = await platform.http.get(`/editions/${edition.id}/register?lang=fr`).expect(200);
      const cookies = setCookies(page);
      expect(cookies).toHaveLength(2);
      for (const cookie of cookies) expect(cookie).not.toMatch(/;\s*Secure/i);
    } finally {
      await platform.dispose();
    }
  });
});

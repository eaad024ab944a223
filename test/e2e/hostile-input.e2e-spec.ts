import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

/** Bodies an attacker or a broken client sends: each is a 400 with a clear message, cheap, and changes nothing. */
describe('hostile request bodies', () => {
  let platform: TestPlatform;
  let editionId: string;
  let routeId: string;
  let walkerId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const edition = await createEdition(platform);
    editionId = edition.id;
    routeId = edition.routes[0].id;
    const team = await registerTeam(platform, editionId, routeId, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    walkerId = team.captainWalkerId;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  // effects that follow earlier requests (mails claimed, reactions) are let finish first: they are not this request's
  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;
  };
  const gift = () => ({
    beneficiary: { type: 'walker', id: walkerId },
    amountCents: 10_00,
    frequency: 'one_off',
    donor: { name: 'Sofie', email: 'sofie@example.be' },
  });
  const deepArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;

  it('refuses a 100,000-deep array at once with a 400, and /health keeps answering while 20 arrive together', async () => {
    const before = await headOfStore();
    const body = `{"message":${deepArray(100_000)}}`;
    const started = Date.now();
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        platform.http.post('/api/donations').set('Content-Type', 'application/json').send(body),
      ),
    );
    const health = await platform.http.get('/health');
    const took = Date.now() - started;
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        message: 'the request body nests deeper than 8 levels of arrays and objects',
        errors: [],
      });
    }
    expect(health.status).toBe(200);
    // 20 × 195 kB over loopback; the old path spent ~0.3 s of event loop on each one
    expect(took).toBeLessThan(2_000);
    expect(await headOfStore()).toBe(before);
  });

  it('takes the deepest real request (a gift with a tax certificate address) and refuses one level past the limit', async () => {
    await platform.http
      .post('/api/donations')
      .send({
        ...gift(),
        taxCertificate: true,
        donor: {
          name: 'Sofie',
          email: 'sofie@example.be',
          address: { street: 'Wetstraat 1', postalCode: '1000', city: 'Brussel' },
          nationalNumber: '85073003328',
        },
      })
      .expect(201);
    // 8 levels in all (the body and 7 inside it) is still parsed, and refused by the DTO, not the depth check
    const eight = await platform.http
      .post('/api/donations')
      .set('Content-Type', 'application/json')
      .send(`{"message":${deepArray(7)}}`)
      .expect(400);
    expect(eight.body.message).not.toContain('nests deeper');
    const nine = await platform.http
      .post('/api/donations')
      .set('Content-Type', 'application/json')
      .send(`{"message":${deepArray(8)}}`)
      .expect(400);
    expect(nine.body.message).toBe('the request body nests deeper than 8 levels of arrays and objects');
    // brackets inside a string are text, not nesting
    await platform.http
      .post('/api/donations')
      .send({ ...gift(), message: `[[[[[[[[[[{{{{{{{{{{ "\\" ${'['.repeat(50)}` })
      .expect(201);
  });

  it.each([
    ['a beneficiary given as an array', { beneficiary: [] }, 'beneficiary', 'beneficiary must be an object'],
    ['no donor', { donor: undefined }, 'donor', 'donor must be an object'],
    ['a donor given as a string', { donor: 'sofie@example.be' }, 'donor', 'donor must be an object'],
    [
      'a donor address given as an array',
      { donor: { name: 'S', email: 's@example.be', address: [] } },
      'donor.address',
      'address must be an object',
    ],
    [
      'an e-mail address with a lone surrogate',
      { donor: { name: 'S', email: '\ud800@example.org' } },
      'donor.email',
      'email must be an e-mail address',
    ],
  ])('refuses a gift with %s (400, nothing written)', async (_what, change, field, problem) => {
    const before = await headOfStore();
    const response = await platform.http
      .post('/api/donations')
      .send({ ...gift(), ...change })
      .expect(400);
    expect(response.body.message).toBe(`invalid request: ${problem}`);
    expect(response.body.errors).toContainEqual({ field, problems: expect.arrayContaining([problem]) });
    expect(await headOfStore()).toBe(before);
  });

  it('refuses a pledge without a sponsor, a team without a captain and an edition whose route is a list', async () => {
    const before = await headOfStore();
    const pledge = await platform.http
      .post('/api/pledges')
      .send({ beneficiary: { type: 'walker', id: walkerId }, kind: 'fixed', amountCents: 10_00 })
      .expect(400);
    expect(pledge.body.message).toBe('invalid request: sponsor must be an object');
    const team = await platform.http
      .post(`/api/editions/${editionId}/teams`)
      .send({ name: 'Zonder kapitein', routeId, targetCents: 0 })
      .expect(400);
    expect(team.body.message).toBe('invalid request: captain must be an object');
    const edition = await platform.http
      .post('/api/editions')
      .set(await platform.adminAuth())
      .send({ name: 'Refugee Walk 2027', date: '2027-09-26', routes: [[]] })
      .expect(400);
    expect(edition.body.message).toBe('invalid request: each route must be an object');
    expect(await headOfStore()).toBe(before);
  });

  it('parses form bodies flat: a bracketed key is a plain unknown field, never a nested object', async () => {
    const deepKey = `email${'[a]'.repeat(2_000)}`;
    const response = await platform.http
      .post('/api/auth/login')
      .set('Content-Type', 'application/x-www-form-urlencoded')
      .send(`${encodeURIComponent(deepKey)}=x&password=whatever`)
      .expect(400);
    expect(response.body.errors).toContainEqual({ field: deepKey, problems: [`property ${deepKey} should not exist`] });
  });

  it('answers a login with a lone surrogate in the e-mail address with a 400, not a 500', async () => {
    const response = await platform.http
      .post('/api/auth/login')
      .send({ email: '\ud800@example.org', password: 'whatever it is' })
      .expect(400);
    expect(response.body.message).toBe('invalid request: email must be an e-mail address');
  });

  it.each([
    ['__proto__', '{"__proto__":{"admin":true}}', '__proto__'],
    ['constructor', '{"constructor":{"prototype":{"admin":true}}}', 'constructor'],
    ['a nested __proto__', '{"__proto__":{"admin":true},"name":"S","email":"s@example.be"}', 'donor.__proto__'],
  ])('refuses %s like any other unknown field', async (_what, raw, field) => {
    const before = await headOfStore();
    // JSON.stringify would drop or rename these keys: the body is written by hand, as an attacker would
    const { donor, ...rest } = gift();
    const body = field.startsWith('donor.')
      ? `${JSON.stringify(rest).slice(0, -1)},"donor":${raw}}`
      : `${raw.slice(0, -1)},${JSON.stringify(gift()).slice(1)}`;
    expect(donor).toBeDefined();
    const response = await platform.http
      .post('/api/donations')
      .set('Content-Type', 'application/json')
      .send(body)
      .expect(400);
    const key = field.split('.').pop();
    expect(response.body).toEqual({
      message: `invalid request: property ${key} should not exist`,
      errors: [{ field, problems: [`property ${key} should not exist`] }],
    });
    expect(await headOfStore()).toBe(before);
  });
});

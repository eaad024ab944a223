import { MOLLIE_PAYMENT_ID } from '@rw/payments/adapters/mollie';
import type { FakeMollie } from '@rw/payments/testing/fake-mollie';
import fc from 'fast-check';
import { startOnFakeMollie } from '../support/provider-platforms';
import { createEdition, registerTeam, type RegisteredTeam } from '../support/fixtures';
import { ADMIN, startPlatform, type TestPlatform } from '../support/platform';

/**
 * Property-based fuzzing of every public JSON call: bodies made from a valid one by changing, dropping or adding
 * one field (at any depth), hostile strings, numbers and keys, random JSON and raw text. Whatever the body, the
 * answer is never a 5xx, and a refused body (4xx) writes nothing: the event store's head stays where it was.
 * Bounded runs with a fixed seed, so the file takes a few seconds and a failure can be replayed.
 */
describe('fuzzing the public JSON calls: never a 5xx, never a write on refusal', () => {
  let platform: TestPlatform;
  let editionId: string;
  let team: RegisteredTeam;
  let donationId: string;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_POSTS_PER_MINUTE: '100000', LOGIN_ATTEMPTS_PER_15_MINUTES: '100000' });
    const edition = await createEdition(platform);
    editionId = edition.id;
    team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    const created = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: team.captainWalkerId },
        amountCents: 10_00,
        frequency: 'one_off',
        donor: { name: 'Sofie', email: 'sofie@example.be' },
      })
      .expect(201);
    donationId = created.body.id;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  // effects that follow earlier requests (mails claimed, reactions) are let finish first: they are not this request's
  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;
  };

  const trickyStrings = fc.constantFrom(
    '',
    ' ',
    '\ud800@example.org',
    'a\udfffb',
    '\u0000',
    '=HYPERLINK("http://x")',
    '<script>alert(1)</script>',
    '../../etc/passwd',
    'x'.repeat(5_000),
    '1e309',
    'NaN',
    '__proto__',
    'sofie@example.be',
    'walker',
  );
  const anyText = fc.oneof(
    trickyStrings,
    fc.string({ unit: 'binary', maxLength: 40 }),
    fc.string({ unit: fc.integer({ min: 0xd700, max: 0xe000 }).map((c) => String.fromCharCode(c)), maxLength: 4 }),
  );
  const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
    anyText,
    fc.constantFrom(null, true, false, 0, -1, 0.5, 1e21, -1e21, Number.MAX_SAFE_INTEGER + 2, [], {}, [[]], [{}]),
    fc.integer(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.jsonValue({ maxDepth: 3 }),
  );
  const hostileKey = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', ''), anyText);

  type Json = Record<string, unknown>;
  const pathsOf = (value: unknown, prefix: string[] = []): string[][] =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? Object.entries(value).flatMap(([key, inner]) => [[...prefix, key], ...pathsOf(inner, [...prefix, key])])
      : [];
  const withAt = (body: Json, path: string[], change: (parent: Json, key: string) => void): Json => {
    const copy = structuredClone(body);
    let parent: Json = copy;
    for (const key of path.slice(0, -1)) parent = parent[key] as Json;
    change(parent, path[path.length - 1]);
    return copy;
  };
  const define = (target: Json, key: string, value: unknown) =>
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });

  /** Bodies near a valid one: one field changed, dropped or added (any depth), or anything at all. */
  function bodiesNear(valid: Json): fc.Arbitrary<string> {
    const paths = pathsOf(valid);
    const objectPaths = [[] as string[], ...paths.filter((p) => pathsOf(valid).some((q) => q.length > p.length))];
    const changed = fc
      .tuple(fc.constantFrom(...paths), hostileValue)
      .map(([path, value]) => withAt(valid, path, (parent, key) => define(parent, key, value)));
    const dropped = fc.constantFrom(...paths).map((path) => withAt(valid, path, (parent, key) => delete parent[key]));
    const added = fc.tuple(fc.constantFrom(...objectPaths), hostileKey, hostileValue).map(([path, key, value]) => {
      const copy = structuredClone(valid);
      let target: Json = copy;
      for (const step of path) target = target[step] as Json;
      if (target && typeof target === 'object') define(target, key, value);
      return copy;
    });
    return fc.oneof(
      { arbitrary: fc.oneof(changed, dropped, added).map((body) => JSON.stringify(body)), weight: 6 },
      { arbitrary: fc.jsonValue({ maxDepth: 4 }).map((body) => JSON.stringify(body)), weight: 1 },
      { arbitrary: fc.string({ unit: 'binary', maxLength: 60 }), weight: 1 },
      { arbitrary: fc.nat({ max: 5_000 }).map((depth) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`), weight: 1 },
    );
  }

  async function neverFailsOnOurSide(path: string, valid: Json, numRuns: number) {
    await fc.assert(
      fc.asyncProperty(bodiesNear(valid), async (body) => {
        const before = await headOfStore();
        const response = await platform.http.post(path).set('Content-Type', 'application/json').send(body);
        const after = await headOfStore();
        if (response.status >= 500) throw new Error(`${path} answered ${response.status}: ${response.text}`);
        if (response.status >= 400) {
          if (after !== before) throw new Error(`${path} refused (${response.status}) yet wrote events`);
          if (typeof response.body?.message !== 'string' || response.body.message === '') {
            throw new Error(`${path} refused without a message: ${response.text}`);
          }
        }
      }),
      { numRuns, seed: 13, endOnFailure: true },
    );
  }

  it('POST /api/donations', async () => {
    await neverFailsOnOurSide(
      '/api/donations',
      {
        beneficiary: { type: 'walker', id: team.captainWalkerId },
        amountCents: 25_00,
        frequency: 'one_off',
        donor: {
          name: 'Sofie',
          email: 'sofie@example.be',
          address: { street: 'Wetstraat 1', postalCode: '1000', city: 'Brussel' },
          nationalNumber: '85073003328',
        },
        taxCertificate: true,
        message: 'Goed bezig',
        anonymous: false,
        language: 'nl',
      },
      150,
    );
  });

  it('POST /api/pledges', async () => {
    await neverFailsOnOurSide(
      '/api/pledges',
      {
        beneficiary: { type: 'walker', id: team.captainWalkerId },
        sponsor: { name: 'Jan', email: 'jan@example.be' },
        kind: 'per_km',
        amountCents: 1_00,
        capCents: 50_00,
      },
      100,
    );
  });

  it('POST /api/editions/:id/teams', async () => {
    const edition = (await platform.http.get(`/api/editions/${editionId}/stats`).expect(200)).body;
    expect(edition).toBeDefined();
    const routeId = (
      await platform.http
        .post('/api/editions')
        .set(await platform.adminAuth())
        .send({ name: 'Fuzz', date: '2026-10-01', routes: [{ name: 'Own', distanceKm: 10, kind: 'own' }] })
        .expect(201)
    ).body;
    await neverFailsOnOurSide(
      `/api/editions/${routeId.id}/teams`,
      {
        name: 'Team',
        routeId: routeId.routes[0].id,
        targetCents: 100_00,
        captain: { name: 'Ali', email: 'ali@example.be' },
        maxWalkers: 10,
        language: 'fr',
      },
      100,
    );
  });

  it('POST /api/teams/:id/walkers', async () => {
    await neverFailsOnOurSide(
      `/api/teams/${team.id}/walkers`,
      { name: 'Jan', email: 'jan@example.be', joinCode: team.joinCode, targetCents: 50_00, story: 'Ik wandel mee' },
      100,
    );
  });

  it('POST /api/auth/login (few runs: a well-formed attempt costs a password hash)', async () => {
    await neverFailsOnOurSide('/api/auth/login', { email: ADMIN.email, password: 'not the password at all' }, 25);
  });

  it('POST /api/sandbox/donations/:id/settle', async () => {
    await neverFailsOnOurSide(`/api/sandbox/donations/${donationId}/settle`, { outcome: 'failed' }, 60);
  });

  it('POST /api/webhooks/stripe and /api/webhooks/mollie on the sandbox: refused, nothing written', async () => {
    for (const provider of ['stripe', 'mollie', '__proto__']) {
      await neverFailsOnOurSide(`/api/webhooks/${provider}`, { id: 'evt_1', type: 'charge.refunded' }, 15);
    }
  });
});

describe('fuzzing the Mollie webhook: never a 5xx, never a write on refusal, no call to Mollie for a malformed id', () => {
  let fake: FakeMollie;
  let platform: TestPlatform;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    ({ fake, platform, stop } = await startOnFakeMollie('Fuzzed Mollie walkers'));
  });
  afterAll(() => stop?.());

  it('POST /api/webhooks/mollie with any form body', async () => {
    const value = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.stringMatching(/^tr_[A-Za-z0-9]{1,40}$/),
      fc.constantFrom('tr_', 'tr_\ud800', `tr_${'a'.repeat(3_000)}`, '__proto__', 'tr_../../v2/customers'),
    );
    const body = fc.oneof(
      value.map((id) => new URLSearchParams({ id }).toString()),
      fc
        .dictionary(fc.string({ maxLength: 10 }), value, { maxKeys: 4 })
        .map((form) => new URLSearchParams(form).toString()),
      fc.string({ unit: 'binary', maxLength: 80 }),
    );
    await fc.assert(
      fc.asyncProperty(body, async (raw) => {
        await platform.effectsDone();
        const before = (await platform.http.get('/health').expect(200)).body.eventStore.headPosition;
        const calls = fake.requests.length;
        const response = await platform.http
          .post('/api/webhooks/mollie')
          .set('Content-Type', 'application/x-www-form-urlencoded')
          .send(raw);
        const after = (await platform.http.get('/health').expect(200)).body.eventStore.headPosition;
        if (response.status >= 500) throw new Error(`answered ${response.status}: ${response.text}`);
        if (response.status >= 400 && after !== before) throw new Error('refused yet wrote events');
        const id = new URLSearchParams(raw).get('id');
        if (!(id && MOLLIE_PAYMENT_ID.test(id)) && fake.requests.length !== calls) {
          throw new Error(`asked Mollie about a malformed id: ${JSON.stringify(id)}`);
        }
      }),
      { numRuns: 150, seed: 13, endOnFailure: true },
    );
  });
});

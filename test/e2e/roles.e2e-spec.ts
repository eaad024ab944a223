import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { accountStream } from '@rw/fundraising';
import request from 'supertest';
import { grantAdministrator, NoSuchAccount } from '../../apps/cli/src/grant-administrator';
import { Passwords } from '../../apps/platform/src/accounts/passwords';
import { loadConfig } from '../../apps/platform/src/config/config';
import { openEventStore } from '@rw/runtime/infrastructure/event-store.factory';
import { ADMIN, startPlatform, type TestPlatform } from '../support/platform';
import { WALK_DAY } from '../support/fixtures';

const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
const bearer = (token: string) => ({ Authorization: `Bearer ${token}` });
const edition = { name: 'Walk', date: WALK_DAY, routes: [{ name: 'Own', distanceKm: 20, kind: 'own' }] };

describe('administrators, roles and disabled accounts', () => {
  let platform: TestPlatform;
  let admin: { Authorization: string };
  let organiserId: string;
  const organiser = { email: 'org@refugeewalk.test', password: 'organiser password' };

  const head = async () => {
    await platform.effectsDone();
    return platform.app.get<EventStore>(EVENT_STORE).headPosition();
  };
  const login = async (who: { email: string; password: string }) =>
    (await platform.http.post('/api/auth/login').send(who).expect(200)).body.token as string;

  beforeAll(async () => {
    platform = await startPlatform();
    admin = await platform.adminAuth();
    const created = await platform.http
      .post('/api/accounts')
      .set(admin)
      .send({ ...organiser, name: 'Olga', roles: ['organiser'] })
      .expect(201);
    organiserId = created.body.id;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('makes the first admin an administrator, organiser and finance', async () => {
    const accounts = await platform.http.get('/api/accounts').set(admin).expect(200);
    expect(accounts.body).toContainEqual(
      expect.objectContaining({
        email: ADMIN.email,
        roles: ['administrator', 'finance', 'organiser'],
        status: 'active',
      }),
    );
    expect(JSON.stringify(accounts.body)).not.toMatch(/scrypt|passwordHash|sessionGeneration/);
  });

  it('refuses an organiser who creates a finance account or grants roles (403), and writes nothing', async () => {
    const token = bearer(await login(organiser));
    const before = await head();
    await platform.http
      .post('/api/accounts')
      .set(token)
      .send({ email: 'mole@refugeewalk.test', name: 'Mole', password: 'a long mole password', roles: ['finance'] })
      .expect(403);
    await platform.http
      .put(`/api/accounts/${organiserId}/roles`)
      .set(token)
      .send({ roles: ['finance'] })
      .expect(403);
    await platform.http.post(`/api/accounts/${organiserId}/disable`).set(token).expect(403);
    await platform.http.get('/api/accounts').set(token).expect(403);
    expect(await head()).toBe(before);
    await platform.http
      .post('/api/auth/login')
      .send({ email: 'mole@refugeewalk.test', password: 'a long mole password' })
      .expect(401);
  });

  it('lets an administrator create a finance account, which cannot create accounts in turn', async () => {
    const created = await platform.http
      .post('/api/accounts')
      .set(admin)
      .send({ email: 'fien@refugeewalk.test', name: 'Fien', password: 'a long finance password', roles: ['finance'] })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'fien@refugeewalk.test',
      name: 'Fien',
      roles: ['finance'],
    });
    const finance = bearer(await login({ email: 'fien@refugeewalk.test', password: 'a long finance password' }));
    await platform.http
      .post('/api/accounts')
      .set(finance)
      .send({ email: 'x@refugeewalk.test', name: 'X', password: 'a long other password', roles: ['organiser'] })
      .expect(403);
  });

  it('refuses unknown roles and unknown accounts, and writes nothing', async () => {
    const before = await head();
    const bad = await platform.http
      .put(`/api/accounts/${organiserId}/roles`)
      .set(admin)
      .send({ roles: ['owner'] })
      .expect(400);
    expect(bad.body.message).toMatch(/each role must be one of administrator, organiser, finance/);
    await platform.http.put(`/api/accounts/${organiserId}/roles`).set(admin).send({ roles: [] }).expect(400);
    await platform.http.post('/api/accounts/no-such-account/disable').set(admin).expect(404);
    await platform.http
      .put('/api/accounts/no-such-account/roles')
      .set(admin)
      .send({ roles: ['finance'] })
      .expect(404);
    expect(await head()).toBe(before);
  });

  it('grants and withdraws roles at once, on tokens given before', async () => {
    const token = bearer(await login(organiser));
    await platform.http.post('/api/editions').set(token).send(edition).expect(201);
    const changed = await platform.http
      .put(`/api/accounts/${organiserId}/roles`)
      .set(admin)
      .send({ roles: ['finance'] })
      .expect(200);
    expect(changed.body).toMatchObject({ id: organiserId, roles: ['finance'], status: 'active' });
    await platform.http.post('/api/editions').set(token).send(edition).expect(403);
    await platform.http.get('/api/finance/flags').set(token).expect(200);
    await platform.http
      .put(`/api/accounts/${organiserId}/roles`)
      .set(admin)
      .send({ roles: ['organiser'] })
      .expect(200);
    await platform.http.post('/api/editions').set(token).send(edition).expect(201);
  });

  it("ends a disabled account's sessions at once, API token and desk cookie alike; enabling it revives none", async () => {
    const token = bearer(await login(organiser));
    const desk = request.agent(platform.app.getHttpServer());
    const form = await desk.get('/desk/login').expect(200);
    await desk
      .post('/desk/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...organiser })
      .expect(303);
    await desk.get('/desk').expect(200);
    await platform.http.post('/api/editions').set(token).send(edition).expect(201);

    const disabled = await platform.http.post(`/api/accounts/${organiserId}/disable`).set(admin).expect(200);
    expect(disabled.body).toMatchObject({ id: organiserId, status: 'disabled' });
    const refused = await platform.http.post('/api/editions').set(token).send(edition).expect(401);
    expect(refused.body.message).toMatch(/log in again/);
    const back = await desk.get('/desk').expect(303);
    expect(back.headers.location).toBe('/desk/login');
    await platform.http.post('/api/auth/login').send(organiser).expect(401);
    // disabling twice is the same as once
    await platform.http.post(`/api/accounts/${organiserId}/disable`).set(admin).expect(200);

    await platform.http.post(`/api/accounts/${organiserId}/enable`).set(admin).expect(200);
    await platform.http.post('/api/editions').set(token).send(edition).expect(401);
    await desk.get('/desk').expect(303);
    const fresh = bearer(await login(organiser));
    await platform.http.post('/api/editions').set(fresh).send(edition).expect(201);
  });

  it('keeps an administrator from disabling themselves or dropping their own administrator role', async () => {
    const accounts = await platform.http.get('/api/accounts').set(admin).expect(200);
    const self = accounts.body.find((account: { email: string }) => account.email === ADMIN.email);
    const before = await head();
    const refused = await platform.http.post(`/api/accounts/${self.id}/disable`).set(admin).expect(403);
    expect(refused.body.message).toMatch(/ask another administrator/);
    await platform.http
      .put(`/api/accounts/${self.id}/roles`)
      .set(admin)
      .send({ roles: ['organiser'] })
      .expect(403);
    expect(await head()).toBe(before);
  });
});

describe('logging out ends the session', () => {
  let platform: TestPlatform;

  afterEach(async () => {
    await platform.dispose();
  });

  it('stops the token at once and after a restart; other sessions of the account go on', async () => {
    platform = await startPlatform();
    const first = bearer((await platform.http.post('/api/auth/login').send(ADMIN).expect(200)).body.token);
    const second = bearer((await platform.http.post('/api/auth/login').send(ADMIN).expect(200)).body.token);
    await platform.http.post('/api/auth/logout').set(first).expect(204);
    await platform.http.post('/api/editions').set(first).send(edition).expect(401);
    await platform.http.post('/api/auth/logout').expect(401);
    await platform.stop();

    const again = await startPlatform({}, platform.dataDir);
    try {
      await again.http.post('/api/editions').set(first).send(edition).expect(401);
      await again.http.post('/api/editions').set(second).send(edition).expect(201);
    } finally {
      await again.stop();
    }
  });

  it('ends the desk session itself: a copy of the cookie taken before logging out opens nothing', async () => {
    platform = await startPlatform();
    const desk = request.agent(platform.app.getHttpServer());
    const form = await desk.get('/desk/login').expect(200);
    const loggedIn = await desk
      .post('/desk/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), ...ADMIN })
      .expect(303);
    const cookie = (loggedIn.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('rw_desk='));
    const copy = cookie?.split(';')[0] ?? '';
    await request(platform.app.getHttpServer()).get('/desk').set('Cookie', copy).expect(200);
    const page = await desk.get('/desk').expect(200);
    await desk
      .post('/desk/logout')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    const after = await request(platform.app.getHttpServer()).get('/desk').set('Cookie', copy).expect(303);
    expect(after.headers.location).toBe('/desk/login');
  });
});

describe('a store from before the administrator role', () => {
  it('makes its first admin an administrator once, by an event of its own, and keeps its login', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'rw-e2e-'));
    try {
      // the first admin exactly as the platform created it before roles existed
      const store = await openEventStore(loadConfig({ DATA_DIR: dataDir }));
      await store.append(
        accountStream(ADMIN.email),
        [
          {
            type: 'AccountCreated',
            data: {
              accountId: 'old-admin',
              email: ADMIN.email,
              name: 'Administrator',
              roles: ['finance', 'organiser'],
              passwordHash: await new Passwords().hash(ADMIN.password),
              createdAt: '2026-01-01T00:00:00.000Z',
              createdBy: 'bootstrap',
            },
          },
        ],
        'no_stream',
      );
      const position = await store.headPosition();
      await store.close();
      // and its read model as version 1 of the accounts projection left it: a table without status
      const readModels = new DatabaseSync(join(dataDir, 'read-models.sqlite'));
      readModels.exec(`
        CREATE TABLE projection_checkpoints (name TEXT PRIMARY KEY, version INTEGER NOT NULL, position INTEGER);
        CREATE TABLE accounts (account_id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, name TEXT NOT NULL,
          roles TEXT NOT NULL, created_at TEXT NOT NULL);
      `);
      readModels
        .prepare('INSERT INTO accounts VALUES (?, ?, ?, ?, ?)')
        .run('old-admin', ADMIN.email, 'Administrator', 'finance,organiser', '2026-01-01T00:00:00.000Z');
      readModels.prepare("INSERT INTO projection_checkpoints VALUES ('accounts', 1, ?)").run(position);
      readModels.close();

      // twice: a second start finds the administrator and writes nothing more
      for (let start = 1; start <= 2; start++) {
        const platform = await startPlatform({}, dataDir);
        try {
          const auth = await platform.adminAuth();
          const accounts = await platform.http.get('/api/accounts').set(auth).expect(200);
          expect(accounts.body).toEqual([
            expect.objectContaining({ id: 'old-admin', roles: ['administrator', 'finance', 'organiser'] }),
          ]);
          const events = await platform.app.get<EventStore>(EVENT_STORE).readStream(accountStream(ADMIN.email));
          expect(events.map((event) => [event.type, (event.data as { changedBy?: string }).changedBy])).toEqual([
            ['AccountCreated', undefined],
            ['AccountRolesChanged', 'bootstrap'],
          ]);
        } finally {
          await platform.stop();
        }
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the way back in when no administrator can act', () => {
  it('lets the operator make an existing account an enabled administrator, once; an unknown address changes nothing', async () => {
    const platform = await startPlatform();
    try {
      const admin = await platform.adminAuth();
      const created = await platform.http
        .post('/api/accounts')
        .set(admin)
        .send({
          email: 'olga@refugeewalk.test',
          name: 'Olga',
          password: 'a long organiser password',
          roles: ['organiser'],
        })
        .expect(201);
      await platform.http.post(`/api/accounts/${created.body.id}/disable`).set(admin).expect(200);
      const store = platform.app.get<EventStore>(EVENT_STORE);

      const granted = await grantAdministrator(platform.app, ' Olga@refugeewalk.test', '2026-06-01T00:00:00.000Z');
      expect(granted).toEqual({ accountId: created.body.id, changed: true });
      const olga = await platform.http
        .post('/api/auth/login')
        .send({ email: 'olga@refugeewalk.test', password: 'a long organiser password' })
        .expect(200);
      const accounts = await platform.http.get('/api/accounts').set(bearer(olga.body.token)).expect(200);
      expect(accounts.body).toContainEqual(
        expect.objectContaining({ id: created.body.id, roles: ['administrator', 'organiser'], status: 'active' }),
      );

      const before = await store.headPosition();
      expect(await grantAdministrator(platform.app, 'olga@refugeewalk.test', '2026-06-02T00:00:00.000Z')).toEqual({
        accountId: created.body.id,
        changed: false,
      });
      await expect(
        grantAdministrator(platform.app, 'nobody@refugeewalk.test', '2026-06-02T00:00:00.000Z'),
      ).rejects.toThrow(NoSuchAccount);
      expect(await store.headPosition()).toBe(before);
    } finally {
      await platform.dispose();
    }
  });
});

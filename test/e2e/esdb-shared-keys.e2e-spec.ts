import { rmSync } from 'node:fs';
import { EVENT_STORE, type PersonalDataVault, type SharedPersonKeys } from '@rw/event-store';
import { rebuildProjections } from '../../apps/cli/src/rebuild-projections';
import { loadConfig } from '../../apps/platform/src/config/config';
import { EsdbStandIn } from '../esdb-stand-in/server';
import { createEdition, giveAndSettle, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

/**
 * Two platform instances on one EventStoreDB (the gRPC stand-in), as behind a load balancer: each with its own
 * DATA_DIR and read models, both with the same PERSONAL_DATA_SECRET. The persons' keys are in the store, so a
 * person given on one instance is read on the other, and an erasure on either holds on both.
 */
describe('two instances on one EventStoreDB share the personal-data keys', () => {
  let server: EsdbStandIn;
  let a: TestPlatform;
  let b: TestPlatform;
  const sofie = { name: 'Sofie Claesens', email: 'sofie.claesens@example.be' };
  const jan = { name: 'Jan Verstappen', email: 'jan.verstappen@example.be' };
  const env = () => ({
    EVENT_STORE: 'esdb',
    EVENTSTORE_CONNECTION_STRING: server.connectionString,
    PERSONAL_DATA_SECRET: 'the-same-secret-on-every-instance-0123456789',
  });
  const vaultOf = (platform: TestPlatform) => platform.app.get<PersonalDataVault>(EVENT_STORE);
  const exportOf = async (platform: TestPlatform) =>
    (
      await platform.http
        .get('/api/finance/export?from=2000-01-01&to=2099-12-31&format=csv')
        .set(await platform.adminAuth())
        .expect(200)
    ).text;
  /** Polls until `check` holds (the other instance follows the store through its subscription). */
  const eventually = async (check: () => Promise<boolean>, withinMs = 5_000) => {
    const deadline = Date.now() + withinMs;
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('not within the time allowed');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  };

  beforeAll(async () => {
    // Several EventStoreDB clients in this one process (one per instance): @eventstore/db-client 6.2's BatchAppend
    // keeps the appends under way of every client in one process-wide table, so one client closing (or its stream
    // failing) fails and forgets the others' appends ("CANCELLED", then "undefined is not iterable"; fixed upstream
    // in KurrentDB-Client-NodeJS #523). A platform process has one client; here they append through Append.
    server = await EsdbStandIn.start({ batchAppend: false });
    // both at the same moment, with the same first admin: neither may fail
    [a, b] = await Promise.all([startPlatform(env()), startPlatform(env())]);
  });
  afterAll(async () => {
    const dirs = [a?.dataDir, b?.dataDir];
    await Promise.all([a?.dispose(), b?.dispose()]);
    await server.stop();
    for (const dir of dirs) if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts both at once with one first admin, who can log in on either', async () => {
    const accounts = server.storedEvents().filter((e) => e.type === 'AccountCreated');
    expect(accounts).toHaveLength(1);
    await a.adminAuth();
    await b.adminAuth();
  });

  let donationId: string;
  let donorId: string;
  let key: Buffer;

  it('shows on B the name of the donor who gave on A, in the finance export', async () => {
    const edition = await createEdition(a);
    const team = await registerTeam(a, edition.id, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima Captain',
      email: 'fatima.captain@example.be',
    });
    donationId = await giveAndSettle(a, team.captainWalkerId, 25_00, sofie);
    await giveAndSettle(b, team.captainWalkerId, 10_00, jan);
    donorId = (await vaultOf(a).donorIdOf(sofie.email)) as string;
    key = ((vaultOf(a).keys as SharedPersonKeys).keyOf(donorId) as { key: Buffer }).key;

    await eventually(async () => (await exportOf(b)).includes(sofie.name));
    expect(await exportOf(a)).toContain(sofie.name);
    await eventually(async () => (await exportOf(a)).includes(jan.name));
    expect(await vaultOf(b).donorIdOf(sofie.email)).toBe(donorId);
    const access = await b.http
      .get('/api/donors/access')
      .query({ email: sofie.email })
      .set(await b.adminAuth());
    expect(access.status).toBe(200);
    expect(access.body.personalData).toMatchObject(sofie);
  });

  it('keeps neither the person nor their key in clear in the event store', () => {
    const text = server
      .storedEvents()
      .map((e) => `${e.streamId} ${Buffer.from(e.data).toString()} ${Buffer.from(e.metadata).toString()}`)
      .join('\n');
    for (const clear of [sofie.name, sofie.email, 'Fatima Captain', 'fatima.captain@example.be']) {
      expect(text).not.toContain(clear);
    }
    for (const encoding of ['base64', 'hex', 'base64url'] as const) expect(text).not.toContain(key.toString(encoding));
    expect(text).toContain(`rw-person-key-${donorId}`);
  });

  it('makes an erasure on B hold on A within seconds, and for good', async () => {
    await b.http
      .post('/api/donors/erase')
      .set(await b.adminAuth())
      .send({ email: sofie.email })
      .expect(200);
    const erasedOnA = async () => {
      const [created] = await vaultOf(a).readStream(`donation-${donationId}`);
      return (created?.data as { donor?: { erased?: boolean } } | undefined)?.donor?.erased === true;
    };
    await eventually(erasedOnA, 3_000);
    await eventually(async () => !(await exportOf(a)).includes(sofie.name), 3_000);
    expect(await exportOf(b)).not.toContain(sofie.name);
    await a.http
      .get('/api/donors/access')
      .query({ email: sofie.email })
      .set(await a.adminAuth())
      .expect(404);
    await a.http
      .post('/api/donors/erase')
      .set(await a.adminAuth())
      .send({ email: sofie.email })
      .expect(404);
    // the key stream is deleted for good: it cannot be written again, and a scavenge leaves only the tombstone
    server.scavenge();
    expect(
      server
        .storedEvents()
        .filter((e) => e.streamId === `rw-person-key-${donorId}`)
        .map((e) => e.type),
    ).toEqual(['$streamDeleted']);
    expect(await erasedOnA()).toBe(true);
  });

  it('rebuilds an instance’s read models from EventStoreDB: the donor still named, the erased one not', async () => {
    await a.stop();
    const report = await rebuildProjections(loadConfig({ DATA_DIR: a.dataDir, ...env() }));
    expect(report).toBeDefined();
    a = await startPlatform(env(), a.dataDir);
    const ledger = await exportOf(a);
    expect(ledger).toContain(jan.name);
    expect(ledger).not.toContain(sofie.name);
    await a.http.get('/health/ready').expect(200);
  });

  it('answers liveness and readiness apart: ready only while the store answers', async () => {
    await a.http.get('/health/live').expect(200);
    expect((await a.http.get('/health/ready').expect(200)).body).toEqual({ status: 'ready' });
    await server.stop();
    const notReady = await a.http.get('/health/ready').expect(503);
    expect(notReady.body).toMatchObject({ status: 'not ready', reason: expect.stringMatching(/event store/) });
    expect((await a.http.get('/health/live').expect(200)).body.status).toBe('alive');
  });
});

import { createEdition } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

describe('teams and walkers (register a team, join it, read the pages)', () => {
  let platform: TestPlatform;
  let editionId: string;
  let freeRouteId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const created = await createEdition(platform, [
      { name: 'Official route', distanceKm: 40, kind: 'official', registrationFeeCents: 1000 },
      { name: 'Own route', distanceKm: 20, kind: 'own' },
    ]);
    editionId = created.id;
    freeRouteId = created.routes[1].id;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;
  };
  const stats = async () => (await platform.http.get(`/api/editions/${editionId}/stats`).expect(200)).body;

  function registerTeam(name: string, captainEmail: string, routeId = freeRouteId) {
    return platform.http
      .post(`/api/editions/${editionId}/teams`)
      .send({ name, routeId, targetCents: 1000_00, captain: { name: 'Fatima El Amrani', email: captainEmail } });
  }

  it('registers a team whose captain becomes its first walker, and counts both in the edition', async () => {
    const response = await registerTeam('De Stappers', 'fatima@example.be').expect(201);
    expect(response.body).toEqual({
      id: expect.any(String),
      slug: 'de-stappers',
      captainWalkerId: expect.any(String),
      joinCode: expect.stringMatching(/^[A-HJ-KM-NP-Z2-9]{8}$/),
    });
    const team = await platform.http.get(`/api/teams/${response.body.id}`).expect(200);
    expect(team.body).toEqual({
      id: response.body.id,
      slug: 'de-stappers',
      name: 'De Stappers',
      routeId: freeRouteId,
      targetCents: 1000_00,
      raisedCents: 0,
      donorCount: 0,
      walkers: [{ id: response.body.captainWalkerId, name: 'Fatima El Amrani', raisedCents: 0 }],
    });
    const captain = await platform.http.get(`/api/walkers/${response.body.captainWalkerId}`).expect(200);
    expect(captain.body).toEqual({
      id: response.body.captainWalkerId,
      slug: 'fatima-el-amrani',
      name: 'Fatima El Amrani',
      teamId: response.body.id,
      targetCents: 100_00,
      raisedCents: 0,
      donorCount: 0,
      story: '',
      status: 'active',
      supporters: [],
    });
    expect(await stats()).toMatchObject({ teams: 1, walkers: 1 });
  });

  it('lets a walker join with the join code, with a story and a target of their own', async () => {
    const team = (await registerTeam('Stapvoets', 'captain2@example.be').expect(201)).body;
    const joined = await platform.http
      .post(`/api/teams/${team.id}/walkers`)
      .send({
        name: 'Jan Peeters',
        email: 'jan@example.be',
        joinCode: team.joinCode,
        targetCents: 150_00,
        story: 'Ik stap mee.',
      })
      .expect(201);
    expect(joined.body).toEqual({ id: expect.any(String), slug: 'jan-peeters' });
    const walker = await platform.http.get(`/api/walkers/${joined.body.id}`).expect(200);
    expect(walker.body).toMatchObject({ teamId: team.id, targetCents: 150_00, story: 'Ik stap mee.' });
    const page = await platform.http.get(`/api/teams/${team.id}`).expect(200);
    expect(page.body.walkers.map((w: { name: string }) => w.name)).toEqual(['Fatima El Amrani', 'Jan Peeters']);
  });

  it('gives a second team of the same name in another edition the next free page address', async () => {
    const auth = await platform.adminAuth();
    const other = await platform.http
      .post('/api/editions')
      .set(auth)
      .send({ name: 'Walk 2027', date: '2027-09-26', routes: [{ name: 'Own', distanceKm: 10, kind: 'own' }] })
      .expect(201);
    const response = await platform.http
      .post(`/api/editions/${other.body.id}/teams`)
      .send({
        name: 'De Stappers',
        routeId: other.body.routes[0].id,
        targetCents: 0,
        captain: { name: 'Fatima El Amrani', email: 'fatima@example.be' },
      })
      .expect(201);
    expect(response.body.slug).toBe('de-stappers-2');
  });

  describe('rejections change nothing', () => {
    let team: { id: string; joinCode: string };
    beforeAll(async () => {
      team = (await registerTeam('Wandelaars', 'captain3@example.be').expect(201)).body;
    });

    async function expectNothingWritten(
      request: () => Promise<{ status: number; body: { message: string } }>,
      status: number,
      message: RegExp,
    ) {
      const [head, before] = [await headOfStore(), await stats()];
      const response = await request();
      expect(response.status).toBe(status);
      expect(response.body.message).toMatch(message);
      expect(await headOfStore()).toBe(head);
      expect(await stats()).toEqual(before);
    }

    it('refuses a team name already used in the edition, whatever its case (409)', async () => {
      await expectNothingWritten(
        () => registerTeam('  de STAPPERS ', 'someone@example.be'),
        409,
        /already walks in this edition/,
      );
    });

    it('refuses an e-mail address that already walks in the edition (409)', async () => {
      await expectNothingWritten(
        () => registerTeam('Brand New Team', 'FATIMA@example.be'),
        409,
        /e-mail address already walks/,
      );
      await expectNothingWritten(
        () =>
          platform.http
            .post(`/api/teams/${team.id}/walkers`)
            .send({ name: 'Copy', email: 'jan@example.be', joinCode: team.joinCode }),
        409,
        /e-mail address already walks/,
      );
    });

    it('refuses to let anyone join a full team (409)', async () => {
      const small = await platform.http
        .post(`/api/editions/${editionId}/teams`)
        .send({
          name: 'Duo',
          routeId: freeRouteId,
          targetCents: 0,
          maxWalkers: 2,
          captain: { name: 'Een', email: 'een@example.be' },
        })
        .expect(201);
      await platform.http
        .post(`/api/teams/${small.body.id}/walkers`)
        .send({ name: 'Twee', email: 'twee@example.be', joinCode: small.body.joinCode })
        .expect(201);
      await expectNothingWritten(
        () =>
          platform.http
            .post(`/api/teams/${small.body.id}/walkers`)
            .send({ name: 'Drie', email: 'drie@example.be', joinCode: small.body.joinCode }),
        409,
        /is full \(2 walkers\)/,
      );
    });

    it('refuses a wrong join code (403)', async () => {
      await expectNothingWritten(
        () =>
          platform.http
            .post(`/api/teams/${team.id}/walkers`)
            .send({ name: 'Guest', email: 'guest@example.be', joinCode: 'WRONG123' }),
        403,
        /invitation link/,
      );
    });

    it('refuses a walker target below the edition minimum of 100.00 EUR (400)', async () => {
      await expectNothingWritten(
        () =>
          platform.http
            .post(`/api/teams/${team.id}/walkers`)
            .send({ name: 'Low', email: 'low@example.be', joinCode: team.joinCode, targetCents: 50_00 }),
        400,
        /at least 100.00 EUR/,
      );
    });

    it('answers 404 for an unknown edition or team, and 400 for a route of another edition', async () => {
      await expectNothingWritten(
        () =>
          platform.http
            .post('/api/editions/nope/teams')
            .send({ name: 'X', routeId: freeRouteId, targetCents: 0, captain: { name: 'A', email: 'a@example.be' } }),
        404,
        /no edition nope/,
      );
      await expectNothingWritten(
        () =>
          platform.http
            .post('/api/teams/nope/walkers')
            .send({ name: 'A', email: 'a@example.be', joinCode: 'ABCDEFGH' }),
        404,
        /no team nope/,
      );
      await expectNothingWritten(
        () => registerTeam('Routeless', 'r@example.be', 'not-a-route'),
        400,
        /not a route of this edition/,
      );
      await platform.http.get('/api/teams/nope').expect(404);
      await platform.http.get('/api/walkers/nope').expect(404);
    });

    it('answers 400 for unknown fields and bad values', async () => {
      await expectNothingWritten(
        () =>
          platform.http.post(`/api/editions/${editionId}/teams`).send({
            name: 'T',
            routeId: freeRouteId,
            targetCents: 10.5,
            captain: { name: 'A', email: 'a@example.be' },
          }),
        400,
        /whole number of cents/,
      );
      await expectNothingWritten(
        () =>
          platform.http
            .post(`/api/editions/${editionId}/teams`)
            .send({ name: 'T', routeId: freeRouteId, targetCents: 0, captain: { name: 'A', email: 'not-an-address' } }),
        400,
        /e-mail address/,
      );
      await expectNothingWritten(
        () =>
          platform.http
            .post(`/api/teams/${team.id}/walkers`)
            .send({ name: 'A', email: 'a2@example.be', joinCode: team.joinCode, isAdmin: true }),
        400,
        /isAdmin should not exist/,
      );
    });
  });

  describe('recording the distance walked (organiser)', () => {
    let walkerId: string;
    beforeAll(async () => {
      walkerId = (await registerTeam('Kilometervreters', 'km@example.be').expect(201)).body.captainWalkerId;
    });

    it('records and corrects a walker’s distance', async () => {
      const auth = await platform.adminAuth();
      const first = await platform.http
        .post(`/api/walkers/${walkerId}/distance`)
        .set(auth)
        .send({ km: 38.5 })
        .expect(200);
      expect(first.body).toEqual({ walkerId, km: 38.5 });
      const head = await headOfStore();
      await platform.http.post(`/api/walkers/${walkerId}/distance`).set(auth).send({ km: 38.5 }).expect(200);
      expect(await headOfStore()).toBe(head);
      const corrected = await platform.http
        .post(`/api/walkers/${walkerId}/distance`)
        .set(auth)
        .send({ km: 40 })
        .expect(200);
      expect(corrected.body).toEqual({ walkerId, km: 40 });
    });

    it('refuses without a token, for an unknown walker and for an impossible distance, writing nothing', async () => {
      const auth = await platform.adminAuth();
      const head = await headOfStore();
      await platform.http.post(`/api/walkers/${walkerId}/distance`).send({ km: 12 }).expect(401);
      const unknown = await platform.http.post('/api/walkers/nope/distance').set(auth).send({ km: 12 }).expect(404);
      expect(unknown.body.message).toMatch(/no walker nope/);
      const negative = await platform.http
        .post(`/api/walkers/${walkerId}/distance`)
        .set(auth)
        .send({ km: -3 })
        .expect(400);
      expect(negative.body.message).toMatch(/km must be 0 or more/);
      await platform.http.post(`/api/walkers/${walkerId}/distance`).set(auth).send({ km: '12' }).expect(400);
      expect(await headOfStore()).toBe(head);
    });
  });
});

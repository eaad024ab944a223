import { startPlatform, type TestPlatform } from '../support/platform';
import { WALK_DAY } from '../support/fixtures';

describe('leaderboards', () => {
  let platform: TestPlatform;
  let editionId: string;
  let ownRouteId: string;
  const teams: Record<string, { id: string; captainWalkerId: string }> = {};

  beforeAll(async () => {
    platform = await startPlatform();
    const auth = await platform.adminAuth();
    const edition = await platform.http
      .post('/api/editions')
      .set(auth)
      .send({
        name: 'Walk',
        date: WALK_DAY,
        routes: [
          { name: 'Official', distanceKm: 40, kind: 'official' },
          { name: 'Own', distanceKm: 20, kind: 'own' },
        ],
      })
      .expect(201);
    editionId = edition.body.id;
    ownRouteId = edition.body.routes[1].id;
    const plan: [string, number, string][] = [
      ['Alfa', 0, edition.body.routes[0].id],
      ['Bravo', 1, edition.body.routes[0].id],
      ['Charlie', 2, ownRouteId],
      ['Delta', 3, edition.body.routes[0].id],
    ];
    for (const [name, n, routeId] of plan) {
      const team = await platform.http
        .post(`/api/editions/${editionId}/teams`)
        .send({ name, routeId, targetCents: 0, captain: { name: `Captain ${name}`, email: `c${n}@example.be` } })
        .expect(201);
      teams[name] = team.body;
    }
    // Bravo 50.00 and Charlie 50.00 (a tie), Delta 20.00 from two donors, Alfa nothing
    const gifts: [string, number, string][] = [
      ['Bravo', 50_00, 'x@example.be'],
      ['Charlie', 30_00, 'y@example.be'],
      ['Charlie', 20_00, 'y@example.be'],
      ['Delta', 10_00, 'x@example.be'],
      ['Delta', 10_00, 'z@example.be'],
    ];
    for (const [name, amountCents, email] of gifts) {
      const created = await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: teams[name].captainWalkerId },
          amountCents,
          frequency: 'one_off',
          donor: { name: 'Donor', email },
        })
        .expect(201);
      await platform.http
        .post(`/api/sandbox/donations/${created.body.id}/settle`)
        .send({ outcome: 'paid' })
        .expect(200);
    }
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('ranks teams by raised amount, ties sharing a rank', async () => {
    const board = await platform.http.get(`/api/editions/${editionId}/leaderboard`).expect(200);
    expect(board.body).toEqual({
      entries: [
        { rank: 1, id: teams.Bravo.id, name: 'Bravo', raisedCents: 50_00, donorCount: 1 },
        { rank: 1, id: teams.Charlie.id, name: 'Charlie', raisedCents: 50_00, donorCount: 1 },
        { rank: 3, id: teams.Delta.id, name: 'Delta', raisedCents: 20_00, donorCount: 2 },
        { rank: 4, id: teams.Alfa.id, name: 'Alfa', raisedCents: 0, donorCount: 0 },
      ],
    });
  });

  it('ranks walkers, limits the list and filters by route', async () => {
    const walkers = await platform.http.get(`/api/editions/${editionId}/leaderboard?kind=walkers&limit=2`).expect(200);
    expect(walkers.body.entries).toEqual([
      { rank: 1, id: teams.Bravo.captainWalkerId, name: 'Captain Bravo', raisedCents: 50_00, donorCount: 1 },
      { rank: 1, id: teams.Charlie.captainWalkerId, name: 'Captain Charlie', raisedCents: 50_00, donorCount: 1 },
    ]);
    const own = await platform.http
      .get(`/api/editions/${editionId}/leaderboard?kind=teams&routeId=${ownRouteId}`)
      .expect(200);
    expect(own.body.entries.map((e: { name: string }) => e.name)).toEqual(['Charlie']);
  });

  it('answers 400 for a bad kind or limit and 404 for an unknown edition', async () => {
    const kind = await platform.http.get(`/api/editions/${editionId}/leaderboard?kind=donors`).expect(400);
    expect(kind.body.message).toMatch(/teams or walkers/);
    await platform.http.get(`/api/editions/${editionId}/leaderboard?limit=0`).expect(400);
    await platform.http.get(`/api/editions/${editionId}/leaderboard?limit=abc`).expect(400);
    await platform.http.get(`/api/editions/${editionId}/leaderboard?colour=red`).expect(400);
    await platform.http.get('/api/editions/nope/leaderboard').expect(404);
  });
});

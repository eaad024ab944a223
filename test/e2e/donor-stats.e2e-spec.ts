import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

describe('donor statistics of a year', () => {
  let platform: TestPlatform;
  let now = '2026-03-10T10:00:00.000Z';
  let walkerId: string;

  beforeAll(async () => {
    platform = await startPlatform({}, undefined, { clock: () => new Date(now) });
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    walkerId = team.captainWalkerId;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const statistics = async (year: number) =>
    (
      await platform.http
        .get(`/api/stats/donors?year=${year}`)
        .set(await platform.adminAuth())
        .expect(200)
    ).body;
  const give = async (amountCents: number, email: string, frequency: 'one_off' | 'monthly', outcome = 'paid') => {
    const created = await platform.http
      .post('/api/donations')
      .send({ beneficiary: { type: 'walker', id: walkerId }, amountCents, frequency, donor: { name: 'G', email } })
      .expect(201);
    await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome }).expect(200);
    return created.body.id as string;
  };
  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;
  };

  it('moves when a sandbox gift is settled: one-off gifts, monthly first payments and charges, per year', async () => {
    const empty = { donors: 0, gifts: 0, averageGiftCents: 0 };
    expect(await statistics(2026)).toEqual({ year: 2026, oneOff: empty, monthly: empty });

    await give(25_00, 'a@example.be', 'one_off');
    await give(10_01, 'a@example.be', 'one_off');
    await give(99_00, 'failed@example.be', 'one_off', 'failed');
    expect((await statistics(2026)).oneOff).toEqual({ donors: 1, gifts: 2, averageGiftCents: 17_51 }); // 35.01 / 2 = 17.505 → 17.51

    const monthly = await give(12_00, 'm@example.be', 'monthly');
    now = '2026-04-10T10:00:00.000Z';
    await platform.http.post(`/api/sandbox/donations/${monthly}/charge`).expect(200);
    now = '2027-01-10T10:00:00.000Z';
    await platform.http.post(`/api/sandbox/donations/${monthly}/charge`).expect(200);
    expect(await statistics(2026)).toEqual({
      year: 2026,
      oneOff: { donors: 1, gifts: 2, averageGiftCents: 17_51 },
      monthly: { donors: 1, gifts: 2, averageGiftCents: 12_00 },
    });
    expect((await statistics(2027)).monthly).toEqual({ donors: 1, gifts: 1, averageGiftCents: 12_00 });
  });

  it.each([
    ['a year before 2000', 'year=1999', /between 2000 and 2100/],
    ['a year after 2100', 'year=2101', /between 2000 and 2100/],
    ['a year that is not a number', 'year=twenty', /year must be/],
    ['no year', '', /year must be/],
    ['an unknown parameter', 'year=2026&edition=x', /should not exist/],
  ])('answers 400 for %s, writing nothing', async (_case, query, message) => {
    const head = await headOfStore();
    const response = await platform.http
      .get(`/api/stats/donors?${query}`)
      .set(await platform.adminAuth())
      .expect(400);
    expect(response.body.message).toMatch(message);
    expect(await headOfStore()).toBe(head);
  });

  it('is for organisers and finance only', async () => {
    await platform.http.get('/api/stats/donors?year=2026').expect(401);
  });
});

import type { TestPlatform } from './platform';

/** What the public read side says a walker, their team and the edition have raised, and where they rank. */
export async function totalsOf(platform: TestPlatform, ids: { editionId: string; teamId: string; walkerId: string }) {
  const { http } = platform;
  const walker = (await http.get(`/api/walkers/${ids.walkerId}`).expect(200)).body;
  const team = (await http.get(`/api/teams/${ids.teamId}`).expect(200)).body;
  const stats = (await http.get(`/api/editions/${ids.editionId}/stats`).expect(200)).body;
  const teams = (await http.get(`/api/editions/${ids.editionId}/leaderboard`).expect(200)).body.entries as {
    id: string;
    raisedCents: number;
  }[];
  const walkers = (await http.get(`/api/editions/${ids.editionId}/leaderboard?kind=walkers`).expect(200)).body
    .entries as { id: string; raisedCents: number }[];
  return {
    walker: walker.raisedCents as number,
    team: team.raisedCents as number,
    edition: stats.raisedCents as number,
    teamOnBoard: teams.find((entry) => entry.id === ids.teamId)?.raisedCents,
    walkerOnBoard: walkers.find((entry) => entry.id === ids.walkerId)?.raisedCents,
  };
}

/** Every total moved by the same amount. */
export function movedBy(before: Awaited<ReturnType<typeof totalsOf>>, cents: number) {
  return {
    walker: before.walker + cents,
    team: before.team + cents,
    edition: before.edition + cents,
    teamOnBoard: (before.teamOnBoard ?? 0) + cents,
    walkerOnBoard: (before.walkerOnBoard ?? 0) + cents,
  };
}

/** The event store's head position, from `/health`. */
export async function headOfStore(platform: TestPlatform): Promise<number> {
  await platform.effectsDone();
  return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition;
}

/** The donor statistics of a year (`GET /api/stats/donors`), as finance sees them. */
export async function donorStatsOf(platform: TestPlatform, year: number) {
  const response = await platform.http
    .get(`/api/stats/donors?year=${year}`)
    .set(await platform.adminAuth())
    .expect(200);
  return response.body as {
    oneOff: { donors: number; gifts: number; averageGiftCents: number };
    monthly: { donors: number; gifts: number; averageGiftCents: number };
  };
}

import type { TestPlatform } from './platform';

export interface RouteInput {
  name: string;
  distanceKm: number;
  kind: 'official' | 'own';
  registrationFeeCents?: number;
}

/**
 * A walk day ahead of today, whatever day the tests run: registration closes after the walk, so an edition whose
 * day has passed takes no more teams (tests of that rule make their own edition in the past).
 */
export const WALK_DAY = `${new Date().getUTCFullYear() + 1}-09-26`;

/** An edition made by the first admin; one free own route unless routes are given. */
export async function createEdition(
  platform: TestPlatform,
  routes: RouteInput[] = [{ name: 'Own route', distanceKm: 20, kind: 'own' }],
): Promise<{ id: string; routes: { id: string; name: string }[] }> {
  const response = await platform.http
    .post('/api/editions')
    .set(await platform.adminAuth())
    .send({ name: 'Refugee Walk 2026', date: WALK_DAY, routes })
    .expect(201);
  return response.body;
}

export interface RegisteredTeam {
  id: string;
  slug: string;
  captainWalkerId: string;
  joinCode: string;
  feeCheckoutUrl?: string;
}

/** A team registered through the public API, its captain given by name and address. */
export async function registerTeam(
  platform: TestPlatform,
  editionId: string,
  routeId: string,
  name: string,
  captain: { name: string; email: string },
): Promise<RegisteredTeam> {
  const response = await platform.http
    .post(`/api/editions/${editionId}/teams`)
    .send({ name, routeId, targetCents: 0, captain })
    .expect(201);
  return response.body;
}

/** A walker who joins with the team's code; answers the walker's id. */
export async function joinTeam(platform: TestPlatform, team: RegisteredTeam, walker: { name: string; email: string }) {
  const response = await platform.http
    .post(`/api/teams/${team.id}/walkers`)
    .send({ ...walker, joinCode: team.joinCode })
    .expect(201);
  return response.body.id as string;
}

/** A one-off gift to a walker, paid through the sandbox checkout; answers the donation's id. */
export async function giveAndSettle(
  platform: TestPlatform,
  walkerId: string,
  amountCents: number,
  donor: { name: string; email: string },
  anonymous = false,
): Promise<string> {
  const donation = await platform.http
    .post('/api/donations')
    .send({ beneficiary: { type: 'walker', id: walkerId }, amountCents, frequency: 'one_off', donor, anonymous })
    .expect(201);
  await platform.http.post(`/api/sandbox/donations/${donation.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
  return donation.body.id as string;
}

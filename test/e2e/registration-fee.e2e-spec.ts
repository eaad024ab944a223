import request from 'supertest';
import { createEdition } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

describe('registration fees (paid through the payment port, or waived; never a gift)', () => {
  let platform: TestPlatform;
  let editionId: string;
  let feeRouteId: string;
  let freeRouteId: string;

  beforeAll(async () => {
    platform = await startPlatform();
    const edition = await createEdition(platform, [
      { name: 'Official', distanceKm: 40, kind: 'official', registrationFeeCents: 10_00 },
      { name: 'Own', distanceKm: 20, kind: 'own' },
    ]);
    editionId = edition.id;
    feeRouteId = edition.routes[0].id;
    freeRouteId = edition.routes[1].id;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const register = (name: string, email: string, routeId: string) =>
    platform.http
      .post(`/api/editions/${editionId}/teams`)
      .send({ name, routeId, targetCents: 0, captain: { name: `Captain ${name}`, email } })
      .expect(201);
  const walker = async (id: string) => (await platform.http.get(`/api/walkers/${id}`).expect(200)).body;
  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health')).body.eventStore.headPosition;
  };

  it('gives a captain on a route with a fee a fee checkout, and keeps them pending until it is paid', async () => {
    const team = (await register('Betalers', 'betaler@example.be', feeRouteId)).body;
    expect(team.feeCheckoutUrl).toBe(`http://localhost:3000/sandbox/checkout/fee-${team.captainWalkerId}`);
    expect((await walker(team.captainWalkerId)).status).toBe('pending_fee');

    const path = new URL(team.feeCheckoutUrl).pathname;
    // a browser: the page sets the form token's cookie, the form sends the token back
    const browser = request.agent(platform.app.getHttpServer());
    const checkout = await browser.get(path).expect(200);
    expect(checkout.text).toContain('€\u00a010,00');
    const formToken = /name="_csrf" value="([^"]+)"/.exec(checkout.text)?.[1];
    const paid = await browser.post(path).type('form').send({ _csrf: formToken, outcome: 'paid' }).expect(303);
    const result = await platform.http.get(paid.headers.location).expect(200);
    expect(result.text).toContain('je inschrijvingsgeld is betaald');
    expect((await walker(team.captainWalkerId)).status).toBe('active');

    // a fee is not a gift: nothing raised, no supporter
    const stats = await platform.http.get(`/api/editions/${editionId}/stats`).expect(200);
    expect(stats.body).toMatchObject({ raisedCents: 0, supporters: 0 });
  });

  it('settles a fee once through the sandbox API, and leaves it owed when the payment fails', async () => {
    const team = (await register('Tweede', 'tweede@example.be', feeRouteId)).body;
    const failed = await platform.http
      .post(`/api/sandbox/registration-fees/${team.captainWalkerId}/settle`)
      .send({ outcome: 'failed' })
      .expect(200);
    expect(failed.body).toEqual({ walkerId: team.captainWalkerId, fee: 'pending_fee' });
    await platform.http
      .post(`/api/sandbox/registration-fees/${team.captainWalkerId}/settle`)
      .send({ outcome: 'paid' })
      .expect(200);
    const head = await headOfStore();
    const again = await platform.http
      .post(`/api/sandbox/registration-fees/${team.captainWalkerId}/settle`)
      .send({ outcome: 'paid' })
      .expect(200);
    expect(again.body.fee).toBe('paid');
    expect(await headOfStore()).toBe(head);
  });

  it('lets an organiser waive the fee of a walker who joined (refugees walk free)', async () => {
    const team = (await register('Welkom', 'welkom@example.be', feeRouteId)).body;
    const joined = await platform.http
      .post(`/api/teams/${team.id}/walkers`)
      .send({ name: 'Amal', email: 'amal@example.be', joinCode: team.joinCode })
      .expect(201);
    expect(joined.body.feeCheckoutUrl).toBe(`http://localhost:3000/sandbox/checkout/fee-${joined.body.id}`);
    const head = await headOfStore();
    await platform.http.post(`/api/walkers/${joined.body.id}/fee-waiver`).send({ reason: 'refugee' }).expect(401);
    const auth = await platform.adminAuth();
    const empty = await platform.http
      .post(`/api/walkers/${joined.body.id}/fee-waiver`)
      .set(auth)
      .send({ reason: '' })
      .expect(400);
    expect(empty.body.message).toMatch(/say why/);
    const blank = await platform.http
      .post(`/api/walkers/${joined.body.id}/fee-waiver`)
      .set(auth)
      .send({ reason: ' \t ' })
      .expect(400);
    expect(blank.body.message).toBe('say why the fee is waived (for example: refugee)');
    expect(await headOfStore()).toBe(head);
    const waived = await platform.http
      .post(`/api/walkers/${joined.body.id}/fee-waiver`)
      .set(auth)
      .send({ reason: 'refugee' })
      .expect(200);
    expect(waived.body).toEqual({ walkerId: joined.body.id, fee: 'waived' });
    expect((await walker(joined.body.id)).status).toBe('active');
  });

  it('asks no fee on a free route', async () => {
    const team = (await register('Gratis', 'gratis@example.be', freeRouteId)).body;
    expect(team.feeCheckoutUrl).toBeUndefined();
    expect((await walker(team.captainWalkerId)).status).toBe('active');
  });
});

import { brusselsDay } from '@rw/kernel';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { createEdition, giveAndSettle, joinTeam, type RegisteredTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore } from '../support/totals';

/** The form token of a page, read as a browser would. */
async function formToken(agent: TestAgent, path: string, status = 200): Promise<string> {
  const page = await agent.get(path).expect(status);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`no form token on ${path}`);
  return token;
}

/** A paid one-off gift to the team itself (not to one of its walkers). */
async function giveToTeam(platform: TestPlatform, teamId: string, amountCents: number, name: string) {
  const donation = await platform.http
    .post('/api/donations')
    .send({
      beneficiary: { type: 'team', id: teamId },
      amountCents,
      frequency: 'one_off',
      donor: { name, email: `${name.toLowerCase().replace(/\W/g, '')}@example.org` },
    })
    .expect(201);
  await platform.http.post(`/api/sandbox/donations/${donation.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
  return donation.body.id as string;
}

describe('the team page keeps its promise (issue 16)', () => {
  let platform: TestPlatform;
  let editionId: string;
  let routeId: string;
  let team: RegisteredTeam;
  let annaId: string;
  let bramId: string;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'http://localhost:3000', PUBLIC_POSTS_PER_MINUTE: '1000' });
    const edition = await createEdition(platform);
    editionId = edition.id;
    routeId = edition.routes[0].id;
    team = await registerTeam(platform, editionId, routeId, 'De Zon', { name: 'Zoë Captain', email: 'c@example.org' });
    annaId = await joinTeam(platform, team, { name: 'Anna', email: 'anna@example.org' });
    bramId = await joinTeam(platform, team, { name: 'Bram', email: 'bram@example.org' });
    // the captain tells the team's story on their own page
    const token = platform.app.get(PrivateLinks).token('edit-walker', team.captainWalkerId);
    const client = request.agent(platform.app.getHttpServer());
    const csrf = await formToken(client, `/walkers/${team.captainWalkerId}/edit?token=${token}`);
    await client
      .post(`/walkers/${team.captainWalkerId}/edit?token=${token}`)
      .type('form')
      .send({ _csrf: csrf, story: 'We stappen samen voor een warm onthaal.', target: '100' })
      .expect(303);
    await giveAndSettle(platform, bramId, 40_00, { name: 'Oma', email: 'oma@example.org' });
    await giveAndSettle(platform, annaId, 10_00, { name: 'Opa', email: 'opa@example.org' });
    // 52 gifts to the team itself: the wall shows 50 and says how many more
    for (let i = 1; i <= 52; i++) await giveToTeam(platform, team.id, 5_00 + i, `Buur ${i}`);
    await platform.effectsDone();
  }, 120_000);

  afterAll(() => platform.dispose());

  const agent = () => request.agent(platform.app.getHttpServer());

  it('shows the story, the captain marked, the walkers by raised and the wall of gifts to the team', async () => {
    const page = await agent().get(`/teams/${team.id}?lang=fr`).expect(200);
    expect(page.text).toContain(
      '<h2>Notre histoire</h2><p class="story" dir="auto">We stappen samen voor een warm onthaal.</p>',
    );
    const order = [bramId, annaId, team.captainWalkerId].map((id) => page.text.indexOf(`data-walker="${id}"`));
    expect(order.every((at) => at > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(page.text).toContain(
      `<a href="/walkers/${team.captainWalkerId}" dir="auto">Zoë Captain</a> <span class="badge" data-captain>capitaine</span>`,
    );
    expect(page.text.match(/data-captain/g)).toHaveLength(1);
    // the newest gift to the team first; gifts to walkers are not on the team's wall
    expect(page.text).toContain('<h2>Donateurs·rices de l’équipe</h2>');
    expect(page.text).toContain('<span class="who" dir="auto">Buur 52</span>');
    expect(page.text).not.toContain('<span class="who" dir="auto">Oma</span>');
    expect(page.text.match(/<span class="who"/g)).toHaveLength(50);
    expect(page.text).toContain('<p class="wall-more" data-more="2">et 2 autres dons</p>');
    expect(page.text).toContain('Donner à l’équipe De Zon');
  });

  it('offers "join this team" only to whoever opened the page with the team’s code', async () => {
    const withCode = await agent()
      .get(`/teams/${team.id}?code=${encodeURIComponent(team.joinCode)}`)
      .expect(200);
    expect(withCode.text).toContain(
      `<a class="button" href="/teams/${team.id}/join?code=${encodeURIComponent(team.joinCode)}" id="join-team">Stap mee in dit team</a>`,
    );
    for (const query of ['', '?code=wrong', '?code=', `?code[]=${team.joinCode}`]) {
      const page = await agent().get(`/teams/${team.id}${query}`).expect(200);
      expect(page.text).not.toContain('id="join-team"');
      // the code is never told to whoever did not bring it (an odd query is only echoed in the language links)
      if (!query.includes(team.joinCode)) expect(page.text).not.toContain(team.joinCode);
    }
  });

  it('puts the invitation link on the captain’s private page, and on no other walker’s', async () => {
    const links = platform.app.get(PrivateLinks);
    const captain = await agent()
      .get(`/walkers/${team.captainWalkerId}/edit?token=${links.token('edit-walker', team.captainWalkerId)}`)
      .expect(200);
    expect(captain.text).toContain(
      `value="http://localhost:3000/teams/${team.id}/join?code=${encodeURIComponent(team.joinCode)}"`,
    );
    const member = await agent()
      .get(`/walkers/${annaId}/edit?token=${links.token('edit-walker', annaId)}`)
      .expect(200);
    expect(member.text).not.toContain(team.joinCode);
    expect(member.text).not.toContain('id="invite-url"');
  });

  it('names the team or the walker a gift is for on the sandbox checkout', async () => {
    const toTeam = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'team', id: team.id },
        amountCents: 25_00,
        frequency: 'one_off',
        donor: { name: 'Els', email: 'els@example.org' },
      })
      .expect(201);
    const teamCheckout = await agent().get(`/sandbox/checkout/${toTeam.body.id}?lang=fr`).expect(200);
    expect(teamCheckout.text).toContain('<h1 dir="auto">Don à l’équipe De Zon</h1>');
    const toWalker = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: annaId },
        amountCents: 25_00,
        frequency: 'one_off',
        donor: { name: 'Els', email: 'els@example.org' },
      })
      .expect(201);
    const walkerCheckout = await agent().get(`/sandbox/checkout/${toWalker.body.id}`).expect(200);
    expect(walkerCheckout.text).toContain('<h1 dir="auto">Gift aan Anna</h1>');
  });

  describe('targets have a sane upper bound, and a team target is not below the walker minimum', () => {
    it('refuses through the API a target above EUR 1,000,000 and a team target below the minimum, writing nothing', async () => {
      const before = await headOfStore(platform);
      const tooHigh = await platform.http
        .post(`/api/editions/${editionId}/teams`)
        .send({ name: 'Te Hoog', routeId, targetCents: 100_000_001, captain: { name: 'X', email: 'x1@example.org' } })
        .expect(400);
      expect(JSON.stringify(tooHigh.body.message)).toContain('targetCents must be at most 100000000 (EUR 1,000,000)');
      const tooLow = await platform.http
        .post(`/api/editions/${editionId}/teams`)
        .send({ name: 'Te Laag', routeId, targetCents: 50_00, captain: { name: 'X', email: 'x2@example.org' } })
        .expect(400);
      expect(tooLow.body.message).toBe('a team target is at least what each walker commits to raise, 100.00 EUR');
      const walkerTooHigh = await platform.http
        .post(`/api/teams/${team.id}/walkers`)
        .send({ name: 'Y', email: 'y@example.org', joinCode: team.joinCode, targetCents: 100_000_001 })
        .expect(400);
      expect(JSON.stringify(walkerTooHigh.body.message)).toContain('at most 100000000');
      await platform.effectsDone();
      expect(await headOfStore(platform)).toBe(before);
      // the bound itself is a target one may set
      await platform.http
        .post(`/api/editions/${editionId}/teams`)
        .send({ name: 'Miljoen', routeId, targetCents: 100_000_000, captain: { name: 'M', email: 'm@example.org' } })
        .expect(201);
    });

    it('says it on a walker’s own page when the target is above the bound, and saves nothing', async () => {
      const token = platform.app.get(PrivateLinks).token('edit-walker', annaId);
      const client = agent();
      const path = `/walkers/${annaId}/edit?token=${token}`;
      const csrf = await formToken(client, path);
      const before = await headOfStore(platform);
      const refused = await client
        .post(path)
        .type('form')
        .send({ _csrf: csrf, story: 'Nieuw verhaal', target: '1.000.000,01' })
        .expect(400);
      expect(refused.text).toContain(
        '<p class="field-error" id="field-target-error">Een doel is hoogstens €\u00a01.000.000,00.</p>',
      );
      await platform.effectsDone();
      expect(await headOfStore(platform)).toBe(before);
    });

    it('says it on the registration page, under the team target, in the visitor’s language', async () => {
      const client = agent();
      const csrf = await formToken(client, `/editions/${editionId}/register?lang=fr`);
      const before = await headOfStore(platform);
      const base = { _csrf: csrf, routeId, name: 'Ines', email: 'ines@example.org' };
      const tooHigh = await client
        .post(`/editions/${editionId}/register`)
        .type('form')
        .send({ ...base, teamName: 'Haut', teamTarget: '2000000' })
        .expect(400);
      expect(tooHigh.text).toContain('Un objectif ne peut pas dépasser 1\u202f000\u202f000,00\u00a0€.');
      const tooLow = await client
        .post(`/editions/${editionId}/register`)
        .type('form')
        .send({ ...base, teamName: 'Bas', teamTarget: '50' })
        .expect(400);
      expect(tooLow.text).toContain(
        'L’objectif d’une équipe est d’au moins 100,00\u00a0€, ce que chaque marcheur·euse s’engage à récolter (ou laissez-le vide).',
      );
      expect(tooLow.text).toContain(
        '<p class="field-error" id="field-teamTarget-error">L’objectif d’une équipe est d’au moins',
      );
      await platform.effectsDone();
      expect(await headOfStore(platform)).toBe(before);
    });
  });
});

describe('after the walk the pages stop inviting to register and show the results (issue 16)', () => {
  let platform: TestPlatform;
  let editionId: string;
  let routeId: string;
  let team: RegisteredTeam;
  const day = 86_400_000;
  // the platform's clock: a week before the walk while the team registers, then the days after it
  let now = Date.now() - 10 * day;
  const walkedOn = brusselsDay(new Date(Date.now() - 3 * day));

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'http://localhost:3000' }, undefined, {
      clock: () => new Date(now),
    });
    const past = await platform.http
      .post('/api/editions')
      .set(await platform.adminAuth())
      .send({ name: 'Walk gone by', date: walkedOn, routes: [{ name: 'Own', distanceKm: 20, kind: 'own' }] })
      .expect(201);
    editionId = past.body.id;
    routeId = past.body.routes[0].id;
    team = await registerTeam(platform, editionId, routeId, 'Vroeg', { name: 'V', email: 'v@example.org' });
    await giveAndSettle(platform, team.captainWalkerId, 12_34, { name: 'Ann', email: 'ann@example.org' });
    now = Date.now();
  });

  afterAll(() => platform.dispose());

  const agent = () => request.agent(platform.app.getHttpServer());

  it('refuses a registration or a join through the API with 409 and a clear message, writing nothing', async () => {
    const before = await headOfStore(platform);
    const refused = await platform.http
      .post(`/api/editions/${editionId}/teams`)
      .send({ name: 'Te Laat', routeId, targetCents: 0, captain: { name: 'L', email: 'l@example.org' } })
      .expect(409);
    expect(refused.body.message).toBe(`registration for edition ${editionId} closed after its walk on ${walkedOn}`);
    const join = await platform.http
      .post(`/api/teams/${team.id}/walkers`)
      .send({ name: 'L', email: 'l2@example.org', joinCode: team.joinCode })
      .expect(409);
    expect(join.body.message).toBe(`registration for edition ${editionId} closed after its walk on ${walkedOn}`);
    await platform.effectsDone();
    expect(await headOfStore(platform)).toBe(before);
  });

  it('shows the results on the edition’s home page, without the register button', async () => {
    const page = await agent().get(`/editions/${editionId}?lang=fr`).expect(200);
    expect(page.text).toContain('est terminée. Ensemble, nous avons récolté 12,34\u00a0€\u202f: merci\u202f!');
    // the best teams stay below it
    expect(page.text).toContain('<h2 id="top-teams">');
    expect(page.text).toContain(`href="/teams/${team.id}"`);
    expect(page.text).not.toContain(`/editions/${editionId}/register`);
    expect(page.text).toContain(`href="/editions/${editionId}/give"`);
  });

  it('answers the register and join pages with "registration closed" in the visitor’s language, a late form with 409', async () => {
    const client = agent();
    const closed = await client.get(`/editions/${editionId}/register?lang=fr`).expect(200);
    expect(closed.text).toContain('<h1>Les inscriptions sont closes</h1>');
    expect(closed.text).toContain(
      'est terminée\u202f: il n’est plus possible de s’inscrire ni de rejoindre une équipe.',
    );
    expect(closed.text).not.toContain('name="teamName"');
    const joinPage = await client.get(`/teams/${team.id}/join?code=${team.joinCode}&lang=en`).expect(200);
    expect(joinPage.text).toContain('<h1>Registration is closed</h1>');
    expect(joinPage.text).not.toContain('name="email"');
    // the team page offers no join link any more, even with the code, nor the captain's page its invitation link
    const teamPage = await client.get(`/teams/${team.id}?code=${team.joinCode}`).expect(200);
    expect(teamPage.text).not.toContain('id="join-team"');
    const captainToken = platform.app.get(PrivateLinks).token('edit-walker', team.captainWalkerId);
    const captainPage = await client.get(`/walkers/${team.captainWalkerId}/edit?token=${captainToken}`).expect(200);
    expect(captainPage.text).not.toContain('id="invite-url"');
    // forms opened before the walk and posted after it
    const csrf = await formToken(client, `/editions/${editionId}/give?lang=nl`);
    const before = await headOfStore(platform);
    const late = await client
      .post(`/editions/${editionId}/register`)
      .type('form')
      .send({ _csrf: csrf, teamName: 'Laat', routeId, name: 'L', email: 'late@example.org' })
      .expect(409);
    expect(late.text).toContain('<h1>De inschrijvingen zijn gesloten</h1>');
    const lateJoin = await client
      .post(`/teams/${team.id}/join`)
      .type('form')
      .send({ _csrf: csrf, code: team.joinCode, name: 'L', email: 'late2@example.org' })
      .expect(409);
    expect(lateJoin.text).toContain('<h1>De inschrijvingen zijn gesloten</h1>');
    await platform.effectsDone();
    expect(await headOfStore(platform)).toBe(before);
  });

  it('keeps registration open up to and on the walk day', async () => {
    const today = await platform.http
      .post('/api/editions')
      .set(await platform.adminAuth())
      .send({
        name: 'Walk today',
        date: brusselsDay(new Date(now)),
        routes: [{ name: 'Own', distanceKm: 5, kind: 'own' }],
      })
      .expect(201);
    const page = await agent().get(`/editions/${today.body.id}`).expect(200);
    expect(page.text).toContain(`/editions/${today.body.id}/register`);
    await registerTeam(platform, today.body.id, today.body.routes[0].id, 'Op Tijd', {
      name: 'T',
      email: 't@example.org',
    });
  });
});

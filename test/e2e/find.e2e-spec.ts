import request from 'supertest';
import { createEdition, giveAndSettle, joinTeam, type RegisteredTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore } from '../support/totals';

describe('finding anyone: search, team lists, pages by slug or id, the edition home', () => {
  let platform: TestPlatform;
  let editionId: string;
  let routes: { id: string; name: string }[];
  const teams: Record<string, RegisteredTeam> = {};
  const walkers: Record<string, string> = {};

  async function register(name: string, route: number, targetCents: number, captain: string) {
    const email = `${captain.toLowerCase().replace(/[^a-z]/g, '')}@example.be`;
    const response = await platform.http
      .post(`/api/editions/${editionId}/teams`)
      .send({ name, routeId: routes[route].id, targetCents, captain: { name: captain, email } })
      .expect(201);
    teams[name] = response.body;
    walkers[captain] = response.body.captainWalkerId;
  }

  beforeAll(async () => {
    platform = await startPlatform();
    const edition = await createEdition(platform, [
      { name: 'Official 40 km', distanceKm: 40, kind: 'official' },
      { name: 'Own route', distanceKm: 20, kind: 'own' },
    ]);
    editionId = edition.id;
    routes = edition.routes;
    await register('Les Pèlerins', 0, 500_00, 'Élodie Dupré');
    await register('Zonnestappers', 0, 250_00, 'Jan Melodie');
    await register('Alfa', 1, 100_00, 'Piet Peeters');
    walkers['Hélène Lodie'] = await joinTeam(platform, teams['Les Pèlerins'], {
      name: 'Hélène Lodie',
      email: 'helene@example.be',
    });
    walkers['Xavier Weg'] = await joinTeam(platform, teams.Zonnestappers, {
      name: 'Xavier Weg',
      email: 'xw@example.be',
    });
    await giveAndSettle(platform, walkers['Jan Melodie'], 80_00, { name: 'Oma Melodie', email: 'oma@example.be' });
    await giveAndSettle(platform, walkers['Élodie Dupré'], 30_00, { name: 'Tante Rita', email: 'rita@example.be' });
    await giveAndSettle(
      platform,
      walkers['Hélène Lodie'],
      45_00,
      { name: 'Geheime Gever', email: 'secret@example.be' },
      true,
    );
    // erased: the walker Xavier Weg asks to be forgotten
    await platform.http
      .post('/api/donors/erase')
      .set(await platform.adminAuth())
      .send({ email: 'xw@example.be' })
      .expect(200);
    await platform.effectsDone();
  });

  afterAll(() => platform.dispose());

  const search = (q: string) => platform.http.get(`/api/editions/${editionId}/search`).query({ q });

  describe('GET /api/editions/:id/search', () => {
    it('answers walkers and teams whose name holds the query, accents and case ignored, in exactly the agreed shape', async () => {
      const response = await search('LODIE').expect(200);
      expect(response.body).toEqual({
        walkers: [
          {
            id: walkers['Hélène Lodie'],
            slug: 'helene-lodie',
            name: 'Hélène Lodie',
            teamName: 'Les Pèlerins',
            raisedCents: 45_00,
          },
          {
            id: walkers['Élodie Dupré'],
            slug: 'elodie-dupre',
            name: 'Élodie Dupré',
            teamName: 'Les Pèlerins',
            raisedCents: 30_00,
          },
          {
            id: walkers['Jan Melodie'],
            slug: 'jan-melodie',
            name: 'Jan Melodie',
            teamName: 'Zonnestappers',
            raisedCents: 80_00,
          },
        ],
        teams: [],
      });
      const teamsFound = (await search('pelerin').expect(200)).body;
      expect(teamsFound).toEqual({
        walkers: [],
        teams: [{ id: teams['Les Pèlerins'].id, slug: 'les-pelerins', name: 'Les Pèlerins', raisedCents: 75_00 }],
      });
      expect((await search('  élodie ').expect(200)).body.walkers.map((w: { name: string }) => w.name)).toEqual([
        'Élodie Dupré',
        'Jan Melodie',
      ]);
    });

    it('never finds an erased walker by their old name', async () => {
      expect((await search('xavier').expect(200)).body).toEqual({ walkers: [], teams: [] });
      expect((await search('weg').expect(200)).body).toEqual({ walkers: [], teams: [] });
      expect((await search('anonymous').expect(200)).body).toEqual({ walkers: [], teams: [] });
    });

    it.each([
      ['no q', {}, 'q must be 1 to 100 characters'],
      ['an empty q', { q: '' }, 'q must be 1 to 100 characters'],
      ['a q of 101 characters', { q: 'a'.repeat(101) }, 'q must be 1 to 100 characters'],
      ['a q of spaces only', { q: '   ' }, 'q must contain something to look for, not only spaces'],
      ['two q', { q: ['a', 'b'] }, 'q must be one text to look for'],
      ['an unknown parameter', { q: 'a', limit: '5' }, 'property limit should not exist'],
    ])('refuses %s with 400 and a clear message', async (_, query, message) => {
      const before = await headOfStore(platform);
      const response = await platform.http.get(`/api/editions/${editionId}/search`).query(query).expect(400);
      expect(JSON.stringify(response.body)).toContain(message);
      expect(await headOfStore(platform)).toEqual(before);
    });

    it('is described in the OpenAPI document with its rules', async () => {
      const document = (await platform.http.get('/api/docs-json').expect(200)).body;
      const parameters = document.paths['/api/editions/{id}/search'].get.parameters as {
        name: string;
        in: string;
        required: boolean;
        schema: { minLength?: number; maxLength?: number };
      }[];
      expect(parameters.find((p) => p.name === 'q')).toMatchObject({
        in: 'query',
        required: true,
        schema: { minLength: 1, maxLength: 100 },
      });
    });

    it('takes a query of exactly 100 characters, and answers 404 for an unknown edition', async () => {
      expect((await search('a'.repeat(100)).expect(200)).body).toEqual({ walkers: [], teams: [] });
      await platform.http.get('/api/editions/00000000-0000-4000-8000-000000000000/search?q=a').expect(404);
    });
  });

  describe('pages by slug and by id', () => {
    it('serves a walker’s and a team’s page by slug and by id alike', async () => {
      for (const path of [`/walkers/elodie-dupre`, `/walkers/${walkers['Élodie Dupré']}`]) {
        const page = await platform.http.get(path).expect(200);
        expect(page.text).toContain('<h1 dir="auto">Élodie Dupré</h1>');
      }
      for (const path of ['/teams/les-pelerins', `/teams/${teams['Les Pèlerins'].id}`]) {
        const page = await platform.http.get(path).expect(200);
        expect(page.text).toContain('Team Les Pèlerins');
      }
    });

    it('answers 404 for an unknown slug, a team’s slug as a walker, and an erased walker’s old slug', async () => {
      await platform.http.get('/walkers/nobody-here').expect(404);
      await platform.http.get('/walkers/les-pelerins').expect(404);
      await platform.http.get(`/teams/${walkers['Élodie Dupré']}`).expect(404);
      await platform.http.get('/walkers/xavier-weg').expect(404);
      // the erased walker's page by id shows no name
      const erased = await platform.http.get(`/walkers/${walkers['Xavier Weg']}`).expect(200);
      expect(erased.text).not.toContain('Xavier');
    });
  });

  describe('the search page', () => {
    it('shows the form alone, then what a query found, linked to their pages by slug, in the visitor’s language', async () => {
      const empty = await platform.http.get(`/editions/${editionId}/search`).expect(200);
      expect(empty.text).toContain('name="q"');
      expect(empty.text).not.toContain('data-found=');
      const found = await platform.http.get(`/editions/${editionId}/search?q=lodie&lang=fr`).expect(200);
      expect(found.text).toContain('<html lang="fr">');
      expect(found.text).toContain('3 marcheurs·euses trouvé·es');
      expect(found.text).toContain('Aucune équipe trouvée');
      expect(found.text).toContain('<a href="/walkers/helene-lodie">Hélène Lodie</a>');
      expect(found.text).toContain('équipe Les Pèlerins');
      expect(found.text).toContain('45,00\u00a0€');
      expect(found.text).toContain('value="lodie"');
    });

    it('refuses a query longer than 100 characters with a 400 page that says so', async () => {
      const page = await platform.http
        .get(`/editions/${editionId}/search`)
        .query({ q: 'a'.repeat(101) })
        .expect(400);
      expect(page.text).toContain('<p class="field-error" id="search-error">Zoek met hoogstens 100 tekens.</p>');
      expect(page.text).toContain('aria-invalid="true"');
      expect(page.text).not.toContain('data-found=');
      await platform.http
        .get(`/editions/${editionId}/search`)
        .query({ q: ['a', 'b'] })
        .expect(400);
    });
  });

  describe('the team list', () => {
    const list = (query = '') => platform.http.get(`/editions/${editionId}/teams${query}`);
    const teamOrder = (html: string) => [...html.matchAll(/<h2><a href="\/teams\/([^"]+)">/g)].map((m) => m[1]);

    it('lists every team by raised amount, each with its walkers, or by name, or for one route', async () => {
      const byRaised = await list().expect(200);
      // a team's amount counts its walkers' gifts: Zonnestappers 80, Les Pèlerins 30 + 45
      expect(teamOrder(byRaised.text)).toEqual(['zonnestappers', 'les-pelerins', 'alfa']);
      expect(byRaised.text).toContain('<a href="/walkers/helene-lodie">Hélène Lodie</a>');
      expect(byRaised.text).not.toContain('Xavier');
      expect(teamOrder((await list('?sort=name').expect(200)).text)).toEqual(['alfa', 'les-pelerins', 'zonnestappers']);
      const ownRoute = await list(`?route=${routes[1].id}`).expect(200);
      expect(teamOrder(ownRoute.text)).toEqual(['alfa']);
      expect(ownRoute.text).toContain('1 team');
      // past the last page: an empty list, not an error
      expect(teamOrder((await list('?page=2').expect(200)).text)).toEqual([]);
    });

    it('answers 404 for the list and the search of an unknown edition', async () => {
      await platform.http.get('/editions/00000000-0000-4000-8000-000000000000/teams').expect(404);
      await platform.http.get('/editions/00000000-0000-4000-8000-000000000000/search?q=a').expect(404);
    });

    it.each([
      ['an unknown sort', '?sort=best'],
      ['a page of 0', '?page=0'],
      ['a page that is no number', '?page=two'],
      ['a page too far', '?page=10000'],
      ['a route of no edition', '?route=somewhere'],
      ['two sorts', '?sort=name&sort=raised'],
    ])('refuses %s with a 400 page', async (_, query) => {
      await list(query).expect(400);
    });
  });

  describe('the edition home', () => {
    it('shows the goal (the sum of team targets), the top teams and walkers, and the latest gifts', async () => {
      const home = await request(platform.app.getHttpServer()).get(`/editions/${editionId}`).expect(200);
      expect(home.text).toContain('van €\u00a0850,00');
      expect(home.text).toContain('<strong class="raised">€\u00a0155,00</strong>');
      expect(home.text).toMatch(
        /id="top-teams">Beste teams<\/h2><ol class="entries"><li><span class="who"><a href="\/teams\/[^"]+">Zonnestappers/,
      );
      expect(home.text).toMatch(
        /id="top-walkers">Beste stappers<\/h2><ol class="entries"><li><span class="who"><a href="\/walkers\/[^"]+">Jan Melodie/,
      );
      expect(home.text).toContain(
        '<strong>Tante Rita</strong> gaf <strong class="gift">€\u00a030,00</strong> aan <a href="/walkers/elodie-dupre">Élodie Dupré</a>',
      );
      expect(home.text).toContain(`action="/editions/${editionId}/search"`);
    });

    it('measures against the goal the organiser gave the edition when there is one', async () => {
      const own = await platform.http
        .post('/api/editions')
        .set(await platform.adminAuth())
        .send({
          name: 'Walk with a goal',
          date: '2026-10-04',
          routes: [{ name: 'Own', distanceKm: 20, kind: 'own' }],
          goalCents: 10_000_00,
        })
        .expect(201);
      const home = await platform.http.get(`/editions/${own.body.id}`).expect(200);
      expect(home.text).toContain('van €\u00a010.000,00');
    });

    it('shows an anonymous gift with neither the giver’s name nor the amount', async () => {
      const home = await platform.http.get(`/editions/${editionId}`).expect(200);
      expect(home.text).toContain('Een anonieme gift aan <a href="/walkers/helene-lodie">Hélène Lodie</a>');
      expect(home.text).not.toContain('Geheime Gever');
      const latest = home.text.slice(home.text.indexOf('id="latest-gifts"'));
      expect(latest.slice(0, latest.indexOf('</section>'))).not.toContain('45,00');
      // a walker who was erased is ranked without a name, in the visitor's language
      expect(home.text).toContain(`<a href="/walkers/${walkers['Xavier Weg']}">anoniem</a>`);
    });
  });
});

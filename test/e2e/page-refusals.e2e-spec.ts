import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore } from '../support/totals';

/** A browser-like client: keeps cookies, and reads the form token from a page (in the language asked). */
async function formToken(agent: TestAgent, path: string): Promise<string> {
  const page = await agent.get(path).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`no form token on ${path}`);
  return token;
}

/** The text of the error shown under a field, or undefined when the field has none. */
const errorOf = (page: string, field: string) =>
  new RegExp(`<p class="field-error" id="field-${field}-error">([^<]*)</p>`).exec(page)?.[1];

/** Field errors other than the one named: a refusal must not land under the wrong field. */
const otherErrors = (page: string, field: string) =>
  [...page.matchAll(/id="field-([\w-]+)-error"/g)].map((match) => match[1]).filter((name) => name !== field);

/**
 * Domain refusals met on the public forms (a name or address already taken, a target or a pledge out of bounds)
 * are said in the visitor's language, under the field they concern; the edition's figures use real plurals and the
 * glossary's words; the sandbox's decline reason is translated.
 */
describe('refusals, plurals and words on the public pages', () => {
  let platform: TestPlatform;
  let editionId: string;
  let routeId: string;
  let team: Awaited<ReturnType<typeof registerTeam>>;
  let walkerId: string;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'http://localhost:3000' });
    const edition = await createEdition(platform);
    editionId = edition.id;
    routeId = edition.routes[0].id;
    team = await registerTeam(platform, editionId, routeId, 'De Zonnestappers', {
      name: 'Sara',
      email: 'sara@example.org',
    });
  });

  afterAll(() => platform.dispose());

  const agent = () => request.agent(platform.app.getHttpServer());

  async function registerOnPage(lang: string, fields: Record<string, string>) {
    const client = agent();
    const token = await formToken(client, `/editions/${editionId}/register?lang=${lang}`);
    return client
      .post(`/editions/${editionId}/register`)
      .type('form')
      .send({ _csrf: token, routeId, teamTarget: '', name: 'Ann', ...fields });
  }

  it('refuses an e-mail address that already walks in the edition under the e-mail field, in Dutch and French', async () => {
    const before = await headOfStore(platform);
    const dutch = await registerOnPage('nl', { teamName: 'Nieuw team', email: 'sara@example.org' });
    expect(dutch.status).toBe(400);
    expect(errorOf(dutch.text, 'email')).toBe(
      'Dit e-mailadres stapt al mee in deze editie. Elke stapper heeft een eigen e-mailadres.',
    );
    expect(otherErrors(dutch.text, 'email')).toEqual([]);
    expect(dutch.text).not.toContain('already walks');

    const french = await registerOnPage('fr', { teamName: 'Nouvelle équipe', email: 'sara@example.org' });
    expect(french.status).toBe(400);
    expect(errorOf(french.text, 'email')).toBe(
      'Cette adresse e-mail participe déjà à cette édition. Chaque marcheur·euse a sa propre adresse.',
    );
    expect(otherErrors(french.text, 'email')).toEqual([]);
    expect(await headOfStore(platform)).toBe(before);
  });

  it('refuses a team name already taken under the team name field, in English', async () => {
    const before = await headOfStore(platform);
    const english = await registerOnPage('en', { teamName: 'De Zonnestappers', email: 'someone.new@example.org' });
    expect(english.status).toBe(400);
    expect(errorOf(english.text, 'teamName')).toBe('There is already a team with this name. Choose another name.');
    expect(otherErrors(english.text, 'teamName')).toEqual([]);
    expect(english.text).not.toContain('a team with that name');
    expect(await headOfStore(platform)).toBe(before);
  });

  it('refuses a target below the edition’s minimum under the target field, in the visitor’s language', async () => {
    const before = await headOfStore(platform);
    const client = agent();
    const token = await formToken(client, `/teams/${team.id}/join?code=${team.joinCode}&lang=fr`);
    const joined = await client
      .post(`/teams/${team.id}/join`)
      .type('form')
      .send({ _csrf: token, code: team.joinCode, name: 'Lou', email: 'lou@example.org', target: '10', story: '' })
      .expect(400);
    expect(errorOf(joined.text, 'target')).toMatch(
      /^L’objectif est d’au moins 100,00\u00a0€\u202f: c’est ce que cette édition demande à chaque marcheur·euse\.$/,
    );
    expect(otherErrors(joined.text, 'target')).toEqual([]);
    expect(joined.text).not.toContain('each walker commits');
    expect(await headOfStore(platform)).toBe(before);
  });

  it('refuses a pledge out of bounds under the amount field, in French', async () => {
    walkerId ??= await joinTeam(platform, team, { name: 'Tom', email: 'tom@example.org' });
    const before = await headOfStore(platform);
    const client = agent();
    const token = await formToken(client, `/walkers/${walkerId}/pledge?lang=fr`);
    const refused = await client
      .post(`/walkers/${walkerId}/pledge`)
      .type('form')
      // 2 000 euros per km: more than a pledge per km may be
      .send({ _csrf: token, kind: 'per_km', amount: '2000', cap: '', name: 'Marc', email: 'marc@example.org' })
      .expect(400);
    expect(errorOf(refused.text, 'amount')).toMatch(
      /^Ce montant est trop élevé\u202f: au maximum 1\u202f000,00\u00a0€\.$/,
    );
    expect(otherErrors(refused.text, 'amount')).toEqual([]);
    expect(refused.text).not.toContain('a pledge per km is at most');
    expect(await headOfStore(platform)).toBe(before);
  });

  it('writes the edition’s figures with real plurals: one team, no sponsor yet, French zero in the singular', async () => {
    const fresh = await createEdition(platform);
    await registerTeam(platform, fresh.id, fresh.routes[0].id, 'Alleen', { name: 'Els', email: 'els@example.org' });
    const stats = (lang: string) => agent().get(`/editions/${fresh.id}?lang=${lang}`).expect(200);
    const dutch = (await stats('nl')).text;
    expect(dutch).toContain('<li><strong>1</strong> team</li>');
    expect(dutch).toContain('<li><strong>1</strong> stapper</li>');
    expect(dutch).toContain('<li><strong>0</strong> sponsors</li>');
    const french = (await stats('fr')).text;
    expect(french).toContain('<li><strong>1</strong> équipe</li>');
    expect(french).toContain('<li><strong>0</strong> donateur·rice</li>');
    const english = (await stats('en')).text;
    expect(english).toContain('<li><strong>1</strong> team</li>');
    expect(english).toContain('<li><strong>1</strong> walker</li>');
    expect(english).toContain('<li><strong>0</strong> sponsors</li>');
  });

  it('calls the people of the walk by the glossary’s words on every public page', async () => {
    walkerId ??= await joinTeam(platform, team, { name: 'Tom', email: 'tom@example.org' });
    const avoid = { nl: /wandelaar|supporter/i, fr: /supporter|sponsor|soutiens\b/i, en: /supporter/i };
    for (const [lang, words] of Object.entries(avoid)) {
      for (const path of [`/editions/${editionId}`, `/walkers/${walkerId}`, `/teams/${team.id}`]) {
        const page = await agent().get(`${path}?lang=${lang}`).expect(200);
        expect({ lang, path, uses: words.exec(page.text)?.[0] }).toEqual({ lang, path, uses: undefined });
      }
    }
    const dutchWalker = await agent().get(`/walkers/${walkerId}?lang=nl`).expect(200);
    expect(dutchWalker.text).toContain('<h2>Sponsors</h2>');
    const frenchWalker = await agent().get(`/walkers/${walkerId}?lang=fr`).expect(200);
    expect(frenchWalker.text).toContain('<h2>Donateurs·rices</h2>');
  });

  it('says why the sandbox declined a payment in the visitor’s language', async () => {
    walkerId ??= await joinTeam(platform, team, { name: 'Tom', email: 'tom@example.org' });
    const gift = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: walkerId },
        amountCents: 1500,
        frequency: 'one_off',
        donor: { name: 'D', email: 'd@example.org' },
      })
      .expect(201);
    await platform.http.post(`/api/sandbox/donations/${gift.body.id}/settle`).send({ outcome: 'failed' }).expect(200);
    const result = (lang: string) => agent().get(`/donations/${gift.body.id}/result?lang=${lang}`).expect(200);
    expect((await result('fr')).text).toContain('Votre paiement de 15,00\u00a0€ a échoué (refusé dans la sandbox).');
    expect((await result('nl')).text).toContain(
      'Je betaling van €\u00a015,00 is niet gelukt (geweigerd in de sandbox).',
    );
    expect((await result('en')).text).toContain('Your payment of €15.00 did not go through (declined in the sandbox).');
  });
});

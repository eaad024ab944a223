import { brusselsDay } from '@rw/kernel';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { ProjectionService } from '../../apps/platform/src/infrastructure/projection.service';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore } from '../support/totals';

/** A form page's token and attempt id, as a browser that opened it holds them. */
async function openForm(agent: TestAgent, path: string): Promise<{ _csrf: string; attempt: string }> {
  const page = await agent.get(path).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const attempt = /name="attempt" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token || !attempt) throw new Error(`no form token or attempt on ${path}`);
  return { _csrf: token, attempt };
}

/** The text of the error shown under a field, or undefined when the field has none. */
const errorOf = (page: string, field: string) =>
  new RegExp(`<p class="field-error" id="field-${field}-error">([^<]*)</p>`).exec(page)?.[1];

/** The pay link a page offers for a fee still owed (with its attempt id), or undefined. */
const payLinkOf = (page: string) => /href="(\/registration-fees\/[^/"]+\/pay\?attempt=[\w-]+)"/.exec(page)?.[1];

/**
 * Dead ends and double actions: every public form answers with a redirect to a page that can be reloaded and opened
 * in another language, the same form sent twice makes one thing, and a registration fee that was not paid can be
 * paid later from the pages the walker comes back to.
 */
describe('journeys without dead ends or double actions', () => {
  let platform: TestPlatform;
  let editionId: string;
  let paidRouteId: string;
  let freeRouteId: string;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'http://localhost:3000' });
    const edition = await createEdition(platform, [
      { name: 'Official', distanceKm: 40, kind: 'official', registrationFeeCents: 15_00 },
      { name: 'Own route', distanceKm: 20, kind: 'own' },
    ]);
    editionId = edition.id;
    paidRouteId = edition.routes[0].id;
    freeRouteId = edition.routes[1].id;
  });

  afterAll(() => platform.dispose());

  const agent = () => request.agent(platform.app.getHttpServer());
  const db = () => platform.app.get(ProjectionService).db;
  const count = (sql: string, ...args: string[]) =>
    Number(
      (
        db()
          .prepare(sql)
          .get(...args) as { n: number }
      ).n,
    );
  const editLink = (walkerId: string) =>
    `/walkers/${walkerId}/edit?token=${platform.app.get(PrivateLinks).token('edit-walker', walkerId)}`;

  async function registerOnPage(client: TestAgent, fields: Record<string, string>, lang = 'nl') {
    const form = await openForm(client, `/editions/${editionId}/register?lang=${lang}`);
    const body = { ...form, routeId: paidRouteId, teamTarget: '', ...fields };
    return { body, post: () => client.post(`/editions/${editionId}/register`).type('form').send(body) };
  }

  it('registers a team once when the form is sent twice, and answers both times with the same confirmation', async () => {
    const client = agent();
    const { post } = await registerOnPage(client, { teamName: 'De Dubbelklikkers', name: 'Ann', email: 'ann@ex.org' });
    const first = await post().expect(303);
    const second = await post().expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(first.headers.location).toMatch(/^\/walkers\/[\w-]+\/registered\?token=/);
    expect(count('SELECT COUNT(*) AS n FROM teams WHERE name = ?', 'De Dubbelklikkers')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM walkers WHERE name = ?', 'Ann')).toBe(1);

    // the confirmation can be reloaded (nothing is written) and opened in another language
    const before = await headOfStore(platform);
    const dutch = await client.get(first.headers.location).expect(200);
    expect(dutch.headers['cache-control']).toBe('no-store');
    expect(dutch.text).toContain('Welkom in team De Dubbelklikkers!');
    expect(dutch.text).toContain('Je inschrijvingsgeld van €\u00a015,00 is nog niet betaald.');
    expect(dutch.text).toMatch(
      /<input id="join-url" class="share-link" type="text" readonly value="http:\/\/localhost:3000\/teams\/[\w-]+\/join\?code=[\w-]+"\/>/,
    );
    expect(dutch.text).toContain('data-copy="join-url"');
    expect(payLinkOf(dutch.text)).toBeDefined();
    const french = await client.get(`${first.headers.location}&lang=fr`).expect(200);
    expect(french.text).toContain('<html lang="fr">');
    expect(french.text).toContain('Bienvenue dans l’équipe De Dubbelklikkers\u202f!');
    expect(french.text).toContain('Vos frais d’inscription de 15,00\u00a0€ ne sont pas encore payés.');
    expect(french.text).toContain('Copier le lien');
    expect(await headOfStore(platform)).toBe(before);
  });

  it('answers the same confirmation when the form is sent again after switching language on the confirmation', async () => {
    const client = agent();
    const { post } = await registerOnPage(client, { teamName: 'Tweetalig', name: 'Noor', email: 'noor@ex.org' });
    const first = await post().expect(303);
    await client.get(`${first.headers.location}&lang=fr`).expect(200);
    const again = await post().expect(303);
    expect(again.headers.location).toBe(first.headers.location);
    expect(count('SELECT COUNT(*) AS n FROM teams WHERE name = ?', 'Tweetalig')).toBe(1);
  });

  it('keeps the confirmation private: another walker’s or a forged token is refused', async () => {
    const client = agent();
    const { post } = await registerOnPage(client, { teamName: 'Privé', name: 'Bo', email: 'bo@ex.org' });
    const location = (await post().expect(303)).headers.location as string;
    await agent()
      .get(location.replace(/token=[^&]+/, 'token=forged'))
      .expect(403);
    await agent().get(location.split('?')[0]).expect(403);
  });

  it('registers anew when the visitor goes back and registers another team on the same page', async () => {
    const client = agent();
    const { body } = await registerOnPage(client, { teamName: 'Eerste', name: 'Cas', email: 'cas@ex.org' });
    const first = await client.post(`/editions/${editionId}/register`).type('form').send(body).expect(303);
    const other = await client
      .post(`/editions/${editionId}/register`)
      .type('form')
      .send({ ...body, teamName: 'Tweede', email: 'cas.two@ex.org' })
      .expect(303);
    expect(other.headers.location).not.toBe(first.headers.location);
    expect(count("SELECT COUNT(*) AS n FROM teams WHERE name IN ('Eerste', 'Tweede')")).toBe(2);
  });

  it('registers once when the same form is sent twice at the same moment (a double click)', async () => {
    const client = agent();
    const { post } = await registerOnPage(client, { teamName: 'Tegelijk', name: 'Dee', email: 'dee@ex.org' });
    const [one, two] = await Promise.all([post(), post()]);
    expect([one.status, two.status]).toEqual([303, 303]);
    expect(two.headers.location).toBe(one.headers.location);
    expect(count('SELECT COUNT(*) AS n FROM teams WHERE name = ?', 'Tegelijk')).toBe(1);
    expect(count('SELECT COUNT(*) AS n FROM walkers WHERE name = ?', 'Dee')).toBe(1);
  });

  it('lets a walker join once when the join form is sent twice, with the same confirmation', async () => {
    const team = await registerTeam(platform, editionId, freeRouteId, 'Gratis Team', {
      name: 'Eva',
      email: 'eva@ex.org',
    });
    const client = agent();
    const form = await openForm(client, `/teams/${team.id}/join?code=${team.joinCode}&lang=fr`);
    const body = { ...form, code: team.joinCode, name: 'Fien', email: 'fien@ex.org', target: '', story: '' };
    const first = await client.post(`/teams/${team.id}/join`).type('form').send(body).expect(303);
    const second = await client.post(`/teams/${team.id}/join`).type('form').send(body).expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(count('SELECT COUNT(*) AS n FROM walkers WHERE team_id = ?', team.id)).toBe(2);
    const page = await client.get(first.headers.location).expect(200);
    expect(page.text).toContain('<html lang="fr">');
    expect(page.text).toContain('Bienvenue dans l’équipe Gratis Team\u202f!');
    expect(page.text).toContain('Votre parcours n’a pas de frais d’inscription.');
    expect(page.text).toContain(`/teams/${team.id}/join?code=${team.joinCode}`);
    expect(payLinkOf(page.text)).toBeUndefined();
  });

  it('refuses an e-mail address already walking in the edition under the e-mail field of the join form, in French', async () => {
    const team = await registerTeam(platform, editionId, freeRouteId, 'Vol Team', { name: 'Gus', email: 'gus@ex.org' });
    const before = await headOfStore(platform);
    const client = agent();
    const form = await openForm(client, `/teams/${team.id}/join?code=${team.joinCode}&lang=fr`);
    const refused = await client
      .post(`/teams/${team.id}/join`)
      .type('form')
      .send({ ...form, code: team.joinCode, name: 'Gus bis', email: 'gus@ex.org', target: '', story: '' })
      .expect(400);
    expect(errorOf(refused.text, 'email')).toBe(
      'Cette adresse e-mail participe déjà à cette édition. Chaque marcheur·euse a sa propre adresse.',
    );
    expect([...refused.text.matchAll(/id="field-([\w-]+)-error"/g)].map((m) => m[1])).toEqual(['email']);
    // the page sent back keeps its attempt id: corrected, it registers once
    expect(refused.text).toContain(`name="attempt" value="${form.attempt}"`);
    expect(await headOfStore(platform)).toBe(before);
  });

  it('answers the pledge form with its own page: a reload shows it again and makes no second pledge', async () => {
    const team = await registerTeam(platform, editionId, freeRouteId, 'Belofte', { name: 'Hans', email: 'h@ex.org' });
    const walkerId = team.captainWalkerId;
    const client = agent();
    const form = await openForm(client, `/walkers/${walkerId}/pledge?lang=fr`);
    const body = { ...form, kind: 'fixed', amount: '25', cap: '', name: 'Ines', email: 'ines@ex.org' };
    const first = await client.post(`/walkers/${walkerId}/pledge`).type('form').send(body).expect(303);
    expect(first.headers.location).toMatch(/^\/pledges\/[\w-]+\/thanks$/);
    const second = await client.post(`/walkers/${walkerId}/pledge`).type('form').send(body).expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(count('SELECT COUNT(*) AS n FROM pledges WHERE beneficiary_id = ?', walkerId)).toBe(1);
    const before = await headOfStore(platform);
    const thanks = await client.get(first.headers.location).expect(200);
    expect(thanks.text).toContain('<html lang="fr">');
    expect(thanks.text).toContain('Merci\u202f! Nous vous écrirons après la marche pour payer votre promesse.');
    expect(thanks.text).toContain(`href="/walkers/${walkerId}"`);
    expect((await client.get(`${first.headers.location}?lang=nl`).expect(200)).text).toContain('Dank je!');
    expect(await headOfStore(platform)).toBe(before);
    expect(count('SELECT COUNT(*) AS n FROM pledges WHERE beneficiary_id = ?', walkerId)).toBe(1);
    await agent().get('/pledges/no-such-pledge/thanks').expect(404);
  });

  it('saves a walker’s page once when the edit form is sent twice, and answers both with the same page', async () => {
    const team = await registerTeam(platform, editionId, freeRouteId, 'Bewaar', { name: 'Jo', email: 'jo@ex.org' });
    const link = editLink(team.captainWalkerId);
    const client = agent();
    const page = await client.get(link).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const body = { _csrf: token, target: '500', story: 'Ik stap voor iedereen.' };
    const first = await client.post(link).type('form').send(body).expect(303);
    const afterFirst = await headOfStore(platform);
    const second = await client.post(link).type('form').send(body).expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await headOfStore(platform)).toBe(afterFirst);
    expect((await client.get(`${first.headers.location}&lang=en`).expect(200)).text).toContain('Your page is saved.');
  });

  it('refuses a target below the edition’s minimum under the target field of the edit page, in English', async () => {
    const team = await registerTeam(platform, editionId, freeRouteId, 'Te Laag', { name: 'Kim', email: 'kim@ex.org' });
    const link = editLink(team.captainWalkerId);
    const client = agent();
    const page = await client.get(`${link}&lang=en`).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
    const before = await headOfStore(platform);
    const refused = await client.post(link).type('form').send({ _csrf: token, target: '1', story: 'x' }).expect(400);
    expect(refused.text).toContain('<html lang="en">');
    expect(errorOf(refused.text, 'target')).toBeDefined();
    expect(errorOf(refused.text, 'story')).toBeUndefined();
    expect(await headOfStore(platform)).toBe(before);
  });

  it('offers to pay a fee still owed on the confirmation, the private page and the result of a failed payment, until it is paid', async () => {
    const client = agent();
    const { post } = await registerOnPage(client, { teamName: 'Nog Te Betalen', name: 'Lien', email: 'lien@ex.org' });
    const confirmation = (await post().expect(303)).headers.location as string;
    const walkerId = /\/walkers\/([\w-]+)\/registered/.exec(confirmation)?.[1] as string;

    // each showing of a page makes its own attempt: a walker who comes back gets a fresh checkout, never a dead one
    const one = payLinkOf((await client.get(confirmation).expect(200)).text);
    const two = payLinkOf((await client.get(confirmation).expect(200)).text);
    expect(one).toMatch(new RegExp(`^/registration-fees/${walkerId}/pay\\?attempt=`));
    expect(two).not.toBe(one);
    const edit = await client.get(editLink(walkerId)).expect(200);
    expect(edit.text).toContain('Je inschrijvingsgeld van €\u00a015,00 is nog niet betaald.');
    expect(payLinkOf(edit.text)).toBeDefined();

    // the payment fails at the provider: the result page says so and offers to pay again
    const checkout = await client.get(`/sandbox/checkout/fee-${walkerId}`).expect(200);
    const token = /name="_csrf" value="([^"]+)"/.exec(checkout.text)?.[1] as string;
    const failed = await client
      .post(`/sandbox/checkout/fee-${walkerId}`)
      .type('form')
      .send({ _csrf: token, outcome: 'failed' })
      .expect(303);
    const result = await client.get(`${failed.headers.location}?lang=fr`).expect(200);
    expect(result.text).toContain('Vos frais d’inscription de 15,00\u00a0€ ne sont pas encore payés.');
    expect(payLinkOf(result.text)).toBeDefined();

    // paid: no page asks for it any more
    await client
      .post(`/sandbox/checkout/fee-${walkerId}`)
      .type('form')
      .send({ _csrf: token, outcome: 'paid' })
      .expect(303);
    const paid = await client.get(`${confirmation}&lang=nl`).expect(200);
    expect(paid.text).toContain('Je inschrijvingsgeld van €\u00a015,00 is betaald. Dank je wel!');
    expect(payLinkOf(paid.text)).toBeUndefined();
    expect(payLinkOf((await client.get(editLink(walkerId)).expect(200)).text)).toBeUndefined();
    expect(payLinkOf((await client.get(`/registration-fees/${walkerId}/result`).expect(200)).text)).toBeUndefined();
  });

  it('says a waived fee on the confirmation and asks nothing', async () => {
    const client = agent();
    const { post } = await registerOnPage(client, { teamName: 'Kwijt', name: 'Mo', email: 'mo@ex.org' });
    const confirmation = (await post().expect(303)).headers.location as string;
    const walkerId = /\/walkers\/([\w-]+)\/registered/.exec(confirmation)?.[1] as string;
    await platform.http
      .post(`/api/walkers/${walkerId}/fee-waiver`)
      .set(await platform.adminAuth())
      .send({ reason: 'refugee' })
      .expect(200);
    const page = await client.get(`${confirmation}&lang=en`).expect(200);
    expect(page.text).toContain('You have no registration fee to pay: it was waived for you.');
    expect(payLinkOf(page.text)).toBeUndefined();
  });

  it('registers and joins once through the JSON API for the same Idempotency-Key, with the same answer', async () => {
    const body = {
      name: 'API Team',
      routeId: paidRouteId,
      targetCents: 0,
      captain: { name: 'Pia', email: 'pia@ex.org' },
    };
    const register = () =>
      platform.http.post(`/api/editions/${editionId}/teams`).set('Idempotency-Key', 'client-key-1').send(body);
    const first = await register().expect(201);
    const second = await register().expect(201);
    expect(second.body).toEqual(first.body);
    expect(first.body.feeCheckoutUrl).toEqual(expect.any(String));
    expect(count('SELECT COUNT(*) AS n FROM teams WHERE name = ?', 'API Team')).toBe(1);
    // without a key, the same body is a second registration: refused, the name is taken; the same key with another
    // request is another registration too (a key alone never reads someone else's join code)
    await platform.http.post(`/api/editions/${editionId}/teams`).send(body).expect(409);
    const other = await platform.http
      .post(`/api/editions/${editionId}/teams`)
      .set('Idempotency-Key', 'client-key-1')
      .send({ ...body, name: 'Other API Team', captain: { name: 'Rik', email: 'rik@ex.org' } })
      .expect(201);
    expect(other.body.joinCode).not.toBe(first.body.joinCode);

    const walker = { name: 'Quinten', email: 'quinten@ex.org', joinCode: first.body.joinCode };
    const join = () =>
      platform.http.post(`/api/teams/${first.body.id}/walkers`).set('Idempotency-Key', 'client-key-2').send(walker);
    const joined = await join().expect(201);
    expect((await join().expect(201)).body).toEqual(joined.body);
    expect(count('SELECT COUNT(*) AS n FROM walkers WHERE team_id = ?', first.body.id)).toBe(2);

    // a key that is no key: 400, nothing written
    const before = await headOfStore(platform);
    await platform.http
      .post(`/api/teams/${first.body.id}/walkers`)
      .set('Idempotency-Key', 'x'.repeat(201))
      .send({ ...walker, email: 'other@ex.org' })
      .expect(400);
    expect(await headOfStore(platform)).toBe(before);
  });
});

describe('the registration’s confirmation after the walk', () => {
  let platform: TestPlatform;
  const day = 86_400_000;
  // the platform's clock: before the walk while the team registers, then after it
  let now = Date.now() - 10 * day;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'http://localhost:3000' }, undefined, {
      clock: () => new Date(now),
    });
  });
  afterAll(() => platform.dispose());

  it('still shows the registration and its fee, but no longer the invitation to join', async () => {
    const edition = await platform.http
      .post('/api/editions')
      .set(await platform.adminAuth())
      .send({
        name: 'Walk gone by',
        date: brusselsDay(new Date(Date.now() - 3 * day)),
        routes: [{ name: 'Own', distanceKm: 20, kind: 'own' }],
      })
      .expect(201);
    const client = request.agent(platform.app.getHttpServer());
    const form = await openForm(client, `/editions/${edition.body.id}/register`);
    const confirmation = (
      await client
        .post(`/editions/${edition.body.id}/register`)
        .type('form')
        .send({
          ...form,
          teamName: 'Voorbij',
          routeId: edition.body.routes[0].id,
          teamTarget: '',
          name: 'Sam',
          email: 's@ex.org',
        })
        .expect(303)
    ).headers.location as string;
    expect((await client.get(confirmation).expect(200)).text).toContain('id="join-url"');
    now = Date.now();
    const after = await client.get(confirmation).expect(200);
    expect(after.text).toContain('Welkom in team Voorbij!');
    expect(after.text).toContain('Je route heeft geen inschrijvingsgeld.');
    expect(after.text).not.toContain('join-url');
  });
});

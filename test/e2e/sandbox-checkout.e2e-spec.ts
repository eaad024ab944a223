import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

describe('the sandbox’s hosted checkout page and the result page', () => {
  let platform: TestPlatform;
  let walkerId: string;
  /** A browser: keeps its cookies and sends the form token the pages gave it with every form. */
  let browser: TestAgent;
  let formToken: string;

  beforeAll(async () => {
    platform = await startPlatform();
    browser = request.agent(platform.app.getHttpServer());
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Team', {
      name: 'Anna',
      email: 'anna@example.be',
    });
    walkerId = team.captainWalkerId;
    const page = await browser.get(`/editions/${edition.id}/register`).expect(200);
    formToken = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] as string;
  });
  const postForm = (path: string, fields: Record<string, string> = {}) =>
    browser
      .post(path)
      .type('form')
      .send({ _csrf: formToken, ...fields });
  afterAll(async () => {
    await platform.dispose();
  });

  const give = async (amountCents: number) =>
    (
      await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: walkerId },
          amountCents,
          frequency: 'one_off',
          donor: { name: 'D', email: 'd@example.be' },
        })
        .expect(201)
    ).body as { id: string; checkoutUrl: string };

  it('shows the amount, takes the donor’s choice, and sends them to a result page that reads the real state', async () => {
    const gift = await give(1234_50);
    const path = new URL(gift.checkoutUrl).pathname;
    const checkout = await platform.http.get(path).expect(200);
    expect(checkout.headers['content-type']).toMatch(/text\/html/);
    expect(checkout.text).toContain('€\u00a01.234,50');
    expect(checkout.text).toContain('name="outcome" value="paid"');

    const pending = await platform.http.get(`/donations/${gift.id}/result`).expect(200);
    expect(pending.text).toContain('We wachten nog');

    const chosen = await postForm(path, { outcome: 'paid' }).expect(303);
    expect(chosen.headers.location).toBe(`/donations/${gift.id}/result`);
    const result = await platform.http.get(chosen.headers.location).expect(200);
    expect(result.text).toContain('Dank je wel! Je gift van €\u00a01.234,50 is ontvangen.');
    expect((await platform.http.get(`/api/donations/${gift.id}`)).body.status).toBe('paid');

    const again = await platform.http.get(path).expect(200);
    expect(again.text).toContain('al afgehandeld');
    expect(again.text).not.toContain('name="outcome"');
  });

  it('tells a donor whose payment failed', async () => {
    const gift = await give(10_00);
    await postForm(`/sandbox/checkout/${gift.id}`, { outcome: 'failed' }).expect(303);
    const result = await platform.http.get(`/donations/${gift.id}/result`).expect(200);
    expect(result.text).toContain('is niet gelukt (geweigerd in de sandbox).');
    expect(result.text).toContain(`action="/donations/${gift.id}/retry"`);

    // trying again makes one new gift with the same details, however often the button is pressed
    const retried = await postForm(`/donations/${gift.id}/retry`).expect(303);
    const again = await postForm(`/donations/${gift.id}/retry`).expect(303);
    expect(again.headers.location).toBe(retried.headers.location);
    const newId = /\/sandbox\/checkout\/([^/?]+)$/.exec(retried.headers.location)?.[1] as string;
    expect(newId).not.toBe(gift.id);
    const retry = await platform.http.get(`/api/donations/${newId}`).expect(200);
    expect(retry.body).toMatchObject({
      status: 'pending',
      amountCents: 10_00,
      beneficiary: { type: 'walker', id: walkerId },
    });
    // a paid gift has nothing to try again
    await postForm(`/sandbox/checkout/${newId}`, { outcome: 'paid' }).expect(303);
    const paidRetry = await postForm(`/donations/${newId}/retry`).expect(303);
    expect(paidRetry.headers.location).toBe(`/donations/${newId}/result`);
  });

  it('refuses an unknown outcome and an unknown donation', async () => {
    const gift = await give(10_00);
    await postForm(`/sandbox/checkout/${gift.id}`, { outcome: 'stolen' }).expect(400);
    await platform.http.post(`/sandbox/checkout/${gift.id}`).type('form').send({ outcome: 'paid' }).expect(403);
    expect((await platform.http.get(`/api/donations/${gift.id}`)).body.status).toBe('pending');
    await platform.http.get('/sandbox/checkout/nope').expect(404);
    await platform.http.get('/donations/nope/result').expect(404);
  });
});

import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore } from '../support/totals';

/** A browser-like client: keeps cookies, and reads the form token from a page. */
async function formToken(agent: TestAgent, path: string): Promise<string> {
  const page = await agent.get(path).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`no form token on ${path}`);
  return token;
}

/**
 * The give form posted as a browser without script posts it: whatever the donor typed in "other amount" is charged,
 * even with a preset still ticked beside it; an amount that cannot be read comes back by its field.
 */
describe('the amount a gift form charges', () => {
  let platform: TestPlatform;
  let walkerId: string;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'http://localhost:3000' });
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Bedragen', {
      name: 'Captain',
      email: 'captain.amount@example.org',
    });
    walkerId = await joinTeam(platform, team, { name: 'Wim', email: 'wim.amount@example.org' });
  });

  afterAll(() => platform.dispose());

  let attempts = 0;
  /** Opens the give page (in the given language), posts it with the given amount fields and expects the status. */
  async function give(
    amountFields: Record<string, string>,
    status: number,
    lang = 'nl',
    attempt = `amount-attempt-${++attempts}`,
  ) {
    const client = request.agent(platform.app.getHttpServer());
    const token = await formToken(client, `/walkers/${walkerId}/give?lang=${lang}`);
    return client
      .post(`/walkers/${walkerId}/give`)
      .type('form')
      .send({
        _csrf: token,
        attempt,
        frequency: 'one_off',
        method: 'bancontact',
        name: 'Ann',
        email: 'ann.amount@example.org',
        ...amountFields,
      })
      .expect(status);
  }

  async function chargedCents(location: string): Promise<number> {
    const donationId = location.split('/').pop();
    const gift = await platform.http
      .get(`/api/donations/${donationId}`)
      .set(await platform.adminAuth())
      .expect(200);
    return gift.body.amountCents;
  }

  it('charges the typed amount, not the preset left ticked beside it', async () => {
    const checkout = await give({ amount: '5000', otherAmount: '20' }, 303);
    expect(checkout.headers.location).toMatch(/^http:\/\/localhost:3000\/sandbox\/checkout\//);
    expect(await chargedCents(checkout.headers.location)).toBe(20_00);
    const sandbox = await platform.http.get(new URL(checkout.headers.location).pathname).expect(200);
    expect(sandbox.text).toContain('<p class="amount">€\u00a020,00');
  });

  it('charges the ticked preset when nothing is typed', async () => {
    const checkout = await give({ amount: '10000', otherAmount: '' }, 303);
    expect(await chargedCents(checkout.headers.location)).toBe(100_00);
  });

  it('reads amounts typed in Dutch and French style in cents', async () => {
    const typed: [string, string, number][] = [
      ['nl', '20,50', 20_50],
      ['fr', '20', 20_00],
      ['fr', '€ 20', 20_00],
      ['nl', '20 €', 20_00],
      ['nl', '15,-', 15_00],
      ['fr', '1 250,00 €', 1250_00],
      ['nl', '1.250,00', 1250_00],
      ['fr', '7.5', 7_50],
    ];
    const charged: [string, string, number][] = [];
    for (const [lang, text] of typed) {
      const checkout = await give({ amount: '2500', otherAmount: text }, 303, lang);
      charged.push([lang, text, await chargedCents(checkout.headers.location)]);
    }
    expect(charged).toEqual(typed);
  });

  it('gives the form back with the error by the field, the typed text kept, no preset ticked, and writes nothing', async () => {
    const before = await headOfStore(platform);
    const unreadable = await give({ amount: '5000', otherAmount: 'twintig' }, 400);
    expect(unreadable.text).toContain(
      '<p class="field-error" id="field-otherAmount-error">Dit bedrag kunnen we niet lezen. Schrijf het zoals 20 of 20,50.</p>',
    );
    expect(unreadable.text).toContain('aria-describedby="field-otherAmount-hint field-otherAmount-error"');
    expect(unreadable.text).toContain('value="twintig"');
    // the page shows what would be charged: the typed amount, not the preset beside it
    expect(unreadable.text).not.toMatch(/name="amount"[^>]* checked/);

    const french = await give({ amount: '5000', otherAmount: '0,50' }, 400, 'fr');
    expect(french.text).toContain(
      '<p class="field-error" id="field-otherAmount-error">Choisissez ou indiquez un montant entre 1 et 100 000 euros.</p>',
    );
    const tooMuch = await give({ otherAmount: '100.000,01' }, 400);
    expect(tooMuch.text).toContain('id="field-otherAmount-error"');

    const nothing = await give({}, 400);
    expect(nothing.text).toContain('<p class="field-error" id="field-amount-error">');
    expect(nothing.text).toContain('<fieldset class="amount-choice" aria-invalid="true">');
    // a preset the page does not offer is not an amount
    const forged = await give({ amount: '1' }, 400);
    expect(forged.text).toContain('id="field-amount-error"');
    // what the former "other amount" radio sent, with nothing typed
    const otherButEmpty = await give({ amount: 'other', otherAmount: '' }, 400);
    expect(otherButEmpty.text).toContain('id="field-otherAmount-error"');
    expect(await headOfStore(platform)).toBe(before);
  });

  it('keeps a typed amount when another field is wrong, and shows no preset beside it', async () => {
    const page = await give({ amount: '25000', otherAmount: '35', email: 'not-an-address' }, 400);
    expect(page.text).toContain('id="field-email-error"');
    expect(page.text).toContain('value="35"');
    expect(page.text).not.toMatch(/name="amount"[^>]* checked/);
  });

  it('still takes the former "other amount" radio with a typed amount, from pages opened before', async () => {
    const checkout = await give({ amount: 'other', otherAmount: '12,50' }, 303);
    expect(await chargedCents(checkout.headers.location)).toBe(12_50);
  });

  it('makes one gift of the same form sent twice, and a new one when the donor comes back and changes the amount', async () => {
    const first = await give({ amount: '5000' }, 303, 'nl', 'amount-back-button');
    const again = await give({ amount: '5000' }, 303, 'nl', 'amount-back-button');
    expect(again.headers.location).toBe(first.headers.location);
    // back from the checkout, the page keeps its attempt id: the amount now typed is what the new checkout asks
    const changed = await give({ amount: '5000', otherAmount: '20' }, 303, 'nl', 'amount-back-button');
    expect(changed.headers.location).not.toBe(first.headers.location);
    expect(await chargedCents(first.headers.location)).toBe(50_00);
    expect(await chargedCents(changed.headers.location)).toBe(20_00);
  });
});

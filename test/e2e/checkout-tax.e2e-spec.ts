import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore } from '../support/totals';

async function formToken(agent: TestAgent, path: string): Promise<string> {
  const page = await agent.get(path).expect(200);
  const token = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  if (!token) throw new Error(`no form token on ${path}`);
  return token;
}

const inGent = { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' };

interface CertificateLine {
  name: string;
  surname: string;
  firstNames: string;
  nameSplit: string;
  amountCents: number;
  status: string;
  address?: { street: string; postalCode: string; city: string; country?: string };
  nationalNumber?: string;
}

describe('the checkout page asks for tax-certificate details', () => {
  let platform: TestPlatform;
  let editionId: string;
  let walkerId: string;
  const year = new Date().getUTCFullYear();

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'http://localhost:3000' });
    const edition = await createEdition(platform);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    walkerId = await joinTeam(platform, team, { name: 'Wim', email: 'wim@example.be' });
  });

  afterAll(() => platform.dispose());

  const agent = () => request.agent(platform.app.getHttpServer());

  /** Sends the checkout form of the walker's page, as a browser would, and answers the response. */
  async function sendCheckout(status: number, fields: Record<string, string>, path = `/walkers/${walkerId}/give`) {
    const client = agent();
    const token = await formToken(client, path);
    return client
      .post(path)
      .type('form')
      .send({ _csrf: token, amount: '5000', frequency: 'one_off', method: 'bancontact', ...fields })
      .expect(status);
  }

  async function payInSandbox(location: string) {
    const donationId = location.split('/').pop();
    await platform.http.post(`/api/sandbox/donations/${donationId}/settle`).send({ outcome: 'paid' }).expect(200);
  }

  async function preview() {
    return (
      await platform.http
        .get(`/api/finance/tax-certificates?year=${year}`)
        .set(await platform.adminAuth())
        .expect(200)
    ).body as {
      certificates: CertificateLine[];
      missingNationalNumber: { name: string; missing: string[] }[];
    };
  }

  it('shows the box, the address fields with Belgium chosen, and the register number with its hint', async () => {
    const page = await agent().get(`/walkers/${walkerId}/give`).expect(200);
    expect(page.text).toContain('name="taxCertificate" value="yes"');
    expect(page.text).toContain('Ik wil een fiscaal attest (vanaf 40 € per jaar)');
    for (const name of ['surname', 'firstNames', 'street', 'postalCode', 'city', 'nationalNumber'])
      expect(page.text).toContain(`name="${name}"`);
    expect(page.text).toContain('autocomplete="family-name"');
    expect(page.text).toContain('Rijksregister- of BIS-nummer');
    expect(page.text).toContain('<option value="BE" selected>België</option>');
    expect(page.text).toContain('aria-describedby="field-nationalNumber-hint"');
    expect(page.text).toContain('De Belgische belastingwet vraagt je naam en voornamen zoals op je identiteitskaart');
    const script =
      /<script src="(\/assets\/checkout-tax\.[0-9a-f]{8}\.js)" defer><\/script>/.exec(page.text)?.[1] ?? '';
    expect(script).not.toBe('');
    await agent()
      .get(script)
      .expect(200)
      .expect('Content-Type', /javascript/);
    const french = await agent().get(`/walkers/${walkerId}/give?lang=fr`).expect(200);
    expect(french.text).toContain('Numéro de registre national ou BIS');
    expect(french.text).toContain('Prénoms');
    expect(french.text).toContain('<option value="BE" selected>Belgique</option>');
    const english = await agent().get(`/walkers/${walkerId}/give?lang=en`).expect(200);
    expect(english.text).toContain('National register or BIS number');
  });

  it('puts the details of a donor born before 2000 in the tax certificate preview once the gift is paid', async () => {
    const sent = await sendCheckout(303, {
      attempt: 'tax-ann-0001',
      name: 'Ann Peeters',
      email: 'ann.checkout@example.be',
      taxCertificate: 'yes',
      surname: 'Peeters',
      firstNames: 'Ann Maria',
      ...inGent,
      nationalNumber: '85.07.30-033.28',
    });
    await payInSandbox(sent.headers.location);
    const ann = (await preview()).certificates.find((line) => line.name === 'Ann Peeters');
    expect(ann).toMatchObject({
      amountCents: 50_00,
      status: 'to_issue',
      address: inGent,
      nationalNumber: '85073003328',
      surname: 'Peeters',
      firstNames: 'Ann Maria',
      nameSplit: 'given',
    });
  });

  it('accepts a BIS number, and refuses a month that is no month (13 + 20 = 33)', async () => {
    const sent = await sendCheckout(303, {
      attempt: 'tax-sam-0001',
      name: 'Sam',
      email: 'sam.checkout@example.be',
      taxCertificate: 'yes',
      surname: 'Osei',
      firstNames: 'Samuel',
      ...inGent,
      nationalNumber: '98.47.28-997.65',
    });
    await payInSandbox(sent.headers.location);
    expect((await preview()).certificates.find((line) => line.name === 'Sam')).toMatchObject({
      nationalNumber: '98472899765',
      surname: 'Osei',
    });
    const before = await headOfStore(platform);
    const page = await sendCheckout(400, {
      attempt: 'tax-sam-0002',
      name: 'Sam',
      email: 'sam2.checkout@example.be',
      taxCertificate: 'yes',
      surname: 'Osei',
      firstNames: 'Samuel',
      ...inGent,
      nationalNumber: '85333000148',
    });
    expect(page.text).toMatch(/id="field-nationalNumber-error">Dit is geen geldig rijksregister- of BIS-nummer/);
    expect(await headOfStore(platform)).toBe(before);
  });

  it('accepts the register number of a donor born from 2000, for a monthly gift too', async () => {
    const sent = await sendCheckout(
      303,
      {
        attempt: 'tax-bob-0001',
        amount: 'other',
        otherAmount: '40',
        frequency: 'monthly',
        name: 'Bob Janssens',
        email: 'bob.checkout@example.be',
        taxCertificate: 'yes',
        surname: 'Janssens',
        firstNames: 'Bob',
        street: 'Grand-Rue 5',
        postalCode: 'L-1660',
        city: 'Luxembourg',
        country: 'LU',
        nationalNumber: '01020312345',
      },
      `/editions/${editionId}/give`,
    );
    await payInSandbox(sent.headers.location);
    const bob = (await preview()).certificates.find((line) => line.name === 'Bob Janssens');
    expect(bob).toMatchObject({
      amountCents: 40_00,
      address: { street: 'Grand-Rue 5', postalCode: 'L-1660', city: 'Luxembourg', country: 'LU' },
      nationalNumber: '01020312345',
    });
  });

  it('answers a wrong register number and missing address with the form again, errors by the fields and nothing written', async () => {
    const before = await headOfStore(platform);
    const page = await sendCheckout(400, {
      attempt: 'tax-cleo-0001',
      name: 'Cleo Maes',
      email: 'cleo.checkout@example.be',
      taxCertificate: 'yes',
      surname: ' ',
      firstNames: 'Cleo',
      street: 'Markt 3',
      postalCode: '',
      city: '',
      country: 'BE',
      // the check digits of 01020312345 with the last one changed
      nationalNumber: '01020312346',
    });
    expect(page.text).toContain('Verbeter de velden hieronder.');
    expect(page.text).toContain('aria-describedby="field-nationalNumber-hint field-nationalNumber-error"');
    expect(page.text).toMatch(/id="field-nationalNumber-error">Dit is geen geldig rijksregister- of BIS-nummer/);
    expect(page.text).toContain('id="field-surname-error">Nodig voor een fiscaal attest.');
    expect(page.text).not.toContain('id="field-firstNames-error"');
    expect(page.text).toContain('id="field-postalCode-error">Geef een postcode');
    expect(page.text).toContain('id="field-city-error">Nodig voor een fiscaal attest.');
    expect(page.text).not.toContain('id="field-street-error"');
    expect(page.text).toContain('value="01020312346"');
    expect(page.text).toContain('value="Markt 3"');
    expect(page.text).toMatch(/name="taxCertificate" value="yes" aria-controls="tax-certificate-details" checked\/>/);
    expect(await headOfStore(platform)).toBe(before);
  });

  it('refuses a country outside the list and writes nothing', async () => {
    const before = await headOfStore(platform);
    const page = await sendCheckout(400, {
      attempt: 'tax-dora-0001',
      name: 'Dora',
      email: 'dora.checkout@example.be',
      taxCertificate: 'yes',
      surname: 'Dora',
      firstNames: 'Dora',
      ...inGent,
      country: 'X"><b>',
      nationalNumber: '85073003328',
    });
    expect(page.text).toContain('id="field-country-error"');
    expect(page.text).not.toContain('<b>');
    expect(await headOfStore(platform)).toBe(before);
  });

  it('ignores the details when the box is not ticked, even a wrong register number', async () => {
    const sent = await sendCheckout(303, {
      attempt: 'tax-dirk-0001',
      name: 'Dirk Wouters',
      email: 'dirk.checkout@example.be',
      ...inGent,
      nationalNumber: '12345',
    });
    await payInSandbox(sent.headers.location);
    const list = await preview();
    expect(list.certificates.find((line) => line.name === 'Dirk Wouters')).toBeUndefined();
    expect(list.missingNationalNumber.find((line) => line.name === 'Dirk Wouters')).toMatchObject({
      missing: ['nationalNumber', 'address'],
    });
  });
});

import { binary } from '../support/binary';
import { SaxesParser } from 'saxes';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

/**
 * A fixed set of gifts in 2024, checked to the cent by hand:
 * - Ann (address + national number): 30.00 online + 15.00 by bank transfer recorded offline = 45.00
 * - Bob: monthly 20.00, first payment + one charge = 40.00; a 25.00 gift refunded whole does not count = 40.00
 * - Wim, a walker: 200.00 cash collected from others (collective) and his 15.00 registration fee: nothing
 * - Cleo: 39.99, just under the minimum
 * - Dirk: 50.00 but no national register number: listed apart
 */
describe('Belgian tax certificates 281.71', () => {
  let platform: TestPlatform;
  let now = new Date('2024-03-01T10:00:00.000Z');
  let editionId: string;
  let walkerId: string;

  const ann = {
    name: 'Ann Peeters',
    email: 'ann@example.be',
    address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
    nationalNumber: '85.07.30-033.28',
  };
  const bob = {
    name: 'Bob Janssens',
    email: 'bob@example.be',
    address: { street: 'Rue Haute 5', postalCode: '1000', city: 'Bruxelles', country: 'be' },
    nationalNumber: '01020312345',
  };
  const cleo = { ...bob, name: 'Cleo Maes', email: 'cleo@example.be', nationalNumber: '01020312316' };
  const dirk = { name: 'Dirk Wouters', email: 'dirk@example.be' };

  const headOfStore = async () =>
    (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;

  async function give(donor: object, amountCents: number, extra: object = {}) {
    const created = await platform.http
      .post('/api/donations')
      .send({ beneficiary: { type: 'edition', id: editionId }, amountCents, frequency: 'one_off', donor, ...extra })
      .expect(201);
    await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    return created.body.id as string;
  }

  async function offline(donor: object, amountCents: number, extra: object = {}) {
    await platform.http
      .post('/api/donations/offline')
      .set(await platform.adminAuth())
      .send({ beneficiary: { type: 'edition', id: editionId }, amountCents, donor, receivedAt: '2024-02-20', ...extra })
      .expect(201);
  }

  beforeAll(async () => {
    platform = await startPlatform({}, undefined, { clock: () => now });
    const edition = await createEdition(platform, [
      { name: 'Paid route', distanceKm: 40, kind: 'official', registrationFeeCents: 15_00 },
    ]);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    walkerId = await joinTeam(platform, team, { name: 'Wim', email: 'wim@example.be' });
    await platform.http.post(`/api/sandbox/registration-fees/${walkerId}/settle`).send({ outcome: 'paid' }).expect(200);

    await give(ann, 30_00, { taxCertificate: true });
    await offline(ann, 15_00, { method: 'bank_transfer' });
    const monthly = await give(bob, 20_00, { frequency: 'monthly', taxCertificate: true });
    await platform.http.post(`/api/sandbox/donations/${monthly}/charge`).set('Idempotency-Key', 'april').expect(200);
    const refunded = await give(bob, 25_00);
    await platform.http
      .post(`/api/donations/${refunded}/refunds`)
      .set(await platform.adminAuth())
      .send({})
      .expect(201);
    await offline({ name: 'Wim', email: 'wim@example.be' }, 200_00, { method: 'cash', collective: true });
    await give(cleo, 39_99, { taxCertificate: true });
    await give(dirk, 50_00);
    now = new Date('2025-02-01T09:00:00.000Z');
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const list = async (query = 'year=2024') =>
    (
      await platform.http
        .get(`/api/finance/tax-certificates?${query}`)
        .set(await platform.adminAuth())
        .expect(200)
    ).body;

  it('previews the donors at 40.00 EUR or more, to the cent, and lists apart those without a national number', async () => {
    const body = await list();
    expect(
      body.certificates.map((c: { name: string; amountCents: number; status: string }) => [
        c.name,
        c.amountCents,
        c.status,
      ]),
    ).toEqual([
      ['Ann Peeters', 45_00, 'to_issue'],
      ['Bob Janssens', 40_00, 'to_issue'],
    ]);
    expect(body.certificates[0]).toMatchObject({
      address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
      nationalNumber: '85073003328',
    });
    expect(body.certificates[0].number).toBeUndefined();
    expect(body.totalCents).toBe(85_00);
    expect(body.missingNationalNumber).toEqual([
      {
        donorKey: expect.any(String),
        name: 'Dirk Wouters',
        email: 'dirk@example.be',
        amountCents: 50_00,
        missing: ['nationalNumber', 'address'],
      },
    ]);
  });

  it('issues numbered certificates once; issuing again with nothing changed adds nothing', async () => {
    const auth = await platform.adminAuth();
    const first = await platform.http
      .post('/api/finance/tax-certificates/issue')
      .set(auth)
      .send({ year: 2024 })
      .expect(200);
    expect(first.body).toEqual({ year: 2024, issued: 2, cancelled: 0, certificates: 2 });
    const head = await headOfStore();
    const again = await platform.http
      .post('/api/finance/tax-certificates/issue')
      .set(auth)
      .send({ year: 2024 })
      .expect(200);
    expect(again.body).toEqual({ year: 2024, issued: 0, cancelled: 0, certificates: 2 });
    expect(await headOfStore()).toBe(head);
    const body = await list();
    expect(
      body.certificates.map((c: { number: number; name: string; status: string }) => [c.number, c.name, c.status]),
    ).toEqual([
      [1, 'Ann Peeters', 'issued'],
      [2, 'Bob Janssens', 'issued'],
    ]);
  });

  it('serves one PDF per certificate with its number, and the list as CSV and XLSX', async () => {
    const auth = await platform.adminAuth();
    const pdf = await platform.http
      .get('/api/finance/tax-certificates/2024/1.pdf')
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (pdf.body as Buffer).toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    expect(text).toContain('(Attest 281.71 2024 nr 1)');
    await platform.http.get('/api/finance/tax-certificates/2024/9.pdf').set(auth).expect(404);

    const csv = await platform.http.get('/api/finance/tax-certificates?year=2024&format=csv').set(auth).expect(200);
    expect(csv.text).toBe(
      '\uFEFFnumber;status;name;street;postal_code;city;country;national_number;email;amount_eur\r\n' +
        '1;issued;Ann Peeters;Kerkstraat 1;9000;Gent;BE;85073003328;ann@example.be;45,00\r\n' +
        '2;issued;Bob Janssens;Rue Haute 5;1000;Bruxelles;BE;01020312345;bob@example.be;40,00\r\n',
    );
    const xlsx = await platform.http
      .get('/api/finance/tax-certificates?year=2024&format=xlsx')
      .set(auth)
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect((xlsx.body as Buffer).subarray(0, 2).toString()).toBe('PK');
  });

  it('writes a well-formed Belcotax-on-web XML file with one 281.71 record per issued certificate', async () => {
    const xml = await platform.http
      .get('/api/finance/tax-certificates?year=2024&format=belcotax')
      .set(await platform.adminAuth())
      .expect(200);
    const elements: string[] = [];
    const texts = new Map<string, string[]>();
    let current = '';
    const parser = new SaxesParser();
    parser.on('opentag', (tag) => {
      elements.push(tag.name);
      current = tag.name;
    });
    parser.on('text', (text) => {
      if (text.trim()) texts.set(current, [...(texts.get(current) ?? []), text]);
    });
    parser.write(xml.text).close();
    expect(elements.slice(0, 3)).toEqual(['Verzendingen', 'Verzending', 'v0002_inkomstenjaar']);
    expect(elements.filter((e) => e === 'Fiche28171')).toHaveLength(2);
    expect(texts.get('f2009_volgnummer')).toEqual(['1', '2']);
    expect(texts.get('f2011_nationaalnr')).toEqual(['85073003328', '01020312345']);
    expect(texts.get('f71_2060_bedraggiften')).toEqual(['4500', '4000']);
    expect(texts.get('r8012_controletotaal')).toEqual(['8500']);
    expect(texts.get('v0024_nationaalnr')).toEqual(['0412345614']);
  });

  it('corrects a certificate whose amount changed: the old one cancelled, a new one with the next number', async () => {
    now = new Date('2024-11-01T10:00:00.000Z');
    await give(ann, 10_00);
    now = new Date('2025-02-10T09:00:00.000Z');
    const auth = await platform.adminAuth();
    const before = await list();
    expect(before.certificates[0]).toMatchObject({
      number: 1,
      status: 'to_correct',
      amountCents: 45_00,
      qualifyingCents: 55_00,
    });
    const issued = await platform.http
      .post('/api/finance/tax-certificates/issue')
      .set(auth)
      .send({ year: 2024 })
      .expect(200);
    expect(issued.body).toEqual({ year: 2024, issued: 1, cancelled: 1, certificates: 2 });
    const after = await list();
    expect(
      after.certificates.map((c: { number: number; name: string; amountCents: number }) => [
        c.number,
        c.name,
        c.amountCents,
      ]),
    ).toEqual([
      [2, 'Bob Janssens', 40_00],
      [3, 'Ann Peeters', 55_00],
    ]);
    expect(after.cancelled).toEqual([
      {
        number: 1,
        donorKey: expect.any(String),
        amountCents: 45_00,
        reason: 'amount changed from 45.00 EUR to 55.00 EUR',
      },
    ]);
    await platform.http.get('/api/finance/tax-certificates/2024/1.pdf').set(auth).expect(404);
  });

  it('refuses a certificate request without national number or with a wrong one, writing nothing', async () => {
    const head = await headOfStore();
    const missing = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'edition', id: editionId },
        amountCents: 50_00,
        frequency: 'one_off',
        donor: { ...ann, nationalNumber: undefined },
        taxCertificate: true,
      })
      .expect(400);
    expect(missing.body.errors).toEqual([
      { field: 'donor.nationalNumber', problems: ['a national register number is needed for a tax certificate'] },
    ]);
    const wrong = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'edition', id: editionId },
        amountCents: 50_00,
        frequency: 'one_off',
        donor: { ...ann, nationalNumber: '85073003329' },
        taxCertificate: true,
      })
      .expect(400);
    expect(wrong.body.errors[0].field).toBe('donor.nationalNumber');
    const noCity = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'edition', id: editionId },
        amountCents: 50_00,
        frequency: 'one_off',
        donor: { ...ann, address: { street: 'x', postalCode: '1000' } },
      })
      .expect(400);
    expect(noCity.body.errors[0].field).toBe('donor.address.city');
    expect(await headOfStore()).toBe(head);
  });

  it('refuses a year out of range, an unknown format and callers without the finance role', async () => {
    const auth = await platform.adminAuth();
    const head = await headOfStore();
    for (const query of ['year=1999', 'year=2101', 'year=abc', '', 'year=2024&format=pdf', 'year=2024&other=1']) {
      const answer = await platform.http.get(`/api/finance/tax-certificates?${query}`).set(auth).expect(400);
      expect(answer.body.message).toMatch(/year|format|other/);
    }
    // a year that breaks all three of its rules is told once
    const abc = await platform.http.get('/api/finance/tax-certificates?year=abc').set(auth).expect(400);
    expect(abc.body.errors).toEqual([
      { field: 'year', problems: ['year must be an income year between 2000 and 2100'] },
    ]);
    await platform.http.post('/api/finance/tax-certificates/issue').set(auth).send({ year: 1999 }).expect(400);
    await platform.http.post('/api/finance/tax-certificates/issue').set(auth).send({}).expect(400);
    await platform.http.get('/api/finance/tax-certificates/1999/1.pdf').set(auth).expect(400);
    const json2025 = await platform.http
      .get('/api/finance/tax-certificates?year=2025&format=belcotax')
      .set(auth)
      .expect(400);
    expect(json2025.body.message).toMatch(/up to 2024/);
    await platform.http.get('/api/finance/tax-certificates?year=2024').expect(401);
    expect(await headOfStore()).toBe(head);
  });
});

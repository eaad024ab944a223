import { binary } from '../support/binary';
import { SaxesParser } from 'saxes';
import { describeWithReferences, reference } from '../support/references';
import { xmllintErrors } from '../support/xmllint';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

/**
 * A fixed set of gifts in 2024, checked to the cent by hand:
 * - Ann (address + national number): 30.00 online + 15.00 by bank transfer recorded offline = 45.00
 * - Bob: monthly 20.00, first payment + one charge = 40.00; a 25.00 gift refunded whole does not count = 40.00
 * - Wim, a walker: 200.00 cash collected from others (collective) and his 15.00 registration fee: nothing
 * - Cleo: 39.99, just under the minimum
 * - Dirk: 50.00 but no address: listed apart, no certificate
 * - Eva, living in the Netherlands: 50.00 without a national number: tolerated for 2024, a certificate with the
 *   field empty, and listed for finance
 * Ann gave one name (split as a guess on her certificate), Bob his surname and first names apart.
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
    surname: 'Janssens',
    firstNames: 'Bob Pieter',
    email: 'bob@example.be',
    address: { street: 'Rue Haute 5', postalCode: '1000', city: 'Bruxelles', country: 'be' },
    nationalNumber: '01020312345',
  };
  const cleo = { ...bob, name: 'Cleo Maes', email: 'cleo@example.be', nationalNumber: '01020312316' };
  const dirk = { name: 'Dirk Wouters', email: 'dirk@example.be' };
  const eva = {
    surname: 'de Vries',
    firstNames: 'Eva',
    email: 'eva@example.nl',
    address: { street: 'Damrak 1', postalCode: '1012 LG', city: 'Amsterdam', country: 'NL' },
  };

  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;
  };

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
    await give(eva, 50_00, { taxCertificate: true });
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

  it('previews the donors at 40.00 EUR or more, to the cent, and lists those without a national number or address', async () => {
    const body = await list();
    expect(
      body.certificates.map((c: { name: string; amountCents: number; status: string }) => [
        c.name,
        c.amountCents,
        c.status,
      ]),
    ).toEqual([
      ['Ann Peeters', 45_00, 'to_issue'],
      ['Bob Pieter Janssens', 40_00, 'to_issue'],
      ['Eva de Vries', 50_00, 'to_issue'],
    ]);
    expect(body.certificates[0]).toMatchObject({
      address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
      nationalNumber: '85073003328',
      surname: 'Peeters',
      firstNames: 'Ann',
      nameSplit: 'guessed',
    });
    expect(body.certificates[1]).toMatchObject({ surname: 'Janssens', firstNames: 'Bob Pieter', nameSplit: 'given' });
    expect(body.certificates[2].nationalNumber).toBeUndefined();
    expect(body.certificates[0].number).toBeUndefined();
    expect(body.totalCents).toBe(135_00);
    expect(body.nationalNumber).toBe('tolerated');
    expect(body.filing).toEqual({ format: 'belcotax-xml', schema: 'Belcotax-2024.xsd' });
    // 2024: the national number is tolerated missing, the address is not
    expect(body.missingNationalNumber).toEqual([
      {
        donorKey: expect.any(String),
        name: 'Dirk Wouters',
        email: 'dirk@example.be',
        amountCents: 50_00,
        missing: ['address'],
      },
    ]);
    expect(body.withoutNationalNumber).toEqual([
      { donorKey: expect.any(String), name: 'Eva de Vries', email: 'eva@example.nl', amountCents: 50_00 },
    ]);
  });

  it('issues numbered certificates once; issuing again with nothing changed adds nothing', async () => {
    const auth = await platform.adminAuth();
    const first = await platform.http
      .post('/api/finance/tax-certificates/issue')
      .set(auth)
      .send({ year: 2024 })
      .expect(200);
    expect(first.body).toEqual({ year: 2024, issued: 3, cancelled: 0, certificates: 3 });
    const head = await headOfStore();
    const again = await platform.http
      .post('/api/finance/tax-certificates/issue')
      .set(auth)
      .send({ year: 2024 })
      .expect(200);
    expect(again.body).toEqual({ year: 2024, issued: 0, cancelled: 0, certificates: 3 });
    expect(await headOfStore()).toBe(head);
    const body = await list();
    expect(
      body.certificates.map((c: { number: number; name: string; status: string }) => [c.number, c.name, c.status]),
    ).toEqual([
      [1, 'Ann Peeters', 'issued'],
      [2, 'Bob Pieter Janssens', 'issued'],
      [3, 'Eva de Vries', 'issued'],
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
      '\uFEFFincome_year_2002;company_number_2005;form_2008;number_2009;status;issued_on;surname_2013;first_names_2114;name_split;street_2015;' +
        'postal_code_2016_2112;city_2017;country;country_code_2018;national_number_2011;email;article_2045;amount_eur_2060\r\n' +
        '2024;0412345614;28171;1;issued;2025-02-01;Peeters;Ann;guessed;Kerkstraat 1;9000;Gent;BE;00000;85073003328;ann@example.be;1;45,00\r\n' +
        '2024;0412345614;28171;2;issued;2025-02-01;Janssens;Bob Pieter;given;Rue Haute 5;1000;Bruxelles;BE;00000;01020312345;bob@example.be;1;40,00\r\n' +
        '2024;0412345614;28171;3;issued;2025-02-01;de Vries;Eva;given;Damrak 1;1012 LG;Amsterdam;NL;00129;;eva@example.nl;1;50,00\r\n',
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
    expect(elements.filter((e) => e === 'Fiche28171')).toHaveLength(3);
    expect(texts.get('f2009_volgnummer')).toEqual(['1', '2', '3']);
    // Eva has none: zone 2.11 left out (tolerated for 2024)
    expect(texts.get('f2011_nationaalnr')).toEqual(['85073003328', '01020312345']);
    expect(texts.get('f2013_naam')).toEqual(['Peeters', 'Janssens', 'de Vries']);
    expect(texts.get('f2114_voornamen')).toEqual(['Ann', 'Bob Pieter', 'Eva']);
    expect(texts.get('f2018_landwoonplaats')).toEqual(['00000', '00000', '00129']);
    expect(texts.get('f2112_buitenlandspostnummer')).toEqual(['1012 LG']);
    expect(texts.get('f71_2060_bedragliberaliteiten')).toEqual(['4500', '4000', '5000']);
    expect(texts.get('r8012_controletotaal')).toEqual(['13500']);
    expect(texts.get('v0024_nationaalnr')).toEqual(['0412345614']);
    expect(texts.get('v0021_contactpersoon')).toEqual(['Finance (sandbox)']);
  });

  describeWithReferences('the file the API serves, against the official XSD', () => {
    it('validates with xmllint --schema Belcotax-2024.xsd', async () => {
      const xml = await platform.http
        .get('/api/finance/tax-certificates?year=2024&format=belcotax')
        .set(await platform.adminAuth())
        .expect(200);
      expect(xmllintErrors(xml.text, reference('belgian-finance/belcotax/Belcotax-2024.xsd'))).toEqual([]);
    });
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
    expect(issued.body).toEqual({ year: 2024, issued: 1, cancelled: 1, certificates: 3 });
    const after = await list();
    expect(
      after.certificates.map((c: { number: number; name: string; amountCents: number }) => [
        c.number,
        c.name,
        c.amountCents,
      ]),
    ).toEqual([
      [2, 'Bob Pieter Janssens', 40_00],
      [3, 'Eva de Vries', 50_00],
      [4, 'Ann Peeters', 55_00],
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

  it('from 2026 refuses a certificate request without national number, and a wrong one any year, writing nothing', async () => {
    now = new Date('2026-03-01T10:00:00.000Z');
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
      {
        field: 'donor.nationalNumber',
        problems: ['a national register or BIS number is needed for a tax certificate'],
      },
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
    expect(wrong.body.errors[0]).toEqual({
      field: 'donor.nationalNumber',
      problems: [
        'donor.nationalNumber must be a Belgian national register or BIS number (11 digits with a correct check)',
      ],
    });
    // month 13 with a valid check is no number at all
    await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'edition', id: editionId },
        amountCents: 50_00,
        frequency: 'one_off',
        donor: { ...ann, nationalNumber: '85133000105' },
        taxCertificate: true,
      })
      .expect(400);
    const firstNamesAlone = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'edition', id: editionId },
        amountCents: 50_00,
        frequency: 'one_off',
        donor: { firstNames: 'Ann', email: 'ann@example.be' },
      })
      .expect(400);
    expect(firstNamesAlone.body.errors.map((e: { field: string }) => e.field)).toEqual([
      'donor.name',
      'donor.firstNames',
    ]);
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
    now = new Date('2025-02-10T09:00:00.000Z');
  });

  it('in 2025 still takes a certificate request without national number (tolerated), with a BIS number too', async () => {
    now = new Date('2025-03-01T10:00:00.000Z');
    await give({ ...ann, email: 'noor@example.be', name: 'Noor Aziz', nationalNumber: undefined }, 45_00, {
      taxCertificate: true,
    });
    await give({ ...ann, email: 'sam@example.be', name: 'Sam Osei', nationalNumber: '98.47.28-997.65' }, 60_00, {
      taxCertificate: true,
    });
    now = new Date('2025-03-02T10:00:00.000Z');
    const body = await list('year=2025');
    expect(body.withoutNationalNumber.map((d: { name: string }) => d.name)).toEqual(['Noor Aziz']);
    expect(body.certificates.find((c: { name: string }) => c.name === 'Sam Osei').nationalNumber).toBe('98472899765');
    now = new Date('2025-02-10T09:00:00.000Z');
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
    // 2025 takes XML, but only once the year is over, and only for issued certificates
    const early = await platform.http
      .get('/api/finance/tax-certificates?year=2025&format=belcotax')
      .set(auth)
      .expect(409);
    expect(early.body.message).toMatch(/from 1 January 2026/);
    now = new Date('2026-01-10T09:00:00.000Z');
    const none = await platform.http
      .get('/api/finance/tax-certificates?year=2025&format=belcotax')
      .set(auth)
      .expect(409);
    expect(none.body.message).toMatch(/no issued certificates for 2025/);
    // 2026: no file we could write (BOW 2.0 JSON); the list and the PDFs instead, and the answer says so
    now = new Date('2027-01-10T09:00:00.000Z');
    const json2026 = await platform.http
      .get('/api/finance/tax-certificates?year=2026&format=belcotax')
      .set(auth)
      .expect(400);
    expect(json2026.body.message).toMatch(/no Belcotax XML file for income year 2026: .*JSON Lines.*CSV or XLSX list/);
    expect(json2026.body.errors).toEqual([
      { field: 'format', problems: ['belcotax is for income years 2024 and 2025'] },
    ]);
    const list2026 = (await platform.http.get('/api/finance/tax-certificates?year=2026').set(auth).expect(200)).body;
    expect(list2026).toMatchObject({ nationalNumber: 'required', filing: { format: 'by-hand' } });
    now = new Date('2025-02-10T09:00:00.000Z');
    await platform.http.get('/api/finance/tax-certificates?year=2024').expect(401);
    expect(await headOfStore()).toBe(head);
  });
});

import type { DonationEvent } from '@rw/fundraising';
import { parse } from 'csv-parse/sync';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { appendDonationFacts } from '../support/provider-facts';

const ADDRESS = { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' };

/**
 * Issue 7's "done when": one fixed set of gifts of a year, through the API wherever there is one, and the books
 * checked to the cent against values computed by hand:
 *
 *   Ann    one-off online 60.00, provider fee 0.65                      certificate 60.00
 *   Bob    monthly 15.00: first payment and two charges = 45.00          certificate 45.00
 *   Carl   offline cash 50.00, no national number                       listed apart (50.00)
 *   Gina   offline cash 100.00 collected from others (collective)       raised, never on a certificate
 *   Dora   imported 35.00                                               under 40.00: no certificate
 *   Eve    one-off 80.00, 30.00 refunded                                certificate 50.00
 *   Finn   one-off 20.00, charged back                                  0.00
 *   the walker's registration fee 10.00: money in, never a gift
 *
 * raised = 60 + 45 + 50 + 100 + 35 + 50 + 0 = 340.00; fees 0.65; the ledger's net over gifts 339.35, plus the fee 10.00
 */
describe('the books of one year: ledger export, donor statistics and tax certificates on one fixed set of gifts', () => {
  let platform: TestPlatform;
  let now = '2026-05-01T08:00:00.000Z';
  let editionId: string;
  let walkerId: string;
  const ids: Record<string, string> = {};

  const at = (instant: string) => {
    now = instant;
  };
  const auth = () => platform.adminAuth();
  const give = async (name: string, body: Record<string, unknown>) => {
    const created = await platform.http
      .post('/api/donations')
      .send({
        frequency: 'one_off',
        beneficiary: { type: 'walker', id: walkerId },
        donor: { name, email: `${name.toLowerCase()}@example.be` },
        ...body,
      })
      .expect(201);
    await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    ids[name] = created.body.id;
    return created.body.id as string;
  };
  /** A fact only a provider's dashboard makes (a dispute), applied as its webhook would. */
  const providerFact = (donationId: string, event: DonationEvent) => appendDonationFacts(platform, donationId, [event]);

  beforeAll(async () => {
    platform = await startPlatform({}, undefined, { clock: () => new Date(now) });
    const edition = await createEdition(platform, [
      { name: 'Official 40 km', distanceKm: 40, kind: 'official', registrationFeeCents: 10_00 },
    ]);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Boekhouders', {
      name: 'Walter',
      email: 'walter@example.be',
    });
    walkerId = team.captainWalkerId;

    at('2026-05-02T09:00:00.000Z');
    await platform.http.post(`/api/sandbox/registration-fees/${walkerId}/settle`).send({ outcome: 'paid' }).expect(200);

    at('2026-05-03T09:00:00.000Z');
    await give('Ann', {
      amountCents: 60_00,
      taxCertificate: true,
      donor: { name: 'Ann', email: 'ann@example.be', address: ADDRESS, nationalNumber: '85.07.30-033.28' },
    });
    await providerFact(ids.Ann, {
      type: 'ProviderFeeRecorded',
      data: { donationId: ids.Ann, providerPaymentId: 'pay-ann', feeCents: 65, recordedAt: '2026-05-04T09:00:00.000Z' },
    });
    const bob = await give('Bob', {
      amountCents: 15_00,
      frequency: 'monthly',
      taxCertificate: true,
      donor: { name: 'Bob', email: 'bob@example.be', address: ADDRESS, nationalNumber: '93051822361' },
    });
    at('2026-06-03T09:00:00.000Z');
    await platform.http.post(`/api/sandbox/donations/${bob}/charge`).set('Idempotency-Key', 'bob-june').expect(200);
    at('2026-07-03T09:00:00.000Z');
    await platform.http.post(`/api/sandbox/donations/${bob}/charge`).set('Idempotency-Key', 'bob-july').expect(200);
    // the same charge delivered again counts once
    await platform.http.post(`/api/sandbox/donations/${bob}/charge`).set('Idempotency-Key', 'bob-july').expect(200);

    at('2026-07-10T09:00:00.000Z');
    for (const [name, amountCents, collective] of [
      ['Carl', 50_00, false],
      ['Gina', 100_00, true],
    ] as const) {
      const offline = await platform.http
        .post('/api/donations/offline')
        .set(await auth())
        .send({
          beneficiary: { type: 'walker', id: walkerId },
          amountCents,
          donor: { name, email: `${name.toLowerCase()}@example.be` },
          method: 'cash',
          receivedAt: '2026-07-09',
          collective,
        })
        .expect(201);
      ids[name] = offline.body.id;
    }

    const imported = await platform.http
      .post('/api/imports/donations')
      .set(await auth())
      .set('Content-Type', 'text/csv')
      .send(
        `date;donor_email;donor_name;amount;frequency;walker_id\n2026-07-15;dora@example.be;Dora;35,00;one_off;${walkerId}\n`,
      )
      .expect(200);
    expect(imported.body).toMatchObject({ imported: 1, skipped: 0 });

    at('2026-08-01T09:00:00.000Z');
    await give('Eve', {
      amountCents: 80_00,
      taxCertificate: true,
      donor: { name: 'Eve', email: 'eve@example.be', address: ADDRESS, nationalNumber: '90010100123' },
    });
    await give('Finn', { amountCents: 20_00 });
    at('2026-08-05T09:00:00.000Z');
    await platform.http
      .post(`/api/donations/${ids.Eve}/refunds`)
      .set(await auth())
      .send({ amountCents: 30_00 })
      .expect(201);
    await providerFact(ids.Finn, {
      type: 'DonationChargedBack',
      data: { donationId: ids.Finn, chargebackId: 'dp-finn', amountCents: 20_00, chargedBackAt: now },
    });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('counts 340.00 raised for the edition, the walker and the team', async () => {
    const stats = (await platform.http.get(`/api/editions/${editionId}/stats`).expect(200)).body;
    expect(stats).toMatchObject({ raisedCents: 340_00, supporters: 7 });
    const walker = (await platform.http.get(`/api/walkers/${walkerId}`).expect(200)).body;
    expect(walker.raisedCents).toBe(340_00);
  });

  it('exports one ledger row per money movement, with the totals computed by hand', async () => {
    const response = await platform.http
      .get('/api/finance/export?from=2026-01-01&to=2026-12-31&format=csv')
      .set(await auth())
      .expect(200);
    const rows = parse(response.text.replace(/^\uFEFF/, ''), { delimiter: ';', columns: true }) as Record<
      string,
      string
    >[];
    const columns = Object.keys(rows[0]);
    const column = (pattern: RegExp) => columns.find((c) => pattern.test(c)) as string;
    const [movement, gross, fee, net, donor] = [/movement/i, /gross/i, /^fee/i, /net/i, /donor.*name/i].map(column);
    const cents = (euros: string) => Math.round(Number(euros.replace(/\./g, '').replace(',', '.')) * 100);
    const booked = rows
      .map((r) => `${r[movement]} ${r[donor] || '-'} ${cents(r[gross])} ${cents(r[fee])} ${cents(r[net])}`)
      .sort();
    expect(booked).toEqual(
      [
        'registration_fee - 1000 0 1000',
        'gift_paid Ann 6000 0 6000',
        'provider_fee Ann 0 65 -65',
        'gift_paid Bob 1500 0 1500',
        'monthly_charge Bob 1500 0 1500',
        'monthly_charge Bob 1500 0 1500',
        'offline_gift Carl 5000 0 5000',
        'offline_gift Gina 10000 0 10000',
        'imported_gift Dora 3500 0 3500',
        'gift_paid Eve 8000 0 8000',
        'refund Eve -3000 0 -3000',
        'gift_paid Finn 2000 0 2000',
        'chargeback Finn -2000 0 -2000',
      ].sort(),
    );
    const sum = (key: string, filter: (r: Record<string, string>) => boolean = () => true) =>
      rows.filter(filter).reduce((total, r) => total + cents(r[key]), 0);
    expect([sum(gross), sum(fee), sum(net)]).toEqual([350_00, 65, 349_35]);
    // raised minus fees, to the cent: every movement but the registration fee
    expect(sum(net, (r) => r[movement] !== 'registration_fee')).toBe(340_00 - 65);
  });

  it('reports the donor statistics of the year: six one-off donors averaging 57.50 and one monthly donor', async () => {
    const stats = await platform.http
      .get('/api/stats/donors?year=2026')
      .set(await auth())
      .expect(200);
    // one-off: Ann 60 + Carl 50 + Gina 100 + Dora 35 + Eve 80 + Finn 20 = 345.00 over 6 gifts; monthly: 3 × 15.00
    expect(stats.body).toEqual({
      year: 2026,
      oneOff: { donors: 6, gifts: 6, averageGiftCents: 57_50 },
      monthly: { donors: 1, gifts: 3, averageGiftCents: 15_00 },
    });
  });

  it('gives certificates to Ann, Bob and Eve, lists Carl apart, and issues them numbered 1 to 3', async () => {
    const preview = (
      await platform.http
        .get('/api/finance/tax-certificates?year=2026')
        .set(await auth())
        .expect(200)
    ).body;
    const byName = (list: { name: string; amountCents: number }[]) =>
      Object.fromEntries(list.map((c) => [c.name, c.amountCents]));
    expect(byName(preview.certificates)).toEqual({ Ann: 60_00, Bob: 45_00, Eve: 50_00 });
    expect(byName(preview.missingNationalNumber)).toEqual({ Carl: 50_00 });
    expect(preview.totalCents).toBe(155_00);

    await platform.http
      .post('/api/finance/tax-certificates/issue')
      .set(await auth())
      .send({ year: 2026 })
      .expect((response) => expect([200, 201]).toContain(response.status));
    const issued = (
      await platform.http
        .get('/api/finance/tax-certificates?year=2026')
        .set(await auth())
        .expect(200)
    ).body.certificates as { number: number; name: string; status: string; nationalNumber: string }[];
    expect(issued.map((c) => [c.number, c.name, c.status])).toEqual([
      [1, 'Ann', 'issued'],
      [2, 'Bob', 'issued'],
      [3, 'Eve', 'issued'],
    ]);
    expect(issued[0].nationalNumber).toBe('85073003328');
  });
});

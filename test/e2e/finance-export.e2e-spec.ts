import { binary } from '../support/binary';
import type { DonationEvent } from '@rw/fundraising';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { appendDonationFacts } from '../support/provider-facts';

const COMMUNICATION = '+++090/9337/55493+++';

/**
 * A fixed set of gifts, each movement dated by the test's clock, and the ledger checked against hand-computed values:
 * registration fee 15.00; online 25.00 with a fee of 0.39 corrected to 0.44; monthly 10.00 and a charge a month later;
 * offline 50.00 by transfer with a structured communication; 40.00 refunded; 30.00 charged back.
 */
describe('finance export of the ledger (CSV and XLSX)', () => {
  let platform: TestPlatform;
  let now = '2026-06-14T08:00:00.000Z';
  let editionId: string;
  let walkerId: string;
  let onlineId: string;

  const at = (instant: string) => {
    now = instant;
  };
  const appendFacts = (donationId: string, events: DonationEvent[]) =>
    appendDonationFacts(platform, donationId, events);
  const give = async (body: Record<string, unknown>) => {
    const created = await platform.http
      .post('/api/donations')
      .send({ frequency: 'one_off', donor: { name: 'Sofie Claes', email: 'sofie@example.be' }, ...body })
      .expect(201);
    await platform.http.post(`/api/sandbox/donations/${created.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    return created.body.id as string;
  };
  const headOfStore = async () => {
    await platform.effectsDone();
    return (await platform.http.get('/health').expect(200)).body.eventStore.headPosition as string;
  };

  beforeAll(async () => {
    platform = await startPlatform({}, undefined, { clock: () => new Date(now) });
    const auth = await platform.adminAuth();
    const edition = await createEdition(platform, [
      { name: 'Official 40 km', distanceKm: 40, kind: 'official', registrationFeeCents: 15_00 },
    ]);
    editionId = edition.id;
    const team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Stappers', {
      name: 'Fatima',
      email: 'fatima@example.be',
    });
    walkerId = team.captainWalkerId;
    at('2026-06-14T22:30:00.000Z'); // 00:30 on 15 June in Brussels
    await platform.http.post(`/api/sandbox/registration-fees/${walkerId}/settle`).send({ outcome: 'paid' }).expect(200);

    at('2026-06-15T10:00:00.000Z');
    onlineId = await give({ beneficiary: { type: 'walker', id: walkerId }, amountCents: 25_00 });
    const monthlyId = await give({
      beneficiary: { type: 'team', id: team.id },
      amountCents: 10_00,
      frequency: 'monthly',
      donor: { name: 'Maandelijkse Gever', email: 'monthly@example.be' },
    });
    const refundedId = await give({
      beneficiary: { type: 'walker', id: walkerId },
      amountCents: 40_00,
      donor: { name: 'Refund Me', email: 'refund@example.be' },
    });
    const chargedBackId = await give({
      beneficiary: { type: 'team', id: team.id },
      amountCents: 30_00,
      donor: { name: 'Disputed; "Quoted"', email: 'dispute@example.be' },
    });

    await appendFacts(onlineId, [
      {
        type: 'ProviderFeeRecorded',
        data: {
          donationId: onlineId,
          providerPaymentId: `sandbox_${onlineId}`,
          feeCents: 39,
          recordedAt: '2026-06-16T09:00:00.000Z',
        },
      },
    ]);
    await appendFacts(onlineId, [
      {
        type: 'ProviderFeeRecorded',
        data: {
          donationId: onlineId,
          providerPaymentId: `sandbox_${onlineId}`,
          feeCents: 44,
          recordedAt: '2026-06-17T09:00:00.000Z',
        },
      },
    ]);
    at('2026-06-20T10:00:00.000Z');
    await platform.http.post(`/api/donations/${refundedId}/refunds`).set(auth).send({}).expect(201);
    await appendFacts(chargedBackId, [
      {
        type: 'DonationChargedBack',
        data: {
          donationId: chargedBackId,
          chargebackId: 'dispute-1',
          amountCents: 30_00,
          chargedBackAt: '2026-06-22T10:00:00.000Z',
        },
      },
    ]);
    // recorded on 25 June, received on 10 June: the ledger books it on the 10th
    await appendFacts('offline-1', [
      {
        type: 'DonationCreated',
        data: {
          donationId: 'offline-1',
          editionId,
          beneficiary: { type: 'edition', id: editionId },
          amountCents: 50_00,
          frequency: 'one_off',
          donor: { name: 'Bank Gever', email: 'bank@example.be' },
          anonymous: false,
          provider: 'offline',
          recordedOffline: { by: 'admin', method: 'bank_transfer', receivedOn: '2026-06-10', reference: COMMUNICATION },
          createdAt: '2026-06-25T09:00:00.000Z',
        },
      },
      {
        type: 'DonationPaid',
        data: {
          donationId: 'offline-1',
          amountCents: 50_00,
          providerReference: COMMUNICATION,
          paidAt: '2026-06-25T09:00:00.000Z',
        },
      },
    ]);
    at('2026-07-15T10:00:00.000Z');
    await platform.http.post(`/api/sandbox/donations/${monthlyId}/charge`).expect(200);
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const csv = async (query: string) => {
    const response = await platform.http
      .get(`/api/finance/export?${query}&format=csv`)
      .set(await platform.adminAuth())
      .buffer(true)
      .parse(binary)
      .expect(200);
    return { response, text: (response.body as Buffer).toString('utf8') };
  };

  it('writes one CSV row per money movement with a BOM, `;`, decimal commas and Brussels dates', async () => {
    const { response, text } = await csv('from=2026-06-01&to=2026-07-31');
    expect(response.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ledger-2026-06-01-to-2026-07-31.csv"');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'date;time;movement;donation_id;provider;provider_reference;gross_eur;fee_eur;net_eur;donor_name;donor_email;beneficiary_type;beneficiary_name;edition;structured_communication;fee_status;covered_fees_eur',
    );
    // parsed back as Excel would: `;`, quotes doubled inside quoted fields
    const records = parse(text, { delimiter: ';', bom: true, from_line: 2 }) as string[][];
    const rows = records.map((f) => `${f[0]} ${f[1]} ${f[2]} ${f[6]}|${f[7]}|${f[8]} ${f[11]}`);
    // in date order; rows of the same instant follow their ids, so compare the rows as a set and the order by date
    expect(rows.map((row) => row.slice(0, 19))).toEqual(rows.map((row) => row.slice(0, 19)).sort());
    expect([...rows].sort()).toEqual(
      [
        '2026-06-10  offline_gift 50,00|0,00|50,00 edition',
        '2026-06-15 00:30:00 registration_fee 15,00|0,00|15,00 walker',
        '2026-06-15 12:00:00 gift_paid 25,00|0,00|25,00 walker',
        '2026-06-15 12:00:00 gift_paid 10,00|0,00|10,00 team',
        '2026-06-15 12:00:00 gift_paid 40,00|0,00|40,00 walker',
        '2026-06-15 12:00:00 gift_paid 30,00|0,00|30,00 team',
        '2026-06-16 11:00:00 provider_fee 0,00|0,39|-0,39 walker',
        '2026-06-17 11:00:00 provider_fee 0,00|0,05|-0,05 walker',
        '2026-06-20 12:00:00 refund -40,00|0,00|-40,00 walker',
        '2026-06-22 12:00:00 chargeback -30,00|0,00|-30,00 team',
        '2026-07-15 12:00:00 monthly_charge 10,00|0,00|10,00 team',
      ].sort(),
    );
    const offline = lines.find((line) => line.includes('offline_gift'));
    expect(offline).toContain(';Bank Gever;bank@example.be;edition;Refugee Walk 2026;Refugee Walk 2026;');
    // a structured communication is no formula: it reads back as the communication itself
    expect(offline?.endsWith(`;${COMMUNICATION};;0,00`)).toBe(true);
    expect(records.find((f) => f[2] === 'offline_gift')?.[14]).toBe(COMMUNICATION);
    const disputed = lines.find((line) => line.includes('chargeback'));
    expect(disputed).toContain(';"Disputed; ""Quoted""";dispute@example.be;team;De Stappers;');
    const fee = lines.find((line) => line.includes('registration_fee'));
    expect(fee).toContain(';;;walker;Fatima;Refugee Walk 2026;');
    // the sandbox and offline gifts charge no fee: their rows say nothing of one (Stripe and Mollie rows do)
    expect(new Set(records.map((f) => f[15]))).toEqual(new Set(['']));
  });

  it('takes from and to as Brussels days, both included', async () => {
    const { text } = await csv('from=2026-06-15&to=2026-06-15');
    const kinds = text
      .trimEnd()
      .split('\r\n')
      .slice(1)
      .map((line) => line.split(';')[2]);
    expect(kinds.sort()).toEqual(['gift_paid', 'gift_paid', 'gift_paid', 'gift_paid', 'registration_fee']);
    const empty = await csv('from=2026-06-14&to=2026-06-14');
    expect(empty.text.trimEnd().split('\r\n')).toHaveLength(1);
  });

  it('sums the net of an edition’s gift movements to its raised amount minus fees, to the cent', async () => {
    const { text } = await csv('from=2000-01-01&to=2100-12-31');
    const cents = (euros: string) => Number(euros.replace(',', '').replace('-', '')) * (euros.startsWith('-') ? -1 : 1);
    const lines = parse(text, { delimiter: ';', bom: true, from_line: 2 }) as string[][];
    const giftNet = lines
      .filter((f) => f[2] !== 'registration_fee' && f[13] === 'Refugee Walk 2026')
      .reduce((sum, f) => sum + cents(f[8]), 0);
    const fees = lines.filter((f) => f[2] === 'provider_fee').reduce((sum, f) => sum + cents(f[7]), 0);
    const raised = (await platform.http.get(`/api/editions/${editionId}/stats`).expect(200)).body.raisedCents;
    // by hand: 50 + 25 + 10 + 40 + 30 − 40 − 30 + 10 = 95.00 raised; fees 0.44
    expect(raised).toBe(95_00);
    expect(fees).toBe(44);
    expect(giftNet).toBe(raised - fees);
  });

  it('writes an XLSX with date and number cells and a totals row, read back with exceljs', async () => {
    const response = await platform.http
      .get('/api/finance/export?from=2026-06-01&to=2026-07-31&format=xlsx')
      .set(await platform.adminAuth())
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="ledger-2026-06-01-to-2026-07-31.xlsx"');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.getWorksheet('Ledger');
    if (!sheet) throw new Error('no Ledger sheet');
    expect(sheet.rowCount).toBe(1 + 11 + 1);
    expect(sheet.getRow(1).getCell(6).value).toBe('gross (EUR)');
    const offline = sheet.getRow(2);
    expect(offline.getCell(1).value).toEqual(new Date(Date.UTC(2026, 5, 10)));
    // known by its day only: a date, not midnight
    expect(offline.getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect(offline.getCell(2).value).toBe('offline_gift');
    expect(offline.getCell(6).value).toBe(50);
    expect(offline.getCell(6).numFmt).toBe('#,##0.00');
    expect(offline.getCell(14).value).toBe(COMMUNICATION);
    const registration = sheet.getRow(3);
    expect(registration.getCell(1).value).toEqual(new Date(Date.UTC(2026, 5, 15, 0, 30)));
    expect(registration.getCell(1).numFmt).toBe('yyyy-mm-dd hh:mm:ss');
    const totals = sheet.getRow(13);
    expect(totals.getCell(2).value).toBe('total');
    // by hand: gross 15 + 25 + 10 + 40 + 30 + 50 − 40 − 30 + 10 = 110.00; fees 0.44; net 109.56
    expect([totals.getCell(6).value, totals.getCell(7).value, totals.getCell(8).value]).toEqual([110, 0.44, 109.56]);
    let netCents = 0;
    for (let r = 2; r <= 12; r++) netCents += Math.round(Number(sheet.getRow(r).getCell(8).value) * 100);
    expect(netCents).toBe(109_56);
  });

  it.each([
    ['from after to', 'from=2026-07-01&to=2026-06-30&format=csv', /period runs backwards/],
    ['a day that does not exist', 'from=2026-02-30&to=2026-03-01&format=csv', /from must be a day that exists/],
    ['a date in another shape', 'from=01/06/2026&to=2026-06-30&format=xlsx', /from must be a day/],
    ['an unknown format', 'from=2026-06-01&to=2026-06-30&format=pdf', /format must be csv or xlsx/],
    ['a missing format', 'from=2026-06-01&to=2026-06-30', /format must be csv or xlsx/],
    ['a missing period', 'format=csv', /from must be a day/],
    ['an unknown parameter', 'from=2026-06-01&to=2026-06-30&format=csv&edition=x', /should not exist/],
  ])('answers 400 for %s, writing nothing', async (_case, query, message) => {
    const head = await headOfStore();
    const response = await platform.http
      .get(`/api/finance/export?${query}`)
      .set(await platform.adminAuth())
      .expect(400);
    expect(response.body.message).toMatch(message);
    expect(response.body.errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ field: expect.any(String) })]),
    );
    expect(await headOfStore()).toBe(head);
  });

  it('is for finance only', async () => {
    await platform.http.get('/api/finance/export?from=2026-06-01&to=2026-06-30&format=csv').expect(401);
  });
});

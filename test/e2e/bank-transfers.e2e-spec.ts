import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { codaStatement } from '../../libs/fundraising/src/bank-transfer/testing/coda-statement';
import { binary } from '../support/binary';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

describe('bank transfers: a structured communication, the bank statement import, unmatched lines assigned', () => {
  let platform: TestPlatform;
  let ids: { editionId: string; teamId: string; walkerId: string };
  let otherWalkerId: string;

  beforeAll(async () => {
    platform = await startPlatform({ CHARITY_IBAN: 'BE71 0961 2345 6769' });
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Overstekers', {
      name: 'Amina',
      email: 'amina@example.be',
    });
    ids = { editionId: edition.id, teamId: team.id, walkerId: team.captainWalkerId };
    otherWalkerId = await joinTeam(platform, team, { name: 'Pieter', email: 'pieter@example.be' });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  async function transferGift(amountCents: number, key?: string, walkerId = ids.walkerId) {
    const request = platform.http.post('/api/donations');
    if (key) request.set('Idempotency-Key', key);
    const response = await request
      .send({
        beneficiary: { type: 'walker', id: walkerId },
        amountCents,
        frequency: 'one_off',
        donor: { name: 'Sofie Claes', email: 'sofie@example.be' },
        provider: 'bank_transfer',
      })
      .expect(201);
    return response.body as {
      id: string;
      status: string;
      bankTransfer: { iban: string; amountCents: number; communication: string };
    };
  }

  const importStatement = async (body: string, type = 'text/csv', expected = 200) =>
    (
      await platform.http
        .post('/api/imports/bank-statements')
        .set(await platform.adminAuth())
        .set('Content-Type', type)
        .send(body)
        .expect(expected)
    ).body;
  const unmatched = async () =>
    (
      await platform.http
        .get('/api/imports/bank-lines?status=unmatched')
        .set(await platform.adminAuth())
        .expect(200)
    ).body.lines as { id: string; amountCents: number; reason: string; communication: string | null }[];
  const statusOf = async (id: string) => (await platform.http.get(`/api/donations/${id}`).expect(200)).body.status;

  it('gives the donor the charity IBAN and a structured communication of their own, the same one on a retry', async () => {
    const first = await transferGift(30_00, 'transfer-1');
    expect(first).toEqual({
      id: expect.any(String),
      status: 'pending',
      bankTransfer: {
        iban: 'BE71096123456769',
        amountCents: 30_00,
        communication: expect.stringMatching(/^\+\+\+\d{3}\/\d{4}\/\d{5}\+\+\+$/),
      },
    });
    const digits = first.bankTransfer.communication.replace(/\D/g, '');
    expect(Number(BigInt(digits.slice(0, 10)) % 97n) || 97).toBe(Number(digits.slice(10)));
    expect(await transferGift(30_00, 'transfer-1')).toEqual(first);
    const other = await transferGift(30_00);
    expect(other.bankTransfer.communication).not.toBe(first.bankTransfer.communication);
    expect(await statusOf(first.id)).toBe('pending');
  });

  it('refuses a monthly transfer gift, or one with a method or a pledge, by its provider field, and writes nothing', async () => {
    const head = await headOfStore(platform);
    const gift = {
      beneficiary: { type: 'walker', id: ids.walkerId },
      amountCents: 10_00,
      frequency: 'one_off',
      donor: { name: 'Sofie', email: 'sofie@example.be' },
      provider: 'bank_transfer',
    };
    for (const wrong of [{ frequency: 'monthly' }, { method: 'bancontact' }, { pledgeId: 'p1' }]) {
      const response = await platform.http
        .post('/api/donations')
        .send({ ...gift, ...wrong })
        .expect(400);
      expect(response.body).toEqual({
        message: 'invalid request: a bank transfer is a one-off gift, without pledgeId or method',
        errors: [{ field: 'provider', problems: ['a bank transfer is a one-off gift, without pledgeId or method'] }],
      });
    }
    expect(await headOfStore(platform)).toBe(head);
  });

  it('pays the transfer gift from the bank CSV with the amount received, counts it everywhere, and once on a re-import', async () => {
    const gift = await transferGift(40_00);
    const before = await totalsOf(platform, ids);
    const csv = [
      'date;amount;counterparty_name;counterparty_iban;communication;bank_reference',
      `05/03/2026;35,00;Sofie Claes;BE71 0961 2345 6769;${gift.bankTransfer.communication};CSV-1`,
      '05/03/2026;-120,00;Zaalhuur;;huur maart;CSV-2',
      '06/03/2026;15,00;Jan Peeters;;voor Pieter;',
    ].join('\r\n');
    const summary = await importStatement(csv);
    expect(summary).toEqual({
      format: 'csv',
      layout: 'generic',
      lines: 3,
      matched: 1,
      unmatched: 1,
      alreadyImported: 0,
      debitsIgnored: 1,
    });
    expect(await statusOf(gift.id)).toBe('paid');
    expect(await totalsOf(platform, ids)).toEqual(movedBy(before, 35_00));
    const donation = (await platform.http.get(`/api/donations/${gift.id}`).expect(200)).body;
    expect(donation.history).toContainEqual({ what: 'paid', at: '2026-03-05T00:00:00.000Z', amountCents: 35_00 });
    // the ledger books it on the value date with the communication the donor was given
    const ledger = (
      await platform.http
        .get('/api/finance/export?from=2026-03-05&to=2026-03-05&format=csv')
        .set(await platform.adminAuth())
        .expect(200)
    ).text;
    const row = (parse(ledger, { delimiter: ';', bom: true }) as string[][]).find((f) => f[3] === gift.id) ?? [];
    // paid on the value date: a day without a time; the communication as the donor was given it, nothing added
    expect([row[0], row[1], row[2], row[6], row[14]]).toEqual([
      '2026-03-05',
      '',
      'gift_paid',
      '35,00',
      gift.bankTransfer.communication,
    ]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(
      (
        await platform.http
          .get('/api/finance/export?from=2026-03-05&to=2026-03-05&format=xlsx')
          .set(await platform.adminAuth())
          .buffer(true)
          .parse(binary)
          .expect(200)
      ).body,
    );
    const sheet = workbook.getWorksheet('Ledger');
    const cells = sheet?.getRows(2, (sheet?.rowCount ?? 2) - 1)?.find((r) => r.getCell(3).value === gift.id);
    expect(cells?.getCell(1).value).toEqual(new Date(Date.UTC(2026, 2, 5)));
    expect(cells?.getCell(1).numFmt).toBe('yyyy-mm-dd');
    expect(cells?.getCell(14).value).toBe(gift.bankTransfer.communication);

    const head = await headOfStore(platform);
    expect(await importStatement(csv)).toEqual({
      format: 'csv',
      layout: 'generic',
      lines: 3,
      matched: 0,
      unmatched: 0,
      alreadyImported: 2,
      debitsIgnored: 1,
    });
    expect(await headOfStore(platform)).toBe(head);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(before, 35_00));
  });

  it('pays a transfer gift from a CODA statement likewise, once however often it is imported', async () => {
    const gift = await transferGift(20_00);
    const before = await totalsOf(platform, ids);
    const coda = codaStatement({
      statementNumber: 12,
      oldBalanceDate: '060326',
      movements: [
        {
          sequence: 1,
          bankReference: 'CODA-0001',
          amountCents: 20_00,
          valueDate: '070326',
          structured: gift.bankTransfer.communication.replace(/\D/g, ''),
          counterpartyName: 'SOFIE CLAES',
          counterpartyIban: 'BE71096123456769',
        },
        {
          sequence: 2,
          bankReference: 'CODA-0002',
          amountCents: 12_50,
          valueDate: '070326',
          structured: '123456789002',
        },
      ],
    });
    expect(await importStatement(coda, 'text/plain')).toEqual({
      format: 'coda',
      lines: 2,
      matched: 1,
      unmatched: 1,
      alreadyImported: 0,
      debitsIgnored: 0,
    });
    expect(await statusOf(gift.id)).toBe('paid');
    expect(await totalsOf(platform, ids)).toEqual(movedBy(before, 20_00));
    expect((await importStatement(coda, 'text/plain')).alreadyImported).toBe(2);
    expect(await totalsOf(platform, ids)).toEqual(movedBy(before, 20_00));
  });

  it('keeps a second payment of an already paid gift as unmatched, never dropped', async () => {
    const gift = await transferGift(10_00);
    const csv = (reference: string) =>
      `date,amount,communication,bank_reference\n2026-03-08,10.00,${gift.bankTransfer.communication},${reference}\n`;
    expect((await importStatement(csv('TWICE-1'))).matched).toBe(1);
    expect((await importStatement(csv('TWICE-2'))).unmatched).toBe(1);
    expect(await unmatched()).toContainEqual(
      expect.objectContaining({ amountCents: 10_00, reason: 'donation_not_pending' }),
    );
  });

  it('lists unmatched lines and lets finance assign one as an offline transfer gift, once however often they click', async () => {
    const line = (await unmatched()).find((l) => l.communication === 'voor Pieter');
    expect(line).toMatchObject({ amountCents: 15_00, reason: 'no_communication' });
    const pieter = { ...ids, walkerId: otherWalkerId };
    const before = await totalsOf(platform, pieter);
    const assign = async () =>
      (
        await platform.http
          .post(`/api/imports/bank-lines/${line?.id}/assign`)
          .set(await platform.adminAuth())
          .send({
            beneficiary: { type: 'walker', id: otherWalkerId },
            donor: { name: 'Jan Peeters', email: 'jan@example.be' },
          })
          .expect(200)
      ).body;
    const assigned = await assign();
    expect(assigned).toEqual({ id: line?.id, status: 'assigned', donationId: expect.any(String) });
    expect(await assign()).toEqual(assigned);
    expect(await totalsOf(platform, pieter)).toEqual(movedBy(before, 15_00));
    expect(await statusOf(assigned.donationId)).toBe('paid');
    expect((await unmatched()).map((l) => l.id)).not.toContain(line?.id);
  });

  it('refuses to assign a matched line (409), an unknown line (404), or a bad body (400), writing nothing', async () => {
    const auth = await platform.adminAuth();
    const matched = (await platform.http.get('/api/imports/bank-lines?status=matched').set(auth).expect(200)).body
      .lines;
    const head = await headOfStore(platform);
    const body = { beneficiary: { type: 'walker', id: ids.walkerId }, donor: { name: 'X', email: 'x@example.be' } };
    await platform.http.post(`/api/imports/bank-lines/${matched[0].id}/assign`).set(auth).send(body).expect(409);
    await platform.http.post('/api/imports/bank-lines/nope/assign').set(auth).send(body).expect(404);
    await platform.http
      .post(`/api/imports/bank-lines/${matched[0].id}/assign`)
      .set(auth)
      .send({ ...body, extra: 1 })
      .expect(400);
    await platform.http.get('/api/imports/bank-lines?status=lost').set(auth).expect(400);
    expect(await headOfStore(platform)).toBe(head);
  });

  it('refuses an unreadable statement with the lines at fault, and imports nothing of it', async () => {
    const head = await headOfStore(platform);
    const answer = await importStatement('date;amount\n2026-03-09;12,00\n2026-02-30;5,00\n', 'text/csv', 400);
    expect(answer).toEqual({
      message: 'the bank statement has 1 unreadable line(s); nothing was imported',
      errors: [{ field: 'line 3', problems: ['date must be a day, YYYY-MM-DD or DD/MM/YYYY'] }],
    });
    await importStatement('{"not":"a statement"}', 'application/json', 400);
    await importStatement('hello', 'text/csv', 400);
    expect(await headOfStore(platform)).toBe(head);
  });

  it('pages the bank lines (limit, offset) with the total and the next offset, all of them by default', async () => {
    const auth = await platform.adminAuth();
    const all = (await platform.http.get('/api/imports/bank-lines').set(auth).expect(200)).body;
    expect(all.lines.length).toBeGreaterThanOrEqual(3);
    expect(all).toMatchObject({ total: all.lines.length, limit: 500, offset: 0, nextOffset: null });
    const first = (await platform.http.get('/api/imports/bank-lines?limit=2').set(auth).expect(200)).body;
    expect(first).toEqual({ lines: all.lines.slice(0, 2), total: all.total, limit: 2, offset: 0, nextOffset: 2 });
    const rest = (
      await platform.http.get(`/api/imports/bank-lines?limit=2&offset=${first.nextOffset}`).set(auth).expect(200)
    ).body;
    expect(rest.lines).toEqual(all.lines.slice(2, 4));
    for (const bad of ['limit=0', 'limit=1001', 'limit=two', 'offset=-1']) {
      const refused = await platform.http.get(`/api/imports/bank-lines?${bad}`).set(auth).expect(400);
      expect(refused.body.message).toMatch(/limit must|offset must/);
    }
  });

  it('is for finance only', async () => {
    await platform.http
      .post('/api/imports/bank-statements')
      .set('Content-Type', 'text/csv')
      .send('date;amount\n')
      .expect(401);
    await platform.http.get('/api/imports/bank-lines').expect(401);
  });
});

import { readFileSync } from 'node:fs';
import { createEdition, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';
import { describeWithReferences, reference } from '../support/references';
import { headOfStore, movedBy, totalsOf } from '../support/totals';

/** The banks' own files, as finance downloads them, imported over HTTP. */
describeWithReferences('bank statement import of real files: CODA and a bank’s CSV export', () => {
  let platform: TestPlatform;
  let ids: { editionId: string; teamId: string; walkerId: string };

  beforeAll(async () => {
    platform = await startPlatform({ CHARITY_IBAN: 'BE71 0961 2345 6769' });
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Rekenaars', {
      name: 'Amina',
      email: 'amina@example.be',
    });
    ids = { editionId: edition.id, teamId: team.id, walkerId: team.captainWalkerId };
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const file = (path: string) => readFileSync(reference(`belgian-finance/${path}`));
  const post = async (query: string, body: Buffer | string, type: string, expected: number) =>
    (
      await platform.http
        .post(`/api/imports/bank-statements${query}`)
        .set(await platform.adminAuth())
        .set('Content-Type', type)
        .send(body)
        .expect(expected)
    ).body;
  const lines = async () =>
    (
      await platform.http
        .get('/api/imports/bank-lines')
        .set(await platform.adminAuth())
        .expect(200)
    ).body.lines as {
      id: string;
      amountCents: number;
      amountMillis: number | null;
      counterpartyName: string | null;
      counterpartyIban: string | null;
      communication: string | null;
      structuredCommunication: string | null;
      clientReference: string | null;
      reason: string | null;
      status: string;
    }[];

  it('imports a real BNP Paribas Fortis CODA statement: 16 credits kept, 10 debits counted, each line once', async () => {
    const coda = file('coda/typescript-coda-parser/12298862.BC2');
    expect(await post('', coda, 'application/octet-stream', 200)).toEqual({
      format: 'coda',
      lines: 26,
      matched: 0,
      unmatched: 16,
      alreadyImported: 0,
      debitsIgnored: 10,
    });
    const icarus = (await lines()).find((line) => line.counterpartyName === 'SA ICARUS');
    expect(icarus).toMatchObject({
      amountCents: 302_50,
      counterpartyIban: 'BE79240081900033',
      clientReference: '202301251124423353ISABEL',
      communication: 'Virement en euros (SEPA)  + 302,50De: SA ICARUS - BE79240081900033',
      status: 'unmatched',
      reason: 'no_communication',
    });
    const head = await headOfStore(platform);
    expect(await post('?format=coda', coda, 'text/plain', 200)).toEqual({
      format: 'coda',
      lines: 26,
      matched: 0,
      unmatched: 0,
      alreadyImported: 16,
      debitsIgnored: 10,
    });
    expect(await headOfStore(platform)).toBe(head);
  });

  it('imports the movement with three decimals (php-coda-parser sample6) instead of refusing the file', async () => {
    expect(await post('', file('coda/php-coda-parser/sample6.cod'), 'text/plain', 200)).toEqual({
      format: 'coda',
      lines: 3,
      matched: 0,
      unmatched: 2,
      alreadyImported: 0,
      debitsIgnored: 1,
    });
    const known = await lines();
    // the text of the movement whose communication runs over records 2.1 and 2.2, and its client reference
    expect(known).toContainEqual(
      expect.objectContaining({
        amountCents: 1767_82,
        amountMillis: null,
        communication: '112/4554/46812   813  ANOTHER MESSAGE',
        clientReference: '54875',
      }),
    );
  });

  it('imports the KBC export with layout=kbc: six credits, counted once on a re-import', async () => {
    const csv = file('bank-csv/kbc-layout-django-test.csv');
    expect(await post('?layout=kbc', csv, 'text/csv', 200)).toEqual({
      format: 'csv',
      layout: 'kbc',
      lines: 6,
      matched: 0,
      unmatched: 6,
      alreadyImported: 0,
      debitsIgnored: 0,
    });
    const kbc = (await lines()).filter((line) => line.counterpartyName === 'DJANGO');
    expect(kbc).toHaveLength(6);
    expect(kbc.map((line) => line.structuredCommunication).sort()).toEqual([
      '154598869980',
      '176022059911',
      '190506321290',
      '190506321290',
      null,
      null,
    ]);
    const head = await headOfStore(platform);
    expect(await post('?layout=kbc', csv, 'text/csv', 200)).toMatchObject({
      lines: 6,
      unmatched: 0,
      alreadyImported: 6,
    });
    expect(await headOfStore(platform)).toBe(head);
  });

  it('pays a transfer gift from a KBC export that carries its structured communication', async () => {
    const gift = (
      await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: ids.walkerId },
          amountCents: 32_00,
          frequency: 'one_off',
          donor: { name: 'Sofie Claes', email: 'sofie@example.be' },
          provider: 'bank_transfer',
        })
        .expect(201)
    ).body as { id: string; bankTransfer: { communication: string } };
    const before = await totalsOf(platform, ids);
    const [header, first] = file('bank-csv/kbc-layout-django-test.csv').toString('utf8').split('\n');
    // the real export's header and first line, with the communication the donor was given, starred as KBC writes it
    const line = first.replace('***190/5063/21290***', gift.bankTransfer.communication.replaceAll('+', '*'));
    const csv = `${header}\n${line}\n`;
    expect(await post('?layout=kbc', csv, 'text/csv', 200)).toMatchObject({ lines: 1, matched: 1 });
    expect((await platform.http.get(`/api/donations/${gift.id}`).expect(200)).body.status).toBe('paid');
    expect(await totalsOf(platform, ids)).toEqual(movedBy(before, 32_00));
    expect(await post('?layout=kbc', csv, 'text/csv', 200)).toMatchObject({ matched: 0, alreadyImported: 1 });
    expect(await totalsOf(platform, ids)).toEqual(movedBy(before, 32_00));
  });

  it('refuses a bank export without its layout, with a layout it does not fit or an unknown one; writes nothing', async () => {
    const csv = file('bank-csv/kbc-layout-django-test.csv');
    const head = await headOfStore(platform);
    expect((await post('', csv, 'text/csv', 400)).message).toMatch(
      /missing: date, amount\); for a bank's own export, choose its layout: kbc, bnp-paribas-fortis, belfius, ing$/,
    );
    expect(await post('?layout=ing', csv, 'text/csv', 400)).toEqual({
      message: expect.stringMatching(/^the file does not fit the ING Belgium layout: no header line with the columns/),
      errors: [],
    });
    expect(await post('?layout=rabobank', csv, 'text/csv', 400)).toEqual({
      message: 'invalid request: layout must be one of generic, kbc, bnp-paribas-fortis, belfius, ing',
      errors: [{ field: 'layout', problems: ['layout must be one of generic, kbc, bnp-paribas-fortis, belfius, ing'] }],
    });
    await post('?layout=kbc&format=coda', csv, 'text/csv', 400);
    // a CODA file is not a KBC export
    await post('?layout=kbc', file('coda/odoo/Ontvangen_CODA.2013-01-11-18.59.15.txt'), 'text/plain', 400);
    expect(await headOfStore(platform)).toBe(head);
  });
});

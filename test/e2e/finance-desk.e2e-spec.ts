import { EVENT_STORE, type EventStore } from '@rw/event-store';
import ExcelJS from 'exceljs';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { binary } from '../support/binary';
import { createEdition, giveAndSettle, joinTeam, registerTeam } from '../support/fixtures';
import { ADMIN, startPlatform, type TestPlatform } from '../support/platform';

/** The hidden CSRF field of the first form on a page. */
const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
const refundKeyOf = (page: string) => /id="refund-whole"[\s\S]*?name="refundKey" value="([^"]+)"/.exec(page)?.[1] ?? '';

describe('finance desk', () => {
  let platform: TestPlatform;
  let now = new Date('2025-06-10T10:00:00.000Z');
  let finance: TestAgent;
  let csrf: string;
  let walkerId: string;
  let giftId: string;
  let certifiedGiftId: string;

  const head = async () => {
    await platform.effectsDone();
    return platform.app.get<EventStore>(EVENT_STORE).headPosition();
  };
  const logIn = async (agent: TestAgent, email: string, password: string) => {
    const form = await agent.get('/finance/login').expect(200);
    return agent
      .post('/finance/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email, password });
  };

  beforeAll(async () => {
    platform = await startPlatform({}, undefined, { clock: () => now });
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Stappers', {
      name: 'Amina Haddad',
      email: 'amina@example.be',
    });
    walkerId = await joinTeam(platform, team, { name: 'Bram Peeters', email: 'bram@example.be' });
    giftId = await giveAndSettle(platform, walkerId, 25_00, { name: 'Oma <b>Peeters</b>', email: 'oma@example.be' });
    const certified = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: walkerId },
        amountCents: 120_00,
        frequency: 'one_off',
        donor: {
          name: 'Ann Peeters',
          email: 'ann@example.be',
          address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent' },
          nationalNumber: '85.07.30-033.28',
        },
        taxCertificate: true,
      })
      .expect(201);
    certifiedGiftId = certified.body.id;
    await platform.http.post(`/api/sandbox/donations/${certifiedGiftId}/settle`).send({ outcome: 'paid' }).expect(200);
    const admin = await platform.adminAuth();
    await platform.http
      .post('/api/accounts')
      .set(admin)
      .send({
        email: 'olga@refugeewalk.test',
        name: 'Olga',
        password: 'a long organiser password',
        roles: ['organiser'],
      })
      .expect(201);
    finance = request.agent(platform.app.getHttpServer());
  });

  afterAll(async () => {
    await platform.dispose();
  });

  it('sends a visitor without a session to the login form, on every page', async () => {
    for (const path of [
      '/finance',
      '/finance/ledger',
      `/finance/gifts/${giftId}`,
      '/finance/certificates',
      '/finance/stats',
    ]) {
      const response = await request(platform.app.getHttpServer()).get(path).expect(303);
      expect(response.headers.location).toBe('/finance/login');
    }
  });

  it('refuses an organiser without the finance role, in the visitor’s language, and gives no session', async () => {
    const olga = request.agent(platform.app.getHttpServer());
    const form = await olga.get('/finance/login?lang=fr').expect(200);
    const refused = await olga
      .post('/finance/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'olga@refugeewalk.test', password: 'a long organiser password' })
      .expect(403);
    expect(refused.text).toContain(
      'Le guichet des finances est réservé au rôle finances\u202f: ce compte n’a pas ce rôle.',
    );
    expect(refused.headers['set-cookie']?.toString() ?? '').not.toContain('rw_finance=');
  });

  it('says plainly to a session whose finance role was withdrawn that the desk is not theirs', async () => {
    const admin = await platform.adminAuth();
    const created = await platform.http
      .post('/api/accounts')
      .set(admin)
      .send({ email: 'fien@refugeewalk.test', name: 'Fien', password: 'a long finance password', roles: ['finance'] })
      .expect(201);
    const fien = request.agent(platform.app.getHttpServer());
    expect((await logIn(fien, 'fien@refugeewalk.test', 'a long finance password')).status).toBe(303);
    await fien.get('/finance/ledger').expect(200);
    await platform.http
      .put(`/api/accounts/${created.body.id}/roles`)
      .set(admin)
      .send({ roles: ['organiser'] })
      .expect(200);
    const page = await fien.get('/finance/ledger').expect(403);
    expect(page.text).toContain('Geen toegang tot de financiële balie');
    expect(page.text).toContain('action="/finance/logout"');
  });

  it('refuses a wrong password under the form, and a login without the form token', async () => {
    const form = await finance.get('/finance/login').expect(200);
    csrf = csrfOf(form.text);
    const wrong = await finance
      .post('/finance/login')
      .type('form')
      .send({ _csrf: csrf, email: ADMIN.email, password: 'not the password' })
      .expect(401);
    expect(wrong.text).toContain('Verkeerd e-mailadres of wachtwoord.');
    const bad = await finance
      .post('/finance/login')
      .type('form')
      .send({ _csrf: csrf, email: 'not an address', password: '' })
      .expect(400);
    expect(bad.text).toMatch(/id="login-email-error">geef een e-mailadres/);
    expect(bad.text).toMatch(/id="login-password-error">geef je wachtwoord/);
    await finance
      .post('/finance/login')
      .type('form')
      .send({ email: ADMIN.email, password: ADMIN.password })
      .expect(403);
  });

  it('logs finance in with an HttpOnly, SameSite=Strict cookie for /finance only', async () => {
    const response = await finance
      .post('/finance/login')
      .type('form')
      .send({ _csrf: csrf, email: ADMIN.email, password: ADMIN.password })
      .expect(303);
    expect(response.headers.location).toBe('/finance/ledger');
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('rw_finance='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    expect(cookie).toMatch(/Path=\/finance/);
    const page = await finance.get('/finance/ledger').expect(200);
    // the token from before the login opens nothing after it
    const before = await head();
    await finance
      .post(`/finance/gifts/${giftId}/refunds`)
      .type('form')
      .send({ _csrf: csrf, refundKey: 'abcdefgh-1' })
      .expect(403);
    expect(await head()).toBe(before);
    csrf = csrfOf(page.text);
  });

  it('shows the month’s ledger with subtotals per movement type, names escaped, gifts linked', async () => {
    const page = await finance.get('/finance/ledger').expect(200);
    expect(page.text).toContain('value="2025-06-01"');
    expect(page.text).toContain('value="2025-06-10"');
    expect(page.text).toContain('Oma &lt;b>Peeters&lt;/b>');
    expect(page.text).not.toContain('<b>Peeters</b>');
    expect(page.text).toContain(`href="/finance/gifts/${giftId}"`);
    expect(page.text).toMatch(
      /<tr data-kind="gift_paid"><th scope="row">Gift betaald<\/th><td>2<\/td><td>€\s145,00<\/td>/,
    );
    const fr = await finance.get('/finance/ledger?from=2025-06-01&to=2025-06-10&lang=fr').expect(200);
    expect(fr.text).toMatch(/Don payé<\/th><td>2<\/td><td>145,00\s€<\/td>/);
    // back to Dutch for the next tests (the language is remembered in a cookie)
    await finance.get('/finance/ledger?lang=nl').expect(200);
  });

  it('refuses a period that does not exist or runs backwards, under its field', async () => {
    const page = await finance.get('/finance/ledger?from=2025-02-30&to=2025-02-01').expect(400);
    expect(page.text).toMatch(/id="period-from-error">geef een dag die bestaat/);
    const backwards = await finance.get('/finance/ledger?from=2025-06-10&to=2025-06-01&lang=en').expect(400);
    expect(backwards.text).toMatch(/id="period-to-error">the period ends before it starts/);
    await finance.get('/finance/ledger/download?from=2025-06-01&to=2025-06-10&format=pdf').expect(400);
    // back to Dutch for the next tests (the language is remembered in a cookie)
    await finance.get('/finance/ledger?lang=nl').expect(200);
  });

  it('downloads the period as CSV with Dutch titles, the rows, subtotals and the total', async () => {
    const response = await finance.get('/finance/ledger/download?from=2025-06-01&to=2025-06-30&format=csv').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe(
      'attachment; filename="grootboek-2025-06-01-tot-2025-06-30.csv"',
    );
    const lines = response.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      'Datum;Tijd;Soort beweging;Gift;Betaalprovider;Referentie bij de provider;Bruto (EUR);Kosten (EUR);Netto (EUR);Naam schenker;E-mail schenker;Soort begunstigde;Begunstigde;Editie;Gestructureerde mededeling;Gedekte betaalkosten (EUR)',
    );
    expect(lines.filter((l) => l.startsWith('2025-06-10;'))).toHaveLength(2);
    expect(lines).toContain(';;Subtotaal gift betaald;;;;145,00;0,00;145,00');
    expect(lines.at(-1)).toBe(';;Totaal;;;;145,00;0,00;145,00');
  });

  it('downloads the period as XLSX with a frozen header row of Dutch titles and subtotal rows', async () => {
    const response = await finance
      .get('/finance/ledger/download?from=2025-06-01&to=2025-06-30&format=xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.body);
    const sheet = workbook.getWorksheet('Grootboek');
    expect(sheet?.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet?.getRow(1).getCell(1).value).toBe('Datum');
    expect(sheet?.getRow(1).getCell(7).value).toBe('Bruto (EUR)');
    expect(sheet?.getRow(1).font?.bold).toBe(true);
    const rows: unknown[][] = [];
    sheet?.eachRow((row) => rows.push((row.values as unknown[]).slice(1)));
    const subtotal = rows.find((r) => r[2] === 'Subtotaal gift betaald');
    expect(subtotal?.slice(6, 9)).toEqual([145, 0, 145]);
    expect(rows.at(-1)?.slice(2, 9)).toEqual(['Totaal', undefined, undefined, undefined, 145, 0, 145]);
    expect(rows.filter((r) => r[2] === 'Gift betaald')).toHaveLength(2);
  });

  it('shows a gift’s history and payments, and refunds it once when the form is sent twice', async () => {
    const page = await finance.get(`/finance/gifts/${giftId}`).expect(200);
    expect(page.text).toContain('Gift van €\u00a025,00 aan Bram Peeters');
    expect(page.text).toContain('data-what="paid"');
    const key = refundKeyOf(page.text);
    expect(key).not.toBe('');
    const form = { _csrf: csrfOf(page.text), refundKey: key };
    const first = await finance.post(`/finance/gifts/${giftId}/refunds`).type('form').send(form).expect(303);
    expect(first.headers.location).toBe(`/finance/gifts/${giftId}?refunded=2500`);
    const afterFirst = await head();
    // the second press of the same form: answered as the first, nothing asked of the provider again
    const second = await finance.post(`/finance/gifts/${giftId}/refunds`).type('form').send(form).expect(303);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await head()).toBe(afterFirst);
    // a new form (the page shown again) for a gift with nothing left is refused in words, under nothing else
    const refused = await finance
      .post(`/finance/gifts/${giftId}/refunds`)
      .type('form')
      .send({ _csrf: form._csrf, refundKey: 'another-form-key' })
      .expect(409);
    expect(refused.text).toContain('class="error-summary" role="alert"');
    expect(await head()).toBe(afterFirst);
    const done = await finance.get(first.headers.location).expect(200);
    expect(done.text).toContain('€\u00a025,00 terugbetaald.');
    expect(done.text).toContain('data-what="refunded"');
    expect(done.text).toContain('Er is niets meer terug te betalen.');
    const charges = await platform.http
      .get(`/api/donations/${giftId}/charges`)
      .set(await platform.adminAuth())
      .expect(200);
    expect(charges.body.charges[0].refundedCents).toBe(25_00);
  });

  it('refuses a refund without the form token, and an unknown gift, writing nothing', async () => {
    const before = await head();
    await finance
      .post(`/finance/gifts/${certifiedGiftId}/refunds`)
      .type('form')
      .send({ refundKey: 'abcdefgh-2' })
      .expect(403);
    await finance.get('/finance/gifts/no-such-gift').expect(404);
    const lookup = await finance.get('/finance/gifts?id=%3Cscript%3E').expect(400);
    expect(lookup.text).toContain('geef het nummer van een gift');
    expect(await head()).toBe(before);
  });

  it('refunds one payment of a monthly gift, leaving the others refundable', async () => {
    const monthly = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'walker', id: walkerId },
        amountCents: 10_00,
        frequency: 'monthly',
        donor: { name: 'Maandelijkse Schenker', email: 'monthly@example.be' },
      })
      .expect(201);
    const monthlyId = monthly.body.id as string;
    await platform.http.post(`/api/sandbox/donations/${monthlyId}/settle`).send({ outcome: 'paid' }).expect(200);
    await platform.http.post(`/api/sandbox/donations/${monthlyId}/charge`).set('Idempotency-Key', 'july').expect(200);
    const page = await finance.get(`/finance/gifts/${monthlyId}`).expect(200);
    expect(page.text.match(/name="chargeId"/g)).toHaveLength(2);
    expect(page.text).toContain('Maandelijkse betaling');
    const key = /name="refundKey" value="([^"]+)"\/><input type="hidden" name="chargeId" value="july"/.exec(
      page.text,
    )?.[1];
    expect(key).toBeDefined();
    const refunded = await finance
      .post(`/finance/gifts/${monthlyId}/refunds`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), refundKey: key, chargeId: 'july' })
      .expect(303);
    expect(refunded.headers.location).toBe(`/finance/gifts/${monthlyId}?refunded=1000`);
    const charges = await platform.http
      .get(`/api/donations/${monthlyId}/charges`)
      .set(await platform.adminAuth())
      .expect(200);
    expect(charges.body.refundableCents).toBe(10_00);
    expect(charges.body.charges.find((c: { chargeId: string }) => c.chargeId === 'july').refundedCents).toBe(10_00);
    const after = await finance.get(refunded.headers.location).expect(200);
    expect(after.text.match(/name="chargeId"/g)).toHaveLength(1);
    expect(after.text).toContain('De hele gift terugbetalen (€\u00a010,00)');
  });

  it('assigns an unmatched bank line as a gift, with wrong input under its field and once only', async () => {
    await platform.http
      .post('/api/imports/bank-statements')
      .set(await platform.adminAuth())
      .set('Content-Type', 'text/csv')
      .send(
        [
          'date;amount;counterparty_name;counterparty_iban;communication;bank_reference',
          '09/06/2025;15,00;Jan <i>Peeters</i>;;voor Bram;B-1',
        ].join('\r\n'),
      )
      .expect(200);
    const page = await finance.get('/finance/bank-lines').expect(200);
    expect(page.text).toContain('Jan &lt;i>Peeters&lt;/i>');
    expect(page.text).toContain('geen gestructureerde mededeling');
    const lineId = /<li id="line-([^"]+)" class="card" data-status="unmatched"/.exec(page.text)?.[1] ?? '';
    expect(lineId).not.toBe('');
    const before = await head();
    const bad = await finance
      .post(`/finance/bank-lines/${lineId}/assign`)
      .type('form')
      .send({ _csrf: csrfOf(page.text), beneficiaryType: 'nobody', beneficiaryId: '', donorName: '', donorEmail: 'no' })
      .expect(400);
    expect(bad.text).toContain(`id="assign-${lineId}-beneficiaryType-error">kies stapper, team of editie`);
    expect(bad.text).toContain(`id="assign-${lineId}-beneficiaryId-error">geef het nummer`);
    expect(bad.text).toContain(`id="assign-${lineId}-donorEmail-error">geef een e-mailadres`);
    expect(await head()).toBe(before);
    const form = {
      _csrf: csrfOf(page.text),
      beneficiaryType: 'walker',
      beneficiaryId: walkerId,
      donorName: 'Jan Peeters',
      donorEmail: 'jan@example.be',
    };
    const assigned = await finance.post(`/finance/bank-lines/${lineId}/assign`).type('form').send(form).expect(303);
    expect(assigned.headers.location).toBe('/finance/bank-lines?status=assigned&done=assigned');
    const list = await finance.get(assigned.headers.location).expect(200);
    expect(list.text).toContain('Verrichting toegewezen: ze is nu een gift.');
    expect(list.text).toMatch(new RegExp(`id="line-${lineId}" class="card" data-status="assigned"`));
    const afterAssign = await head();
    // sent again (a double click): the same answer, nothing written twice
    const again = await finance.post(`/finance/bank-lines/${lineId}/assign`).type('form').send(form).expect(303);
    expect(again.headers.location).toBe(assigned.headers.location);
    // to someone else: refused in words above the form, nothing written
    const other = await finance
      .post(`/finance/bank-lines/${lineId}/assign`)
      .type('form')
      .send({ ...form, donorName: 'Someone Else', donorEmail: 'else@example.be' });
    expect(other.status).toBe(409);
    expect(other.text).toContain('class="error-summary" role="alert"');
    expect(await head()).toBe(afterAssign);
  });

  it('lists the tax certificates, issues them once, and serves the PDF and the Belcotax file once the year is over', async () => {
    const page = await finance.get('/finance/certificates?year=2025').expect(200);
    expect(page.text).toContain('data-status="to_issue"');
    expect(page.text).toContain('Het Belcotax-bestand van 2025 kan vanaf 1 januari van het jaar erna gemaakt worden.');
    const issued = await finance
      .post('/finance/certificates/issue')
      .type('form')
      .send({ _csrf: csrfOf(page.text), year: '2025' })
      .expect(303);
    expect(issued.headers.location).toBe('/finance/certificates?year=2025&issued=1-0');
    const again = await finance
      .post('/finance/certificates/issue')
      .type('form')
      .send({ _csrf: csrfOf(page.text), year: '2025' })
      .expect(303);
    expect(again.headers.location).toBe('/finance/certificates?year=2025&issued=0-0');
    const list = await finance.get(issued.headers.location).expect(200);
    expect(list.text).toContain('1 attest uitgereikt');
    expect(list.text).toContain('href="/finance/certificates/2025/1.pdf"');
    const pdf = await finance.get('/finance/certificates/2025/1.pdf').buffer(true).parse(binary).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const text = (pdf.body as Buffer).toString('latin1');
    expect(text.startsWith('%PDF')).toBe(true);
    expect(text).toContain('(Attest 281.71 2025 nr 1)');
    await finance.get('/finance/certificates/2025/9.pdf').expect(404);
    const xlsx = await finance
      .get('/finance/certificates/download?year=2025&format=xlsx')
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(xlsx.headers['content-disposition']).toBe('attachment; filename="281.71-2025.xlsx"');
    await finance.get('/finance/certificates/download?year=2025&format=belcotax').expect(409);
    now = new Date('2026-01-05T10:00:00.000Z');
    try {
      const file = await finance.get('/finance/certificates/download?year=2025&format=belcotax').expect(200);
      expect(file.headers['content-disposition']).toBe('attachment; filename="belcotax-281.71-2025.xml"');
      expect(file.text).toContain('<?xml');
    } finally {
      now = new Date('2025-06-10T10:00:00.000Z');
    }
    const wrong = await finance.get('/finance/certificates?year=1999').expect(400);
    expect(wrong.text).toMatch(/id="year-year-error">geef een inkomstenjaar/);
  });

  it('shows the year’s donor statistics with a chart of gifts per month', async () => {
    const page = await finance.get('/finance/stats?year=2025').expect(200);
    expect(page.text).toContain('<svg class="bar-chart"');
    expect(page.text).toContain('role="img"');
    expect(page.text.match(/<rect /g)).toHaveLength(12);
    expect(page.text).toMatch(/<tr data-month="6"><th scope="row">juni<\/th><td>5<\/td><td>€\s180,00<\/td>/);
    const wrong = await finance.get('/finance/stats?year=twenty').expect(400);
    expect(wrong.text).toMatch(/id="year-year-error">geef een jaar van vier cijfers/);
  });

  it('gives a donor’s data as a file, and erases it only when confirmed', async () => {
    let page = await finance.get('/finance/donors').expect(200);
    const access = await finance
      .post('/finance/donors/access')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: 'oma@example.be' })
      .expect(200);
    expect(access.headers['content-disposition']).toMatch(/^attachment; filename="donor-.+\.json"$/);
    expect(access.body.personalData).toMatchObject({ email: 'oma@example.be' });
    const before = await head();
    const unconfirmed = await finance
      .post('/finance/donors/erase')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: 'oma@example.be' })
      .expect(400);
    expect(unconfirmed.text).toMatch(/id="erase-confirm-error">vink aan/);
    expect(await head()).toBe(before);
    page = await finance.get('/finance/donors').expect(200);
    const erased = await finance
      .post('/finance/donors/erase')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: 'oma@example.be', confirm: 'yes' })
      .expect(303);
    expect(erased.headers.location).toBe('/finance/donors?erased=1');
    // asked again: nothing is held any more, said under the field
    const again = await finance
      .post('/finance/donors/erase')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email: 'oma@example.be', confirm: 'yes' })
      .expect(404);
    expect(again.text).toMatch(/id="erase-email-error">Over dit e-mailadres wordt niets bewaard/);
  });

  it('logs out: the session stops working', async () => {
    const page = await finance.get('/finance/stats').expect(200);
    await finance
      .post('/finance/logout')
      .type('form')
      .send({ _csrf: csrfOf(page.text) })
      .expect(303);
    const after = await finance.get('/finance/ledger').expect(303);
    expect(after.headers.location).toBe('/finance/login');
  });
});

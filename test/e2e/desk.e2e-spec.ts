import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { WalkerNotFound } from '@rw/fundraising';
import { refusal } from '../../apps/platform/src/i18n';
import { MailDispatcher } from '../../apps/platform/src/mail/mail-dispatcher';
import { MAIL_SENDER } from '../../apps/platform/src/mail/mail-sender';
import type { OutboxMailSender } from '../../apps/platform/src/mail/outbox-mail-sender';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { ADMIN, startPlatform, type TestPlatform } from '../support/platform';

/** The hidden CSRF field of the first form on a page. */
const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
const giftKeyOf = (page: string, beneficiaryId: string) =>
  new RegExp(
    `name="beneficiaryId" value="${beneficiaryId}"/>\\s*<input type="hidden" name="giftKey" value="([^"]+)"`,
  ).exec(page)?.[1] ?? '';

describe('organiser desk', () => {
  let platform: TestPlatform;
  let desk: TestAgent;
  let csrf: string;
  let teamId: string;
  let walkerId: string;
  let captainId: string;
  let pledgeId: string;
  /** The organiser's session cookie, `rw_desk=…`. */
  let session: string;

  const head = async () => {
    await platform.effectsDone();
    return platform.app.get<EventStore>(EVENT_STORE).headPosition();
  };

  beforeAll(async () => {
    platform = await startPlatform();
    const edition = await createEdition(platform, [
      { name: 'Official', distanceKm: 40, kind: 'official', registrationFeeCents: 10_00 },
    ]);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Stappers', {
      name: 'Amina Haddad',
      email: 'amina@example.be',
    });
    teamId = team.id;
    captainId = team.captainWalkerId;
    walkerId = await joinTeam(platform, team, { name: 'Bram Peeters', email: 'bram@example.be' });
    const pledge = await platform.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'walker', id: walkerId },
        sponsor: { name: 'Oma Peeters', email: 'oma@example.be' },
        kind: 'per_km',
        amountCents: 250,
      })
      .expect(201);
    pledgeId = pledge.body.id;
    desk = request.agent(platform.app.getHttpServer());
  });

  afterAll(async () => {
    await platform.dispose();
  });

  it('sends a visitor without a session to the login form', async () => {
    const response = await request(platform.app.getHttpServer()).get('/desk').expect(303);
    expect(response.headers.location).toBe('/desk/login');
  });

  it('refuses a wrong password next to the form, and a login without the form token', async () => {
    const form = await desk.get('/desk/login').expect(200);
    csrf = csrfOf(form.text);
    const wrong = await desk
      .post('/desk/login')
      .type('form')
      .send({ _csrf: csrf, email: ADMIN.email, password: 'not the password' })
      .expect(401);
    expect(wrong.text).toContain('Verkeerd e-mailadres of wachtwoord');
    expect(wrong.headers['set-cookie']?.toString() ?? '').not.toContain('rw_desk=');
    await desk.post('/desk/login').type('form').send({ email: ADMIN.email, password: ADMIN.password }).expect(403);
  });

  it('logs an organiser in with an HttpOnly, SameSite=Strict session cookie', async () => {
    const response = await desk
      .post('/desk/login')
      .type('form')
      .send({ _csrf: csrf, email: ADMIN.email, password: ADMIN.password })
      .expect(303);
    expect(response.headers.location).toBe('/desk');
    const cookie = (response.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('rw_desk='));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    session = cookie?.split(';')[0] ?? '';
    const page = await desk.get('/desk').expect(200);
    expect(page.text).toContain('<h1>Organisatiebalie</h1>');
    // the form token is bound to the session: the one from before the login opens nothing after it
    const before = await head();
    await desk
      .post(`/desk/walkers/${walkerId}/distance`)
      .type('form')
      .send({ _csrf: csrf, km: '3', q: 'Bram' })
      .expect(403);
    expect(await head()).toBe(before);
    csrf = csrfOf(page.text);
  });

  it('refuses a form token that was not made for this session, even with its own cookie planted (403, nothing written)', async () => {
    // someone fetches a cookie and its form token for themselves, then has them sent from the organiser's browser
    const other = await request(platform.app.getHttpServer()).get('/desk/login').expect(200);
    const planted =
      (other.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('rw_csrf='))?.split(';')[0] ?? '';
    expect(planted).not.toBe('');
    const before = await head();
    await request(platform.app.getHttpServer())
      .post(`/desk/walkers/${walkerId}/distance`)
      .set('Cookie', `${session}; ${planted}`)
      .type('form')
      .send({ _csrf: csrfOf(other.text), km: '3', q: 'Bram' })
      .expect(403);
    expect(await head()).toBe(before);
  });

  it('lists the fees not paid yet and the open pledges', async () => {
    const page = await desk.get('/desk').expect(200);
    expect(page.text).toContain('Amina Haddad');
    expect(page.text).toContain('Bram Peeters');
    expect(page.text).toMatch(/Bram Peeters<\/td><td>per km<\/td><td>€\s2,50 \/ km<\/td><td>open/);
  });

  it('finds walkers and teams by part of their name, in any case', async () => {
    const team = await desk.get('/desk?q=stapp').expect(200);
    expect(team.text).toContain(`id="team-${teamId}"`);
    const walker = await desk.get('/desk?q=BRAM').expect(200);
    expect(walker.text).toContain(`id="walker-${walkerId}"`);
    expect(walker.text).not.toContain(`id="walker-${captainId}"`);
    const none = await desk.get('/desk?q=nobody%25').expect(200);
    expect(none.text).toContain('Niemand gevonden');
  });

  it('shows a wrong distance next to its field and writes nothing', async () => {
    const before = await head();
    const response = await desk
      .post(`/desk/walkers/${walkerId}/distance`)
      .type('form')
      .send({ _csrf: csrf, km: '12,345', q: 'Bram' })
      .expect(400);
    expect(response.text).toContain(`id="distance-${walkerId}-km-error"`);
    expect(response.text).toContain('hoogstens twee decimalen');
    expect(await head()).toBe(before);
  });

  it('says in Dutch why a command was refused, with no English left in it, and writes nothing', async () => {
    const before = await head();
    const response = await desk
      .post('/desk/walkers/no-such-walker/distance')
      .type('form')
      .send({ _csrf: csrf, km: '10', q: 'Bram' })
      .expect(404);
    // the catalogue's sentence for the refusal (it was "Niet gevonden: no walker no-such-walker.", the rule in English)
    const dutch = refusal('nl', new WalkerNotFound('no-such-walker')).message;
    expect(dutch).not.toMatch(/no walker|^Dat kan niet:/);
    expect(response.text).toContain(`<p class="error-summary" role="alert">${dutch}</p>`);
    expect(response.text).not.toContain('no walker');
    const french = await desk
      .post('/desk/walkers/no-such-walker/distance?lang=fr')
      .type('form')
      .send({ _csrf: csrf, km: '10', q: 'Bram' })
      .expect(404);
    expect(french.text).toContain(refusal('fr', new WalkerNotFound('no-such-walker')).message);
    expect(french.text).not.toContain('no walker');
    await desk.get('/desk?lang=nl').expect(200);
    expect(await head()).toBe(before);
  });

  it('records a distance that makes a per-km pledge due', async () => {
    const response = await desk
      .post(`/desk/walkers/${walkerId}/distance`)
      .type('form')
      .send({ _csrf: csrf, km: '12,5', q: 'Bram' })
      .expect(303);
    expect(response.headers.location).toMatch(/^\/desk\?q=Bram&done=/);
    const back = await desk.get(response.headers.location).expect(200);
    expect(back.text).toContain('<p class="notice" role="status">12,5 km opgeslagen.</p>');
    // a notice is shown only as the desk signed it: a link made elsewhere cannot put words on the desk
    const forged = new URL(response.headers.location, 'http://desk').searchParams;
    forged.set('done', 'Fee waived. Please transfer the cash box to BE12 3456 7890 1234');
    const tampered = await desk.get(`/desk?${forged.toString()}`).expect(200);
    expect(tampered.text).not.toContain('cash box');
    expect(tampered.text).not.toContain('class="notice"');
    const pledge = await platform.http.get(`/api/pledges/${pledgeId}`).expect(200);
    expect(pledge.body).toMatchObject({ status: 'due', dueCents: 12.5 * 250 });
  });

  it('records an offline gift once, however often the button is pressed', async () => {
    const page = await desk.get('/desk?q=Stappers').expect(200);
    const giftKey = giftKeyOf(page.text, teamId);
    expect(giftKey).not.toBe('');
    const gift = {
      _csrf: csrf,
      beneficiaryType: 'team',
      beneficiaryId: teamId,
      giftKey,
      amount: '40,50',
      donorName: 'Chris Janssens',
      donorEmail: 'chris@example.be',
      method: 'cash',
      receivedOn: '2026-09-27',
      reference: '',
      q: 'Stappers',
    };
    await desk.post('/desk/gifts').type('form').send(gift).expect(303);
    await desk.post('/desk/gifts').type('form').send(gift).expect(303);
    const teamView = await platform.http.get(`/api/teams/${teamId}`).expect(200);
    expect(teamView.body.raisedCents).toBe(40_50);
  });

  it('shows a wrong offline gift next to its fields and writes nothing', async () => {
    const before = await head();
    const response = await desk
      .post('/desk/gifts')
      .type('form')
      .send({
        _csrf: csrf,
        beneficiaryType: 'team',
        beneficiaryId: teamId,
        giftKey: 'abcdefgh-1234',
        amount: '12,345',
        donorName: '',
        donorEmail: 'not an address',
        method: 'cheque',
        receivedOn: 'yesterday',
        q: 'Stappers',
      })
      .expect(400);
    for (const field of ['amount', 'donorName', 'donorEmail', 'method', 'receivedOn']) {
      expect(response.text).toContain(`id="gift-team-${teamId}-${field}-error"`);
    }
    await desk
      .post('/desk/gifts')
      .type('form')
      .send({ _csrf: csrf, beneficiaryType: 'team', beneficiaryId: teamId, sneaky: 'x' })
      .expect(400);
    expect(await head()).toBe(before);
  });

  it('waives a fee, after which the walker no longer waits for one', async () => {
    await desk
      .post(`/desk/walkers/${captainId}/fee-waiver`)
      .type('form')
      .send({ _csrf: csrf, reason: 'refugee', q: 'Amina' })
      .expect(303);
    const walker = await platform.http.get(`/api/walkers/${captainId}`).expect(200);
    expect(walker.body.status).toBe('active');
    const page = await desk.get('/desk?q=Amina').expect(200);
    expect(page.text).toContain('inschrijving kwijtgescholden');
    expect(page.text).not.toContain(`action="/desk/walkers/${captainId}/fee-waiver"`);
  });

  it('links what it finds to its page with the amount raised, and lists a team’s walkers with their fee status', async () => {
    const team = await desk.get('/desk?q=Stappers').expect(200);
    expect(team.text).toContain(`<h3><a href="/teams/${teamId}">Team De Stappers</a></h3>`);
    expect(team.text).toContain('<strong class="raised">€\u00a040,50 opgehaald</strong>');
    // the captain's fee was waived above, Bram's is still due
    expect(team.text).toContain(`<li data-walker="${captainId}" data-fee="waived">`);
    expect(team.text).toContain(`<li data-walker="${walkerId}" data-fee="pending_fee">`);
    expect(team.text).toContain(
      '<a href="/desk?q=Bram%20Peeters">Bram Peeters</a> · inschrijving niet betaald · €\u00a00,00 opgehaald',
    );
    const walker = await desk.get('/desk?q=Bram').expect(200);
    expect(walker.text).toContain(`<h3><a href="/walkers/${walkerId}">Bram Peeters</a></h3>`);
    expect(walker.text).toContain(`<a href="/teams/${teamId}">Team De Stappers</a> · <strong class="raised">`);
    // the links lead to the public pages
    await platform.http.get(`/teams/${teamId}`).expect(200);
    await platform.http.get(`/walkers/${walkerId}`).expect(200);
  });

  it('suggests no reason for a fee waiver, and refuses an empty one under its field in the organiser’s language', async () => {
    const page = await desk.get('/desk?q=Bram').expect(200);
    expect(page.text).toContain(`<input id="fee-${walkerId}-reason" name="reason" type="text" value required/>`);
    const before = await head();
    const dutch = await desk
      .post(`/desk/walkers/${walkerId}/fee-waiver`)
      .type('form')
      .send({ _csrf: csrf, reason: '  ', q: 'Bram' })
      .expect(400);
    expect(dutch.text).toContain(
      `<p class="field-error" id="fee-${walkerId}-reason-error">zeg waarom het inschrijvingsgeld kwijtgescholden wordt (bijvoorbeeld: vluchteling)</p>`,
    );
    const french = await desk
      .post(`/desk/walkers/${walkerId}/fee-waiver?lang=fr`)
      .type('form')
      .send({ _csrf: csrf, reason: '', q: 'Bram' })
      .expect(400);
    expect(french.text).toContain(
      `<p class="field-error" id="fee-${walkerId}-reason-error">dites pourquoi les frais d’inscription sont offerts (par exemple\u202f: réfugié)</p>`,
    );
    await desk.get('/desk?lang=nl').expect(200);
    expect(await head()).toBe(before);
    const walker = await platform.http.get(`/api/walkers/${walkerId}`).expect(200);
    expect(walker.body.status).toBe('pending_fee');
  });

  it('records cash from a collection jar without an e-mail address and a collective gift: raised, never certified, only people with an address mailed', async () => {
    /** Sends the gift form, pressed `times` times: it records one gift however often. */
    const gift = async (fields: Record<string, string>, times = 1) => {
      const page = await desk.get('/desk?q=Stappers').expect(200);
      const form = {
        _csrf: csrf,
        beneficiaryType: 'team',
        beneficiaryId: teamId,
        giftKey: giftKeyOf(page.text, teamId),
        method: 'cash',
        receivedOn: '2026-09-27',
        q: 'Stappers',
        donorEmail: '',
        ...fields,
      };
      for (let i = 0; i < times; i++) await desk.post('/desk/gifts').type('form').send(form).expect(303);
    };
    const before = (await platform.http.get(`/api/teams/${teamId}`).expect(200)).body;
    await gift({ amount: '55', donorName: 'Collectebus bakkerij' }, 2);
    await gift({ amount: '45', donorName: 'Collectebus kerk' });
    await gift({ amount: '120', donorName: 'Sint-Jozefschool', donorEmail: 'school@example.be', collective: 'yes' });
    const after = (await platform.http.get(`/api/teams/${teamId}`).expect(200)).body;
    expect(after.raisedCents).toBe(before.raisedCents + 220_00);
    // two jars are two gifts from nobody known: never taken together as one donor
    expect(after.donorCount).toBe(before.donorCount + 3);

    const certificates = await platform.http
      .get('/api/finance/tax-certificates?year=2026')
      .set(await platform.adminAuth())
      .expect(200);
    const listed = [
      ...certificates.body.certificates,
      ...certificates.body.missingNationalNumber,
      ...certificates.body.withoutNationalNumber,
    ].map((donor: { name: string }) => donor.name);
    // Chris gave 40,50 with an address: a certificate is due; the jars and the school never get one
    expect(listed).toContain('Chris Janssens');
    for (const name of ['Collectebus bakkerij', 'Collectebus kerk', 'Sint-Jozefschool'])
      expect(listed).not.toContain(name);

    await platform.app.get(MailDispatcher).drain();
    const mails = await platform.app.get<OutboxMailSender>(MAIL_SENDER).list();
    expect(mails.filter((mail) => mail.to === 'school@example.be')).toHaveLength(1);
    expect(mails.filter((mail) => mail.to === 'chris@example.be')).toHaveLength(1);
    expect(mails.filter((mail) => mail.to === '' || mail.text.includes('Collectebus'))).toEqual([]);
  });

  it('takes an offline gift without an e-mail address through the API too, but not an empty or wrong one', async () => {
    const auth = await platform.adminAuth();
    const body = {
      beneficiary: { type: 'team', id: teamId },
      amountCents: 12_00,
      donor: { name: 'Collectebus markt' },
      method: 'cash',
      receivedAt: '2026-09-27',
      collective: true,
    };
    const recorded = await platform.http.post('/api/donations/offline').set(auth).send(body).expect(201);
    const donation = await platform.http.get(`/api/donations/${recorded.body.id}`).expect(200);
    expect(donation.body).toMatchObject({ status: 'paid', amountCents: 12_00 });
    const before = await head();
    for (const email of ['', 'not an address']) {
      const refused = await platform.http
        .post('/api/donations/offline')
        .set(auth)
        .send({ ...body, donor: { name: 'Collectebus markt', email } })
        .expect(400);
      expect(refused.body.message).toMatch(/email must be an e-mail address/);
    }
    // a gift given online still needs the donor's address: that is where its receipt goes
    const online = await platform.http
      .post('/api/donations')
      .send({
        beneficiary: { type: 'team', id: teamId },
        amountCents: 10_00,
        frequency: 'one_off',
        donor: { name: 'X' },
      })
      .expect(400);
    expect(online.body.message).toMatch(/email/);
    expect(await head()).toBe(before);
  });

  it('keeps staff without the organiser role out of the desk', async () => {
    await platform.http
      .post('/api/accounts')
      .set(await platform.adminAuth())
      .send({ email: 'finance@example.be', name: 'Fien', password: 'a long finance password', roles: ['finance'] })
      .expect(201);
    const finance = request.agent(platform.app.getHttpServer());
    const form = await finance.get('/desk/login').expect(200);
    const response = await finance
      .post('/desk/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'finance@example.be', password: 'a long finance password' })
      .expect(403);
    expect(response.text).toContain('De balie is voor organisatoren');
    await finance.get('/desk').expect(303);
  });

  it('speaks French or English when asked, its form errors included', async () => {
    const visitor = request.agent(platform.app.getHttpServer());
    const form = await visitor.get('/desk/login?lang=fr').expect(200);
    expect(form.text).toContain('<h1>Accueil des organisateurs</h1>');
    const wrong = await visitor
      .post('/desk/login')
      .type('form')
      .send({ _csrf: csrfOf(form.text), email: 'not an address', password: '' })
      .expect(400);
    expect(wrong.text).toContain('donnez votre mot de passe');
    const english = await desk.get('/desk?q=nobody%25&lang=en').expect(200);
    expect(english.text).toContain('<h1>Organiser desk</h1>');
    expect(english.text).toContain('Nobody found for “nobody%”.');
    await desk.get('/desk?lang=nl').expect(200);
  });

  it('logs out: the session cookie is cleared and the desk asks for a login again', async () => {
    const response = await desk.post('/desk/logout').type('form').send({ _csrf: csrf }).expect(303);
    expect(response.headers.location).toBe('/desk/login');
    await desk.get('/desk').expect(303);
  });
});

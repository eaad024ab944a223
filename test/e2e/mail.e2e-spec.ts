import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { rebuildProjections } from '../../apps/cli/src/rebuild-projections';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { loadConfig } from '../../apps/platform/src/config/config';
import { MailDispatcher } from '../../apps/platform/src/mail/mail-dispatcher';
import { MAIL_SENDER } from '../../apps/platform/src/mail/mail-sender';
import type { OutboxMail, OutboxMailSender } from '../../apps/platform/src/mail/outbox-mail-sender';
import { createEdition, giveAndSettle, joinTeam, registerTeam, WALK_DAY } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

const BASE = 'https://give.example.org';

/** Sends what the events decided so far and answers the outbox, newest first. */
async function outbox(platform: TestPlatform): Promise<OutboxMail[]> {
  await platform.app.get(MailDispatcher).drain();
  return platform.app.get<OutboxMailSender>(MAIL_SENDER).list();
}

const linkIn = (mail: OutboxMail, path: RegExp) => {
  const found = mail.text.match(new RegExp(`${BASE.replace(/\./g, '\\.')}${path.source}\\S*`));
  if (!found) throw new Error(`no link ${path} in:\n${mail.text}`);
  return new URL(found[0]);
};

describe('e-mail (driven by events, kept in the sandbox outbox, never sent twice)', () => {
  let platform: TestPlatform;
  let editionId: string;
  let routeId: string;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: BASE });
    const edition = await createEdition(platform);
    editionId = edition.id;
    routeId = edition.routes[0].id;
  });
  afterAll(async () => {
    await platform.dispose();
  });

  const give = async (body: Record<string, unknown>) =>
    (
      await platform.http
        .post('/api/donations')
        .send({
          amountCents: 25_00,
          frequency: 'one_off',
          donor: { name: 'Marie', email: 'marie@example.be' },
          ...body,
        })
        .expect(201)
    ).body.id as string;
  const settle = (donationId: string) =>
    platform.http.post(`/api/sandbox/donations/${donationId}/settle`).send({ outcome: 'paid' }).expect(200);

  let team: Awaited<ReturnType<typeof registerTeam>>;

  it('mails the captain a private edit link that verifies and the team invitation with its join code', async () => {
    team = await registerTeam(platform, editionId, routeId, 'De Stappers', { name: 'Anna', email: 'anna@example.be' });
    const [mail] = (await outbox(platform)).filter((m) => m.to === 'anna@example.be');
    expect(mail.subject).toBe('Je team De Stappers is ingeschreven');
    expect(mail.messageId).toMatch(/^<[0-9a-f]{32}@mail\.refugeewalk>$/);
    const edit = linkIn(mail, /\/walkers\/[^/]+\/edit/);
    expect(edit.pathname).toBe(`/walkers/${team.captainWalkerId}/edit`);
    const links = platform.app.get(PrivateLinks);
    expect(links.verify('edit-walker', team.captainWalkerId, edit.searchParams.get('token') ?? '')).toBe(true);
    const invitation = linkIn(mail, /\/teams\/[^/]+\/join/);
    expect(invitation.pathname).toBe(`/teams/${team.id}/join`);
    expect(invitation.searchParams.get('code')).toBe(team.joinCode);
    expect(mail.html).toContain(`href="${BASE}/teams/${team.id}/join?code=${team.joinCode}"`);
    // both links open the pages they name
    for (const link of [edit, invitation]) {
      await platform.http
        .get(`${link.pathname}${link.search}`)
        .expect(200)
        .expect('Content-Type', /text\/html/);
    }
    // the invitation works: a walker joins with that code
    await platform.http
      .post(`/api/teams/${team.id}/walkers`)
      .send({ name: 'Jan', email: 'jan@example.be', joinCode: invitation.searchParams.get('code') })
      .expect(201);
  });

  it('mails a joining walker their own edit link', async () => {
    const [mail] = (await outbox(platform)).filter((m) => m.to === 'jan@example.be');
    expect(mail.subject).toBe('Welkom in team De Stappers');
    const edit = linkIn(mail, /\/walkers\/[^/]+\/edit/);
    const walkerId = edit.pathname.split('/')[2];
    expect(platform.app.get(PrivateLinks).verify('edit-walker', walkerId, edit.searchParams.get('token') ?? '')).toBe(
      true,
    );
  });

  it('writes to a captain who registered in French in French, with French page links', async () => {
    await platform.http
      .post(`/api/editions/${editionId}/teams`)
      .send({
        name: 'Les Marcheurs',
        routeId,
        targetCents: 0,
        captain: { name: 'Léa', email: 'lea@example.be' },
        language: 'fr',
      })
      .expect(201);
    const [mail] = (await outbox(platform)).filter((m) => m.to === 'lea@example.be');
    expect(mail.subject).toBe('Votre équipe Les Marcheurs est inscrite');
    expect(linkIn(mail, /\/teams\/[^/]+\/join/).searchParams.get('lang')).toBe('fr');
  });

  it('thanks a donor once their gift is paid in the sandbox, and not before', async () => {
    const donationId = await give({
      beneficiary: { type: 'team', id: team.id },
      donor: { name: 'Piet', email: 'piet@example.be' },
    });
    expect((await outbox(platform)).filter((m) => m.to === 'piet@example.be')).toEqual([]);
    await settle(donationId);
    const mails = (await outbox(platform)).filter((m) => m.to === 'piet@example.be');
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('Bedankt voor je gift');
    // a receipt: who it is for, the amount, the day it was paid (in Brussels), the reference finance knows it by
    expect(mails[0].text).toContain('We ontvingen je gift van €\u00a025,00 voor team De Stappers.');
    const paidOn = new Intl.DateTimeFormat('nl-BE', { dateStyle: 'long', timeZone: 'Europe/Brussels' }).format(
      new Date(),
    );
    expect(mails[0].text).toContain(`Bedrag: €\u00a025,00\nDatum: ${paidOn}\nReferentie: ${donationId}\n`);
    // the same settlement again (a repeated webhook) changes nothing and mails nothing
    await settle(donationId);
    expect((await outbox(platform)).filter((m) => m.to === 'piet@example.be')).toHaveLength(1);
  });

  it('confirms a monthly gift with a cancel link that stops it', async () => {
    const donationId = await give({
      beneficiary: { type: 'team', id: team.id },
      frequency: 'monthly',
      donor: { name: 'Lena', email: 'lena@example.be' },
      language: 'en',
    });
    await settle(donationId);
    const [mail] = (await outbox(platform)).filter((m) => m.to === 'lena@example.be');
    expect(mail.subject).toBe('Your monthly gift has started');
    const cancel = linkIn(mail, /\/donations\/[^/]+\/cancel/);
    expect(cancel.pathname).toBe(`/donations/${donationId}/cancel`);
    expect(cancel.searchParams.get('lang')).toBe('en');
    const cancelPage = await platform.http.get(`${cancel.pathname}${cancel.search}`).expect(200);
    expect(cancelPage.text).toContain('<html lang="en"');
    await platform.http
      .post(`/api/donations/${donationId}/cancel-monthly`)
      .query({ token: cancel.searchParams.get('token') })
      .expect(200, { id: donationId, cancelled: true, by: 'donor' });
    // stopping it is confirmed, saying who stopped it; the monthly charges between mail nothing
    const mails = (await outbox(platform)).filter((m) => m.to === 'lena@example.be');
    expect(mails.map((m) => m.subject)).toEqual(['Your monthly gift has stopped', 'Your monthly gift has started']);
    expect(mails[0].text).toContain('Your monthly gift of €25.00 for team De Stappers has stopped');
    expect(mails[0].text).toContain('You stopped it yourself.');
    // the same stop again (a double click) mails nothing more
    await platform.http
      .post(`/api/donations/${donationId}/cancel-monthly`)
      .query({ token: cancel.searchParams.get('token') })
      .expect(200);
    expect((await outbox(platform)).filter((m) => m.to === 'lena@example.be')).toHaveLength(2);
  });

  it('tells a sponsor what they pledged when they pledge, and km, rate, cap and walker with its pay link when due', async () => {
    const pledge = await platform.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'walker', id: team.captainWalkerId },
        sponsor: { name: 'Sophie', email: 'sophie@example.be' },
        kind: 'per_km',
        amountCents: 150,
        capCents: 40_00,
        language: 'fr',
      })
      .expect(201);
    const [made] = (await outbox(platform)).filter((m) => m.to === 'sophie@example.be');
    expect(made.subject).toBe('Merci pour votre promesse de don');
    expect(made.text).toContain('Vous avez promis 1,50\u00a0€ par kilomètre parcouru pour Anna.');
    expect(made.text).toContain('Vous ne paierez jamais plus de 40,00\u00a0€.');
    // the fixture's walk is a year ahead of whenever the tests run: "26 septembre 2027"
    const walkDay = new Intl.DateTimeFormat('fr-BE', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    });
    expect(made.text).toContain(
      `Après la marche du ${walkDay.format(new Date(`${WALK_DAY}T12:00:00Z`))}, vous recevrez un courriel`,
    );
    await platform.http
      .post(`/api/walkers/${team.captainWalkerId}/distance`)
      .set(await platform.adminAuth())
      .send({ km: 20 })
      .expect(200);
    const [mail] = (await outbox(platform)).filter((m) => m.to === 'sophie@example.be');
    expect(mail.subject).toBe('Votre promesse de don est à payer');
    expect(mail.text).toContain('Anna a parcouru 20\u00a0km.');
    expect(mail.text).toContain(
      'Distance parcourue\u00a0: 20\u00a0km\nPar kilomètre\u00a0: 1,50\u00a0€\nMaximum\u00a0: 40,00\u00a0€\nÀ payer\u00a0: 30,00\u00a0€\n',
    );
    const pay = linkIn(mail, /\/pledges\/[^/]+\/pay/);
    expect(pay.pathname).toBe(`/pledges/${pledge.body.id}/pay`);
    const payPage = await platform.http.get(`${pay.pathname}${pay.search}`).expect(200);
    expect(payPage.text).toContain('<html lang="fr"');
    expect(payPage.text).toContain('30,00');
  });

  it('writes names as text: a name that looks like a script stays text in the mail and the outbox page', async () => {
    await joinTeam(platform, team, { name: '<script>alert(1)</script>', email: 'x@example.be' });
    const [mail] = (await outbox(platform)).filter((m) => m.to === 'x@example.be');
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).toContain('Beste &lt;script>alert(1)&lt;/script>,');
    const page = await platform.http
      .get(`/sandbox/outbox/${encodeURIComponent(mail.messageId)}`)
      .set(await platform.adminAuth())
      .expect(200);
    expect(page.text).not.toContain('<script>');
    expect(page.text).toContain('&lt;script>alert(1)&lt;/script>');
  });

  it('lists the outbox newest first at /sandbox/outbox', async () => {
    const mails = await outbox(platform);
    const page = await platform.http
      .get('/sandbox/outbox')
      .set(await platform.adminAuth())
      .expect(200)
      .expect('Content-Type', /text\/html/);
    const first = page.text.indexOf(encodeURIComponent(mails[0].messageId));
    const last = page.text.indexOf(encodeURIComponent(mails[mails.length - 1].messageId));
    expect(first).toBeGreaterThan(0);
    expect(first).toBeLessThan(last);
  });

  it('shows the outbox in the visitor language, with its count as each language writes it', async () => {
    const mails = await outbox(platform);
    const french = await platform.http
      .get('/sandbox/outbox?lang=fr')
      .set(await platform.adminAuth())
      .expect(200);
    expect(french.text).toContain('<html lang="fr"');
    expect(french.text).toContain('<h1>Boîte d’envoi</h1>');
    expect(french.text).toContain(`${mails.length} courriels`);
    expect(french.text).not.toContain('this mail was not sent');
    const english = await platform.http
      .get('/sandbox/outbox?lang=en')
      .set(await platform.adminAuth())
      .expect(200);
    expect(english.text).toContain('Sandbox: this mail was not sent, only kept here.');
  });

  it('refuses an unknown language with a 400 and writes nothing', async () => {
    const store = platform.app.get<EventStore>(EVENT_STORE);
    await platform.effectsDone();
    const head = await store.headPosition();
    const response = await platform.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'team', id: team.id },
        sponsor: { name: 'Tom', email: 'tom@example.be' },
        kind: 'fixed',
        amountCents: 10_00,
        language: 'de',
      })
      .expect(400);
    expect(JSON.stringify(response.body)).toContain('language must be nl, fr or en');
    expect(await store.headPosition()).toBe(head);
  });

  it('sends no mail twice after a restart on the same data folder and a rebuild of the projections', async () => {
    const before = await outbox(platform);
    expect(before.length).toBeGreaterThanOrEqual(6);
    await platform.stop();
    // a rebuild from zero: the mail projection forgets its rows and decides every mail again
    const report = await rebuildProjections(loadConfig({ DATA_DIR: platform.dataDir }));
    expect(report.projections).toContain('mail');
    const again = await startPlatform({ PUBLIC_BASE_URL: BASE }, platform.dataDir);
    try {
      const after = await outbox(again);
      expect(after.map((m) => m.messageId)).toEqual(before.map((m) => m.messageId));
      const rows = new DatabaseSync(join(platform.dataDir, 'read-models.sqlite'), { readOnly: true });
      expect(rows.prepare('SELECT count(*) AS n FROM mail_to_send WHERE dispatched = 0').get()).toEqual({ n: 0 });
      expect((rows.prepare('SELECT count(*) AS n FROM mail_to_send').get() as { n: number }).n).toBe(before.length);
      rows.close();
    } finally {
      await again.stop();
    }
  });
});

describe('a walker’s mails: the fee’s pay link, the fee paid, one digest a day of the gifts to them', () => {
  let platform: TestPlatform;
  /** The platform's clock: the dispatcher sends a day's digest once this is past the end of that day. */
  let now = new Date();
  let team: Awaited<ReturnType<typeof registerTeam>>;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: BASE }, undefined, { clock: () => now });
    const edition = await createEdition(platform, [
      { name: 'Official', distanceKm: 40, kind: 'official', registrationFeeCents: 15_00 },
    ]);
    team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Stappers', {
      name: 'Anna',
      email: 'anna@example.be',
    });
  });
  afterAll(async () => {
    await platform.dispose();
  });

  it('puts the fee’s pay link in the registration mail: it opens the fee’s checkout while owed, the result once paid', async () => {
    const [mail] = (await outbox(platform)).filter((m) => m.to === 'anna@example.be');
    expect(mail.text).toContain('Je inschrijvingsgeld van €\u00a015,00 is nog niet betaald.');
    const pay = linkIn(mail, /\/registration-fees\/[^/]+\/pay/);
    expect(pay.pathname).toBe(`/registration-fees/${team.captainWalkerId}/pay`);
    // the same checkout the registration opened, however often the link is followed
    for (let i = 0; i < 2; i++) {
      const opened = await platform.http.get(pay.pathname).expect(303);
      expect(opened.headers.location).toBe(team.feeCheckoutUrl);
    }
    await platform.http
      .post(`/api/sandbox/registration-fees/${team.captainWalkerId}/settle`)
      .send({ outcome: 'paid' })
      .expect(200);
    const paid = await platform.http.get(`${pay.pathname}?lang=fr`).expect(303);
    expect(paid.headers.location).toBe(`/registration-fees/${team.captainWalkerId}/result?lang=fr`);
    await platform.http.get('/registration-fees/no-such-walker/pay').expect(404);
  });

  it('mails the walker once their fee is paid, with the amount, the day and the payment’s reference', async () => {
    const mails = (await outbox(platform)).filter((m) => m.to === 'anna@example.be');
    expect(mails.map((m) => m.subject)).toEqual([
      'Je inschrijvingsgeld is betaald',
      'Je team De Stappers is ingeschreven',
    ]);
    expect(mails[0].text).toContain('We ontvingen je inschrijvingsgeld: je stapt mee in team De Stappers.');
    expect(mails[0].text).toContain(`Referentie: sandbox_fee-${team.captainWalkerId}`);
    // a repeated webhook pays nothing twice and mails nothing more
    await platform.http
      .post(`/api/sandbox/registration-fees/${team.captainWalkerId}/settle`)
      .send({ outcome: 'paid' })
      .expect(200);
    expect((await outbox(platform)).filter((m) => m.to === 'anna@example.be')).toHaveLength(2);
  });

  it('tells the walker of the day’s gifts in one digest once the day is over; anonymous stays anonymous', async () => {
    const digests = async () =>
      (await outbox(platform)).filter((m) => m.to === 'anna@example.be' && /^Je kreeg/.test(m.subject));
    await giveAndSettle(platform, team.captainWalkerId, 25_00, { name: 'Marie', email: 'marie@example.be' });
    await giveAndSettle(platform, team.captainWalkerId, 40_00, { name: 'Geheim', email: 'geheim@example.be' }, true);
    expect(await digests()).toEqual([]);
    // the next day: the digest of the day before goes, with both gifts
    now = new Date(Date.now() + 24 * 3_600_000);
    const [digest, ...more] = await digests();
    expect(more).toEqual([]);
    expect(digest.subject).toBe('Je kreeg 2 giften');
    expect(digest.text).toContain('- Marie: €\u00a025,00\n- Een anonieme sponsor\n');
    expect(digest.text).not.toContain('Geheim');
    expect(digest.html).not.toContain('Geheim');
    expect(await digests()).toHaveLength(1);
  });

  it('sends nothing again after a restart and a rebuild of the projections', async () => {
    const before = await outbox(platform);
    await platform.stop();
    await rebuildProjections(loadConfig({ DATA_DIR: platform.dataDir }));
    const again = await startPlatform({ PUBLIC_BASE_URL: BASE }, platform.dataDir, { clock: () => now });
    try {
      const after = await outbox(again);
      expect(after.map((m) => m.messageId)).toEqual(before.map((m) => m.messageId));
    } finally {
      await again.stop();
    }
  });
});

describe('who may read the outbox page (walkers’ private links and join codes are in it)', () => {
  it('answers 404 when mail goes out through SMTP', async () => {
    const platform = await startPlatform({ SMTP_URL: 'smtp://127.0.0.1:1' });
    try {
      await platform.http.get('/sandbox/outbox').expect(404);
    } finally {
      await platform.dispose();
    }
  });

  it('answers 404 under a live payment provider even with the outbox mailer, with or without a login', async () => {
    const platform = await startPlatform({
      PAYMENT_PROVIDER: 'stripe',
      STRIPE_SECRET_KEY: 'sk_test_outbox',
      STRIPE_WEBHOOK_SECRET: 'whsec_outbox',
      PUBLIC_BASE_URL: 'http://localhost:3000',
    });
    try {
      const edition = await createEdition(platform);
      await registerTeam(platform, edition.id, edition.routes[0].id, 'De Stappers', {
        name: 'Fatima',
        email: 'fatima@example.be',
      });
      expect((await outbox(platform)).length).toBeGreaterThan(0);
      const page = await platform.http.get('/sandbox/outbox').expect(404);
      expect(page.text).not.toContain('fatima@example.be');
      await platform.http
        .get('/sandbox/outbox')
        .set(await platform.adminAuth())
        .expect(404);
      const [mail] = await outbox(platform);
      await platform.http.get(`/sandbox/outbox/${encodeURIComponent(mail.messageId)}`).expect(404);
    } finally {
      await platform.dispose();
    }
  });

  it('is open on a local sandbox to this machine, and for organisers only from elsewhere or under an https PUBLIC_BASE_URL', async () => {
    const local = await startPlatform();
    try {
      const page = await local.http.get('/sandbox/outbox').expect(200);
      expect(page.headers['cache-control']).toBe('no-store');
      // only to a browser on this machine: a visitor from the network (the platform listens on every address by
      // default, or comes through a local reverse proxy) needs an organiser's login
      await local.http.get('/sandbox/outbox').set('X-Forwarded-For', '203.0.113.7').expect(401);
      await local.http
        .get('/sandbox/outbox')
        .set('X-Forwarded-For', '203.0.113.7')
        .set(await local.adminAuth())
        .expect(200);
    } finally {
      await local.dispose();
    }
    const online = await startPlatform({ PUBLIC_BASE_URL: BASE });
    try {
      const edition = await createEdition(online);
      await registerTeam(online, edition.id, edition.routes[0].id, 'De Stappers', {
        name: 'Fatima',
        email: 'fatima@example.be',
      });
      const [mail] = await outbox(online);
      const anonymous = await online.http.get('/sandbox/outbox').set('Accept', 'application/json').expect(401);
      expect(anonymous.text).not.toContain('fatima@example.be');
      await online.http.get(`/sandbox/outbox/${encodeURIComponent(mail.messageId)}`).expect(401);
      const page = await online.http
        .get('/sandbox/outbox')
        .set(await online.adminAuth())
        .expect(200);
      expect(page.text).toContain('fatima@example.be');
    } finally {
      await online.dispose();
    }
  });
});

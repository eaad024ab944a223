import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { DistanceProposalGone, MAX_TRACK_BYTES } from '@rw/fundraising';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { refusal } from '../../apps/platform/src/i18n';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { ADMIN, startPlatform, type TestPlatform } from '../support/platform';

const csrfOf = (page: string) => /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
const trackErrorOf = (page: string) => /<p class="field-error" id="field-track-error">([^<]*)<\/p>/.exec(page)?.[1];
const FIXTURE = readFileSync(join(__dirname, '../fixtures/walk.gpx'));
const gpx = (points: string) =>
  Buffer.from(`<?xml version="1.0"?><gpx version="1.1" creator="test"><trk><trkseg>${points}</trkseg></trk></gpx>`);
const point = (lat: number, time?: string) =>
  `<trkpt lat="${lat}" lon="4.35">${time ? `<time>${time}</time>` : ''}</trkpt>`;

describe('distance from a GPX track: the walker proposes, an organiser accepts', () => {
  let platform: TestPlatform;
  let walkerId: string;
  let captainId: string;
  let pledgeId: string;
  let walker: TestAgent;
  let desk: TestAgent;
  let deskCsrf: string;

  const head = async () => {
    await platform.effectsDone();
    return platform.app.get<EventStore>(EVENT_STORE).headPosition();
  };
  const editLink = (lang = '') => {
    const token = platform.app.get(PrivateLinks).token('edit-walker', walkerId);
    return `/walkers/${walkerId}/edit?token=${token}${lang}`;
  };
  const uploadLink = () => editLink().replace('/edit?', '/edit/track?');
  const upload = async (bytes: Buffer | undefined, status: number, name = 'walk.gpx') => {
    const page = await walker.get(editLink()).expect(200);
    const post = walker.post(uploadLink()).field('_csrf', csrfOf(page.text));
    return (bytes === undefined ? post : post.attach('track', bytes, name)).expect(status);
  };

  beforeAll(async () => {
    platform = await startPlatform();
    const edition = await createEdition(platform, [{ name: 'Official', distanceKm: 40, kind: 'official' }]);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Stappers', {
      name: 'Amina Haddad',
      email: 'amina@example.be',
    });
    captainId = team.captainWalkerId;
    walkerId = await joinTeam(platform, team, { name: 'Bram <b>Peeters</b>', email: 'bram@example.be' });
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
    walker = request.agent(platform.app.getHttpServer());
    desk = request.agent(platform.app.getHttpServer());
  });

  afterAll(() => platform.dispose());

  it('shows the upload form on the walker’s private page, as multipart with its form token', async () => {
    const page = await walker.get(editLink()).expect(200);
    expect(page.text).toContain('<h2 id="track-title">Je afstand uit een GPX-bestand</h2>');
    expect(page.text).toMatch(
      /<form method="post" action="\/walkers\/[^"]+\/edit\/track\?token=[^"]+" enctype="multipart\/form-data"/,
    );
    expect(page.text).toContain('name="track"');
  });

  it.each([
    ['no file', undefined, 'Kies een GPX-bestand.'],
    ['a file that is not GPX', Buffer.from('lat;lon\n50.8;4.35\n'), 'Dit is geen GPX-bestand.'],
    ['a GPX without points', gpx(''), 'Dit GPX-bestand bevat geen punten van een spoor of route.'],
    ['a GPX of one point', gpx(point(50.8)), 'Dit GPX-bestand bevat maar één punt'],
    [
      'a track made in a car (44 km/h)',
      gpx(point(50.8, '2026-05-10T08:00:00Z') + point(50.9, '2026-05-10T08:15:00Z')),
      'Dit spoor gaat sneller dan 30 km/u',
    ],
    ['a track longer than any walk', gpx(point(50) + point(53)), 'Dit spoor is langer dan 300 km'],
    [
      'a file over 5 MB',
      Buffer.alloc(MAX_TRACK_BYTES + 1, ' '),
      'Dit bestand is te groot: een GPX-bestand is hoogstens 5 MB.',
    ],
  ])('refuses %s under the file field (400) and writes nothing', async (_, bytes, message) => {
    const before = await head();
    const response = await upload(bytes, 400);
    expect(trackErrorOf(response.text)).toContain(message);
    expect(response.text).toContain('aria-describedby="field-track-error"');
    expect(await head()).toBe(before);
  });

  it('shows the page as it was beside a refused file: the captain keeps the team’s invitation link', async () => {
    const token = platform.app.get(PrivateLinks).token('edit-walker', captainId);
    const link = `/walkers/${captainId}/edit?token=${token}`;
    const page = await walker.get(link).expect(200);
    expect(page.text).toContain('id="invite-url"');
    const refused = await walker
      .post(link.replace('/edit?', '/edit/track?'))
      .field('_csrf', csrfOf(page.text))
      .attach('track', Buffer.from('not a track'), 'walk.gpx')
      .expect(400);
    expect(trackErrorOf(refused.text)).toContain('Dit is geen GPX-bestand.');
    expect(refused.text).toContain('id="invite-url"');
  });

  it('says the refusal in the visitor’s language', async () => {
    await walker.get(editLink('&lang=fr')).expect(200);
    const response = await upload(gpx(point(50.8)), 400);
    expect(trackErrorOf(response.text)).toBe(
      'Ce fichier GPX ne contient qu’un seul point\u202f: impossible d’en mesurer une distance.',
    );
    await walker.get(editLink('&lang=nl')).expect(200);
  });

  it('refuses an upload without the form token or through a wrong link (403, nothing written)', async () => {
    const before = await head();
    await walker.post(uploadLink()).attach('track', FIXTURE, 'walk.gpx').expect(403);
    const page = await walker.get(editLink()).expect(200);
    await walker
      .post(`/walkers/${walkerId}/edit/track?token=wrong`)
      .field('_csrf', csrfOf(page.text))
      .attach('track', FIXTURE, 'walk.gpx')
      .expect(403);
    expect(await head()).toBe(before);
  });

  it('answers a form it cannot read with 400, never a 500, and writes nothing', async () => {
    const before = await head();
    const page = await walker.get(editLink()).expect(200);
    // a file under another name
    await walker.post(uploadLink()).field('_csrf', csrfOf(page.text)).attach('file', FIXTURE, 'walk.gpx').expect(400);
    // a multipart body cut short
    await walker
      .post(uploadLink())
      .set('Content-Type', 'multipart/form-data; boundary=xyz')
      .send('--xyz\r\nContent-Disposition: form-data; name="track"; filename="a.gpx"\r\n\r\n<gpx')
      .expect(400);
    expect(await head()).toBe(before);
  });

  it('measures a good track and shows it as proposed, waiting for an organiser, with its profile', async () => {
    const response = await upload(FIXTURE, 303);
    expect(response.headers.location).toMatch(/\/edit\?token=.+#track$/);
    const page = await walker.get(editLink()).expect(200);
    expect(page.text).toContain('Je stelde 3,34 km voor. Een organisator moet dit nog goedkeuren.');
    expect(page.text).toContain('Gemeten over 4 punten in 0 u 45 min');
    expect(page.text).toMatch(
      /<svg class="track-profile"[^>]*role="img"[^>]*aria-label="Hoogteprofiel over 3,34 km, van 40 tot 70 m hoogte"/,
    );
    // nothing of the track beyond its numbers: no coordinate, no time of day in the stored facts
    const events = await platform.app.get<EventStore>(EVENT_STORE).readStream(`walker-${walkerId}`);
    const proposed = events.find((event) => event.type === 'WalkerDistanceProposed');
    expect(proposed?.data).toMatchObject({ km: 3.34, points: 4, durationSeconds: 2700, source: 'gpx' });
    expect(JSON.stringify(proposed?.data)).not.toMatch(/50\.8|4\.35|08:00/);
    // not counted yet: the pledge is still open
    const pledge = await platform.http.get(`/api/pledges/${pledgeId}`).expect(200);
    expect(pledge.body.status).toBe('open');
  });

  it('keeps one proposal when the same file is sent twice (a double click)', async () => {
    const before = await head();
    await upload(FIXTURE, 303);
    expect(await head()).toBe(before);
  });

  it('lists the proposal on the desk; one click records it and the per-km pledge falls due', async () => {
    const login = await desk.get('/desk/login').expect(200);
    await desk
      .post('/desk/login')
      .type('form')
      .send({ _csrf: csrfOf(login.text), email: ADMIN.email, password: ADMIN.password })
      .expect(303);
    const page = await desk.get('/desk').expect(200);
    deskCsrf = csrfOf(page.text);
    expect(page.text).toContain('<h2>Voorgestelde afstanden</h2>');
    expect(page.text).toContain(`id="proposal-${walkerId}"`);
    expect(page.text).toContain('Bram &lt;b>Peeters&lt;/b>');
    expect(page.text).toContain('voorgesteld: 3,34 km');
    const proposalId = /name="proposalId" value="([0-9a-f]{64})"/.exec(page.text)?.[1] ?? '';
    expect(proposalId).not.toBe('');

    // a malformed or stale proposal: refused, nothing written
    const before = await head();
    await desk
      .post(`/desk/walkers/${walkerId}/distance-proposal`)
      .type('form')
      .send({ _csrf: deskCsrf, proposalId: 'nope' })
      .expect(400);
    const stale = await desk
      .post(`/desk/walkers/${walkerId}/distance-proposal`)
      .type('form')
      .send({ _csrf: deskCsrf, proposalId: 'a'.repeat(64) })
      .expect(409);
    expect(stale.text).toContain(refusal('nl', new DistanceProposalGone(walkerId)).message);
    expect(await head()).toBe(before);

    const accepted = await desk
      .post(`/desk/walkers/${walkerId}/distance-proposal`)
      .type('form')
      .send({ _csrf: deskCsrf, proposalId })
      .expect(303);
    const back = await desk.get(accepted.headers.location).expect(200);
    expect(back.text).toContain('3,34 km van Bram &lt;b>Peeters&lt;/b> goedgekeurd.');
    expect(back.text).not.toContain(`id="proposal-${walkerId}"`);
    const pledge = await platform.http.get(`/api/pledges/${pledgeId}`).expect(200);
    expect(pledge.body).toMatchObject({ status: 'due', dueCents: Math.round(3.34 * 250) });

    // the second click of a double click: the same answer, nothing written
    const after = await head();
    await desk
      .post(`/desk/walkers/${walkerId}/distance-proposal`)
      .type('form')
      .send({ _csrf: deskCsrf, proposalId })
      .expect(303);
    expect(await head()).toBe(after);

    const mine = await walker.get(editLink()).expect(200);
    expect(mine.text).toContain('Een organisator keurde je 3,34 km goed.');
  });

  it('lets an organiser list and accept proposals through the JSON API, once', async () => {
    // a second, longer walk: three steps of 0.01° instead of the fixture's
    await upload(
      gpx(
        point(50.8, '2026-05-11T08:00:00Z') +
          point(50.82, '2026-05-11T08:30:00Z') +
          point(50.84, '2026-05-11T09:00:00Z') +
          point(50.86, '2026-05-11T09:30:00Z'),
      ),
      303,
    );
    const admin = await platform.adminAuth();
    await platform.http.get('/api/distance-proposals').expect(401);
    const listed = await platform.http.get('/api/distance-proposals').set(admin).expect(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.body[0]).toMatchObject({ walkerId, km: 6.67, points: 4, status: 'pending', recordedKm: 3.34 });
    const { proposalId } = listed.body[0];

    const before = await head();
    const bad = await platform.http
      .post(`/api/walkers/${walkerId}/distance-proposals/accept`)
      .set(admin)
      .send({ proposalId: 'not-an-id' })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('proposalId must be a proposal id');
    await platform.http
      .post(`/api/walkers/${walkerId}/distance-proposals/accept`)
      .set(admin)
      .send({ proposalId: 'b'.repeat(64) })
      .expect(409);
    expect(await head()).toBe(before);

    const accepted = await platform.http
      .post(`/api/walkers/${walkerId}/distance-proposals/accept`)
      .set(admin)
      .send({ proposalId })
      .expect(200);
    expect(accepted.body).toEqual({ walkerId, km: 6.67 });
    const pledge = await platform.http.get(`/api/pledges/${pledgeId}`).expect(200);
    expect(pledge.body).toMatchObject({ status: 'due', dueCents: Math.round(6.67 * 250) });
    const after = await head();
    await platform.http
      .post(`/api/walkers/${walkerId}/distance-proposals/accept`)
      .set(admin)
      .send({ proposalId })
      .expect(200);
    expect(await head()).toBe(after);
    expect((await platform.http.get('/api/distance-proposals').set(admin).expect(200)).body).toEqual([]);
  });
});

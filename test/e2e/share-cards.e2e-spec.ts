import { binary } from '../support/binary';
import { createEdition, giveAndSettle, joinTeam, type RegisteredTeam, registerTeam } from '../support/fixtures';
import { startPlatform, type TestPlatform } from '../support/platform';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** Width and height from the IHDR chunk, the first chunk of every PNG. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function until(check: () => Promise<boolean>, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('not in time');
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('share cards and QR codes of walker and team pages', () => {
  let platform: TestPlatform;
  let team: RegisteredTeam;
  let walkerId: string;

  beforeAll(async () => {
    platform = await startPlatform({ PUBLIC_BASE_URL: 'https://walk.example.org' });
    const edition = await createEdition(platform);
    team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Zon & <b>Maan</b>', {
      name: 'Captain',
      email: 'captain@example.org',
    });
    walkerId = await joinTeam(platform, team, { name: 'Amina <script>x</script>', email: 'amina@example.org' });
  });

  afterAll(() => platform.dispose());

  const card = (path: string) => platform.http.get(path).buffer(true).parse(binary);

  it('serves a 1200×630 PNG for a walker and a team, by id or slug, with an ETag and a cache time', async () => {
    for (const path of [
      `/walkers/${walkerId}/card.png`,
      `/teams/${team.id}/card.png`,
      `/teams/${team.slug}/card.png`,
    ]) {
      const response = await card(`${path}?lang=fr`).expect(200);
      expect(response.headers['content-type']).toBe('image/png');
      expect(response.headers.etag).toMatch(/^"card-[\w-]+"$/);
      expect(response.headers['cache-control']).toBe('public, max-age=300');
      expect(pngSize(response.body)).toEqual({ width: 1200, height: 630 });
    }
  });

  it('answers 304 to the same ETag, and a new ETag once the figures change', async () => {
    const path = `/walkers/${walkerId}/card.png?lang=nl`;
    const first = await card(path).expect(200);
    const etag = first.headers.etag;
    const again = await platform.http.get(path).set('If-None-Match', etag).expect(304);
    expect(again.headers.etag).toBe(etag);
    expect(again.text ?? '').toBe('');
    // another language is another card
    const french = await card(`/walkers/${walkerId}/card.png?lang=fr`).expect(200);
    expect(french.headers.etag).not.toBe(etag);
    await giveAndSettle(platform, walkerId, 25_00, { name: 'Sofie', email: 'sofie@example.org' });
    await until(async () => (await card(path)).headers.etag !== etag);
    await platform.http.get(path).set('If-None-Match', etag).expect(200);
    // the team's card changes with its walker's gift too
    const teamCard = await card(`/teams/${team.id}/card.png?lang=nl`).expect(200);
    expect(teamCard.headers.etag).not.toBe(etag);
    // what the cards show, in words: the walker's gift counts for the walker and for the team, of the walk
    for (const path of [`/walkers/${walkerId}`, `/teams/${team.id}`]) {
      const page = await platform.http.get(`${path}?lang=nl`).expect(200);
      expect(page.text).toContain('€\u00a025,00 opgehaald voor Refugee Walk 2026"/>');
    }
  });

  it('answers 404 for an unknown walker or team, and 400 for an unknown language', async () => {
    await platform.http.get('/walkers/00000000-0000-4000-8000-000000000000/card.png').expect(404);
    await platform.http.get('/teams/nobody-here/card.png').expect(404);
    await platform.http.get('/teams/nobody-here/qr.svg').expect(404);
    const refused = await platform.http.get(`/walkers/${walkerId}/card.png?lang=de`).expect(400);
    expect(refused.text).toContain('lang must be one of nl, fr, en');
    await platform.http.get(`/teams/${team.id}/card.png?lang=nl&lang=fr`).expect(400);
  });

  it('names the card in the page head (og:image with its size and words, a large twitter card)', async () => {
    const page = await platform.http.get(`/walkers/${walkerId}?lang=fr`).expect(200);
    const image = /<meta property="og:image" content="([^"]+)"/.exec(page.text)?.[1];
    expect(image).toMatch(new RegExp(`^https://walk\\.example\\.org/walkers/${walkerId}/card\\.png\\?lang=fr&amp;v=`));
    expect(page.text).toContain('<meta property="og:image:width" content="1200"/>');
    expect(page.text).toContain('<meta property="og:image:height" content="630"/>');
    expect(page.text).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    expect(page.text).toContain('<meta property="og:image:alt" content="Amina &lt;script>x&lt;/script>');
    // the address in the head answers the card
    const path = (image ?? '').replace('https://walk.example.org', '').replace('&amp;', '&');
    pngSize((await card(path).expect(200)).body);
    const teamPage = await platform.http.get(`/teams/${team.id}`).expect(200);
    expect(teamPage.text).toContain(`/teams/${team.id}/card.png?lang=nl&amp;v=`);
  });

  it('shows the page’s QR code with a link to download it for print', async () => {
    const page = await platform.http.get(`/teams/${team.id}?lang=en`).expect(200);
    expect(page.text).toContain('QR code of this page');
    expect(page.text).toMatch(/<div class="page-qr-code" role="img" aria-label="QR code of this page"><svg/);
    expect(page.text).toContain(`href="/teams/${team.id}/qr.svg" download`);
    const qr = await platform.http.get(`/teams/${team.id}/qr.svg`).expect(200);
    expect(qr.headers['content-type']).toMatch(/^image\/svg\+xml/);
    expect(qr.headers['content-disposition']).toBe(`attachment; filename="qr-team-${team.id}.svg"`);
    expect(qr.text ?? qr.body.toString()).toContain('<svg');
  });

  it('shows no name on an erased walker’s card', async () => {
    const before = await card(`/walkers/${walkerId}/card.png?lang=en`).expect(200);
    await platform.http
      .post('/api/donors/erase')
      .set(await platform.adminAuth())
      .send({ email: 'amina@example.org' })
      .expect(200);
    await until(async () => (await card(`/walkers/${walkerId}/card.png?lang=en`)).headers.etag !== before.headers.etag);
    const page = await platform.http.get(`/walkers/${walkerId}?lang=en`).expect(200);
    expect(page.text).not.toContain('Amina');
    expect(page.text).toContain('<meta property="og:image:alt" content="anonymous: ');
  });
});

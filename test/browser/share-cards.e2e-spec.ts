import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { createEdition, giveAndSettle, joinTeam, registerTeam } from '../support/fixtures';
import { checkPage, launchBrowser, type ListeningPlatform, openPage, startListeningPlatform } from './support/browser';

const ARTIFACTS = join(__dirname, '..', '..', 'test-artifacts', 'screenshots');

describe('share cards and QR codes in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let teamId: string;
  let walkerId: string;

  beforeAll(async () => {
    platform = await startListeningPlatform();
    browser = await launchBrowser();
    const edition = await createEdition(platform);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Zon & Maan', {
      name: 'Amina Haddad',
      email: 'amina@example.org',
    });
    teamId = team.id;
    walkerId = await joinTeam(platform, team, { name: 'Youssef <b>El</b> Amrani', email: 'y@example.org' });
    await giveAndSettle(platform, walkerId, 123_45, { name: 'Sofie', email: 'sofie@example.org' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  for (const viewport of ['phone', 'laptop'] as const) {
    for (const lang of ['nl', 'fr'] as const) {
      it(`puts the card in the head and shows the QR code on walker and team pages, ${lang} at ${viewport} size`, async () => {
        for (const [name, path, kind] of [
          ['walker', `/walkers/${walkerId}`, 'walkers'],
          ['team', `/teams/${teamId}`, 'teams'],
        ] as const) {
          const opened = await openPage(browser, `${platform.baseUrl}${path}?lang=${lang}`, viewport);
          const { page } = opened;
          const meta = (selector: string) => page.getAttribute(`head meta[${selector}]`, 'content');
          const image = await meta('property="og:image"');
          expect(image).toMatch(new RegExp(`^${platform.baseUrl}/${kind}/[\\w-]+/card\\.png\\?lang=${lang}&v=`));
          expect(await meta('property="og:image:width"')).toBe('1200');
          expect(await meta('property="og:image:height"')).toBe('630');
          expect(await meta('name="twitter:card"')).toBe('summary_large_image');
          expect(await meta('property="og:title"')).toBeTruthy();
          expect(await meta('property="og:image:alt"')).toContain(name === 'walker' ? 'Youssef <b>El</b>' : 'Zon');
          // the QR code is drawn, visible and has a name; its download link answers an SVG
          const qr = page.locator('.page-qr-code svg');
          await qr.scrollIntoViewIfNeeded();
          expect(await qr.isVisible()).toBe(true);
          const box = await qr.boundingBox();
          expect(box?.width).toBeGreaterThan(100);
          const download = await page.getAttribute('.page-qr a[download]', 'href');
          expect(download).toBe(`${path}/qr.svg`);
          expect(await checkPage(page, `share-${name}-${lang}-${viewport}`)).toEqual([]);
          expect(opened.problems).toEqual([]);
          // the card the head names is a PNG the browser shows at its size
          const cardPage = await page.context().newPage();
          const answer = await cardPage.goto(image ?? '');
          expect(answer?.status()).toBe(200);
          expect(answer?.headers()['content-type']).toBe('image/png');
          const size = await cardPage.evaluate(() => {
            const img = (
              globalThis as unknown as { document: { images: { naturalWidth: number; naturalHeight: number }[] } }
            ).document.images[0];
            return { width: img.naturalWidth, height: img.naturalHeight };
          });
          expect(size).toEqual({ width: 1200, height: 630 });
          if (viewport === 'laptop') {
            mkdirSync(ARTIFACTS, { recursive: true });
            writeFileSync(join(ARTIFACTS, `share-card-${name}-${lang}.png`), (await answer?.body()) ?? Buffer.alloc(0));
          }
          await opened.close();
        }
      }, 60_000);
    }
  }
});

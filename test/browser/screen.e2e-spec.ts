import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { createEdition, giveAndSettle, joinTeam, registerTeam } from '../support/fixtures';
import { startPlatform } from '../support/platform';
import {
  checkPage,
  launchBrowser,
  type ListeningPlatform,
  openPage,
  screenshot,
  startListeningPlatform,
  VIEWPORTS,
} from './support/browser';

describe('the leaderboard screen in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;
  let walkerId: string;

  beforeAll(async () => {
    platform = await startListeningPlatform();
    browser = await launchBrowser();
    const edition = await createEdition(platform);
    editionId = edition.id;
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Stappers', {
      name: 'Amina Haddad',
      email: 'amina@example.org',
    });
    walkerId = await joinTeam(platform, team, { name: 'Bram Peeters', email: 'bram@example.org' });
    await giveAndSettle(platform, walkerId, 5000, { name: 'Chris Janssens', email: 'chris@example.org' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
    if (platform) rmSync(platform.dataDir, { recursive: true, force: true });
  });

  /** Polls the element's text (the total counts up, so its final figure comes a moment after the first change). */
  async function waitForText(page: Page, id: string, done: (text: string) => boolean, timeoutMs = 2_000) {
    const deadline = Date.now() + timeoutMs;
    let text = '';
    while (Date.now() < deadline) {
      text = (await page.textContent(`#${id}`)) ?? '';
      if (done(text)) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`#${id} still shows "${text}" after ${timeoutMs} ms`);
  }

  /** Waits until the stream is open, so that what happens next reaches the page live. */
  async function waitUntilLive(page: Page) {
    await page.waitForSelector('body[data-live=online]', { timeout: 5_000 });
  }

  for (const viewport of Object.keys(VIEWPORTS) as (keyof typeof VIEWPORTS)[]) {
    it(`shows the total, the boards and the latest gifts accessibly at ${viewport} size`, async () => {
      const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}/screen`, viewport);
      await waitUntilLive(opened.page);
      await expect(opened.page.textContent('#total')).resolves.toBe('€\u00a050,00');
      await expect(opened.page.textContent('#supporters')).resolves.toBe('1 sponsor');
      await expect(opened.page.textContent('#walkers-title')).resolves.toBe('Beste stappers');
      await expect(opened.page.textContent('#top-teams')).resolves.toContain('De Stappers');
      await expect(opened.page.textContent('#top-walkers')).resolves.toContain('Bram Peeters');
      await expect(opened.page.textContent('#gifts')).resolves.toContain('Chris Janssens voor Bram Peeters');
      expect(await checkPage(opened.page, `screen-${viewport}`)).toEqual([]);
      if (viewport === 'desktop') {
        const size = await opened.page.evaluate(() => {
          const root = (globalThis as unknown as { document: { documentElement: Record<string, number> } }).document
            .documentElement;
          return {
            scrollWidth: root.scrollWidth,
            scrollHeight: root.scrollHeight,
            width: root.clientWidth,
            height: root.clientHeight,
          };
        });
        expect(size.scrollWidth).toBeLessThanOrEqual(size.width);
        expect(size.scrollHeight).toBeLessThanOrEqual(size.height);
      }
      expect(opened.problems).toEqual([]);
      await opened.close();
    }, 60_000);
  }

  it('shows the state of the read models without JavaScript', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.desktop, javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/editions/${editionId}/screen?lang=en`);
    await expect(page.textContent('#total')).resolves.toBe('€50.00');
    await expect(page.textContent('#gifts')).resolves.toContain('Chris Janssens for Bram Peeters');
    await context.close();
  });

  it('shows a settled gift within 2 seconds without reloading, an anonymous one without name or amount', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}/screen`, 'desktop');
    await waitUntilLive(opened.page);
    await giveAndSettle(platform, walkerId, 2500, { name: 'Dirk Claes', email: 'dirk@example.org' });
    await waitForText(opened.page, 'gifts', (text) => text.includes('Dirk Claes voor Bram Peeters'));
    await waitForText(opened.page, 'total', (text) => text === '€\u00a075,00');
    // the script counts sponsors with the catalogue's plural forms: the second one makes it plural
    await waitForText(opened.page, 'supporters', (text) => text === '2 sponsors');
    await giveAndSettle(platform, walkerId, 1000, { name: 'Secret Person', email: 'secret@example.org' }, true);
    await opened.page.waitForSelector('#gifts li:first-child >> text=Anoniem voor Bram Peeters', { timeout: 2_000 });
    await expect(opened.page.textContent('#gifts li:first-child')).resolves.not.toContain('10,00');
    await expect(opened.page.textContent('#gifts')).resolves.not.toContain('Secret');
    await waitForText(opened.page, 'total', (text) => text === '€\u00a085,00');
    await screenshot(opened.page, 'screen-live-gift-desktop');
    expect(opened.problems).toEqual([]);
    await opened.close();
  }, 30_000);

  it('keeps showing the last state while the platform is away and catches up when it is back', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}/screen`, 'desktop');
    await waitUntilLive(opened.page);
    const before = await opened.page.textContent('#total');
    const port = Number(new URL(platform.baseUrl).port);
    await platform.stop();
    await opened.page.waitForSelector('#offline:not([hidden])', { timeout: 5_000 });
    await expect(opened.page.textContent('#total')).resolves.toBe(before);
    await expect(opened.page.textContent('#top-walkers')).resolves.toContain('Bram Peeters');
    await screenshot(opened.page, 'screen-offline-desktop');

    const restarted = await startPlatform({ PUBLIC_BASE_URL: platform.baseUrl }, platform.dataDir);
    await restarted.app.listen(port, '127.0.0.1');
    platform = { ...restarted, baseUrl: platform.baseUrl };
    await giveAndSettle(platform, walkerId, 1500, { name: 'Eva Maes', email: 'eva@example.org' });
    await opened.page.waitForSelector('#gifts >> text=Eva Maes voor Bram Peeters', { timeout: 10_000 });
    await opened.page.waitForSelector('#offline[hidden]', { state: 'attached', timeout: 2_000 });
    await waitForText(opened.page, 'total', (text) => text === '€\u00a0100,00');
    await screenshot(opened.page, 'screen-caught-up-desktop');
    await opened.close();
  }, 60_000);
});

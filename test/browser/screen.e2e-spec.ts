import { rmSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { createEdition, giveAndSettle, joinTeam, registerTeam, WALK_DAY } from '../support/fixtures';
import { startPlatform } from '../support/platform';
import {
  checkPage,
  launchBrowser,
  type ListeningPlatform,
  openPage,
  screenshot,
  startListeningPlatform,
  VIEWPORTS,
  type ViewportName,
} from './support/browser';

/**
 * The screen is a big display in the hall (a television or a projector), never a phone: it is tried at its two sizes,
 * 1920x1080 and 1366x768, and must fit them without scrolling.
 */
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

  for (const viewport of ['desktop', 'laptop'] as const) {
    it(`shows the total, the boards and the latest gifts accessibly, all on the screen, at ${viewport} size`, async () => {
      const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}/screen`, viewport);
      await waitUntilLive(opened.page);
      await expect(opened.page.textContent('#total')).resolves.toBe('€\u00a050,00');
      await expect(opened.page.textContent('#supporters')).resolves.toBe('1 sponsor');
      await expect(opened.page.textContent('#walkers-title')).resolves.toBe('Beste stappers');
      await expect(opened.page.textContent('#top-teams')).resolves.toContain('De Stappers');
      await expect(opened.page.textContent('#top-walkers')).resolves.toContain('Bram Peeters');
      await expect(opened.page.textContent('#gifts')).resolves.toContain('Chris Janssens voor Bram Peeters');
      expect(await checkPage(opened.page, `screen-${viewport}`)).toEqual([]);
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

/** A name of exactly `length` letters: the words given, repeated and cut at a word's end, padded with its number. */
function nameOf(words: string, index: number, length = 40): string {
  const tail = ` ${index}`;
  let name = '';
  while (name.length < length) name += `${words} `;
  return `${name.slice(0, length - tail.length).trimEnd()}${tail}`.padEnd(length, 'é');
}

describe('the leaderboard screen full of long names', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;
  let walkerIds: string[];
  const teamNames = Array.from({ length: 10 }, (_, i) => nameOf('Les Marcheuses Intrépides de Saint-Gillès', i));
  const walkerNames = Array.from({ length: 10 }, (_, i) =>
    // wide letters: what takes the most room on a line
    nameOf(i % 2 ? 'Wouter-Maximiliaan Wéémaes-Vanderwégen' : 'Anne-Sophie Ørsted-Ngọc Nguyễn', i),
  );
  const donorNames = Array.from({ length: 6 }, (_, i) => nameOf('Mohammed Abdelwahab Al-Quraishi Wéémaes', i));
  // one walker with the longest name the platform takes: made smaller, still whole
  walkerNames[9] = nameOf('Wouter-Maximiliaan Wéémaes-Vanderwégen', 9, 120);

  beforeAll(async () => {
    platform = await startListeningPlatform();
    browser = await launchBrowser();
    const edition = await platform.http
      .post('/api/editions')
      .set(await platform.adminAuth())
      .send({
        name: 'Refugee Walk 2026',
        date: WALK_DAY,
        routes: [{ name: 'Own route', distanceKm: 20, kind: 'own' }],
        goalCents: 10_000_00,
      })
      .expect(201);
    editionId = edition.body.id;
    walkerIds = [];
    for (let i = 0; i < 10; i++) {
      const team = await registerTeam(platform, editionId, edition.body.routes[0].id, teamNames[i], {
        name: walkerNames[i],
        email: `walker-${i}@example.org`,
      });
      walkerIds.push(team.captainWalkerId);
    }
    // every walker on the board; the last five gifts fill the ticker with long names
    for (let i = 0; i < 10; i++) {
      const donor =
        i < 5
          ? { name: `Donor ${i}`, email: `donor-${i}@example.org` }
          : { name: donorNames[i - 5], email: `long-${i}@example.org` };
      await giveAndSettle(platform, walkerIds[i], 1_000_00 + i * 123_45, donor);
    }
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
    if (platform) rmSync(platform.dataDir, { recursive: true, force: true });
  });

  /** What does not fit: any shown element past the viewport, any name or gift cut, any row taller than its place. */
  async function misfits(page: Page): Promise<string[]> {
    return page.evaluate(() => {
      type Box = { left: number; top: number; right: number; bottom: number; width: number; height: number };
      type Element = {
        id: string;
        className: string;
        tagName: string;
        textContent: string;
        scrollWidth: number;
        clientWidth: number;
        scrollHeight: number;
        clientHeight: number;
        closest(selector: string): Element | null;
        getBoundingClientRect(): Box;
      };
      const doc = (
        globalThis as unknown as {
          document: { documentElement: Element; querySelectorAll(selector: string): Element[] };
          innerWidth: number;
          innerHeight: number;
        }
      ).document;
      const { innerWidth, innerHeight } = globalThis as unknown as { innerWidth: number; innerHeight: number };
      const found: string[] = [];
      const root = doc.documentElement;
      if (root.scrollWidth > root.clientWidth || root.scrollHeight > root.clientHeight) {
        found.push(
          `the page scrolls: ${root.scrollWidth}x${root.scrollHeight} in ${root.clientWidth}x${root.clientHeight}`,
        );
      }
      for (const element of doc.querySelectorAll('body *')) {
        if (element.closest('[hidden]') || element.tagName === 'SCRIPT') continue;
        const box = element.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        if (box.left < -0.5 || box.top < -0.5 || box.right > innerWidth + 0.5 || box.bottom > innerHeight + 0.5) {
          found.push(`${element.tagName}.${element.className}#${element.id} is off the screen: ${JSON.stringify(box)}`);
        }
      }
      for (const text of doc.querySelectorAll('.board .name, .ticker .who')) {
        if (text.scrollWidth > text.clientWidth) found.push(`"${text.textContent}" is cut`);
        const row = text.closest('li') as Element;
        if (row.scrollHeight > row.clientHeight + 1) {
          found.push(`"${text.textContent}" needs ${row.scrollHeight}px in a row of ${row.clientHeight}px`);
        }
      }
      return found;
    });
  }

  const sizes: [ViewportName, string][] = [
    ['desktop', 'nl'],
    ['desktop', 'fr'],
    ['laptop', 'nl'],
    ['laptop', 'fr'],
  ];
  for (const [viewport, language] of sizes) {
    it(`shows 10 teams, 10 walkers and 5 gifts whole, with the goal and the code to give, at ${viewport} size in ${language}`, async () => {
      const opened = await openPage(
        browser,
        `${platform.baseUrl}/editions/${editionId}/screen?lang=${language}`,
        viewport,
      );
      const { page } = opened;
      await page.waitForSelector('body[data-live=online]', { timeout: 5_000 });
      const names = async (selector: string) => page.$$eval(selector, (all) => all.map((e) => e.textContent));
      expect(await names('#top-teams .name')).toEqual(expect.arrayContaining(teamNames));
      expect(await names('#top-teams .name')).toHaveLength(10);
      expect(await names('#top-walkers .name')).toEqual(expect.arrayContaining(walkerNames));
      expect(await names('#top-walkers .name')).toHaveLength(10);
      expect(await names('#gifts .who')).toHaveLength(5);
      expect((await names('#gifts .who')).join(' ')).toContain(donorNames[4]);
      // the goal: 10 000,00 EUR, of which 15 555,25 raised: the bar is full and the words say more than 100 %
      expect(await page.getAttribute('#goal', 'max')).toBe('1000000');
      expect(await page.textContent('#goal-text')).toBe(
        language === 'fr'
          ? '155\u00a0% de notre objectif de 10\u202f000,00\u00a0€'
          : '155% van ons doel van €\u00a010.000,00',
      );
      const qr = page.locator('.qr-code');
      expect(await qr.getAttribute('data-url')).toBe(`${platform.baseUrl}/editions/${editionId}/give`);
      expect(await page.locator('.qr-code svg').count()).toBe(1);
      expect(await qr.boundingBox()).toEqual(expect.objectContaining({ width: expect.any(Number) }));
      expect((await qr.boundingBox())?.width).toBeGreaterThan(viewport === 'desktop' ? 150 : 110);
      expect(await misfits(page)).toEqual([]);
      expect(await checkPage(page, `screen-long-names-${language}-${viewport}`)).toEqual([]);

      // a gift arriving live with the longest names still fits, and the ticker keeps five
      await giveAndSettle(platform, walkerIds[9], 5_00, {
        name: donorNames[5],
        email: `late-${viewport}-${language}@example.org`,
      });
      await page.waitForSelector(`#gifts li:first-child >> text=${donorNames[5]}`, { timeout: 2_000 });
      expect(await names('#gifts .who')).toHaveLength(5);
      expect(await misfits(page)).toEqual([]);
      await screenshot(page, `screen-long-names-live-${language}-${viewport}`);
      expect(opened.problems).toEqual([]);
      await opened.close();
    }, 60_000);
  }
});

import type { Browser, Page } from 'playwright-core';
import { createEdition, giveAndSettle, joinTeam, registerTeam } from '../support/fixtures';
import {
  type AxeViolation,
  checkPage,
  launchBrowser,
  type ListeningPlatform,
  PHONE,
  startListeningPlatform,
} from './support/browser';

/** The sizes a sponsor finds someone at: a phone and a laptop. */
const SIZES = { phone: PHONE, laptop: { width: 1366, height: 768 } } as const;

describe('a sponsor finds a walker and a team in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;

  beforeAll(async () => {
    platform = await startListeningPlatform();
    browser = await launchBrowser();
    const edition = await createEdition(platform, [
      { name: 'Officieel 40 km', distanceKm: 40, kind: 'official' },
      { name: 'Eigen route', distanceKm: 20, kind: 'own' },
    ]);
    editionId = edition.id;
    // a team with a target: the edition's goal is the sum of its teams' targets
    const pelerins = (
      await platform.http
        .post(`/api/editions/${editionId}/teams`)
        .send({
          name: 'Les Pèlerins de Saint-Gilles',
          routeId: edition.routes[0].id,
          targetCents: 1_500_00,
          captain: { name: 'Élodie Dupré', email: 'elodie@example.be' },
        })
        .expect(201)
    ).body;
    const helene = await joinTeam(platform, pelerins, { name: 'Hélène Vandenbroucke-Lefèvre', email: 'h@example.be' });
    await giveAndSettle(platform, pelerins.captainWalkerId, 125_00, { name: 'Tante Rita', email: 'rita@example.be' });
    await giveAndSettle(platform, helene, 40_00, { name: 'Geheim', email: 'geheim@example.be' }, true);
    // enough teams for a second page of the list (20 a page)
    for (let n = 1; n <= 22; n++) {
      const team = await registerTeam(
        platform,
        editionId,
        edition.routes[n % 2].id,
        `Team ${String(n).padStart(2, '0')} Zonnestappers`,
        { name: `Kapitein ${n}`, email: `kapitein${n}@example.be` },
      );
      if (n <= 3)
        await giveAndSettle(platform, team.captainWalkerId, n * 10_00, {
          name: `Gever ${n}`,
          email: `g${n}@example.be`,
        });
    }
    await platform.effectsDone();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  async function open(
    size: keyof typeof SIZES,
    path: string,
  ): Promise<{ page: Page; problems: string[]; close(): Promise<void> }> {
    const context = await browser.newContext({ viewport: SIZES[size], locale: 'nl-BE' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') problems.push(message.text());
    });
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${platform.baseUrl}${path}`);
    return { page, problems, close: () => context.close() };
  }

  /** No part of the page wider than the window: nothing to scroll sideways on a phone. */
  const overflowsSideways = (page: Page) =>
    page.evaluate(() => {
      const doc = (
        globalThis as unknown as { document: { documentElement: { scrollWidth: number; clientWidth: number } } }
      ).document;
      return doc.documentElement.scrollWidth > doc.documentElement.clientWidth;
    });

  for (const lang of ['nl', 'fr'] as const) {
    for (const size of Object.keys(SIZES) as (keyof typeof SIZES)[]) {
      it(`searches from the home, opens a walker by slug and pages through the teams (${lang}, ${size})`, async () => {
        const seen: Record<string, AxeViolation[]> = {};
        const opened = await open(size, `/editions/${editionId}?lang=${lang}`);
        const { page } = opened;
        expect(await page.getAttribute('html', 'lang')).toBe(lang);
        // the home: goal and progress, top lists, the latest gifts with the anonymous one nameless and without amount
        await expect(page.locator('progress').count()).resolves.toBe(1);
        const latest = await page.locator('#latest-gifts + ul').textContent();
        expect(latest).toContain('Tante Rita');
        expect(latest).not.toContain('Geheim');
        expect(latest).not.toMatch(/40[,.]00/);
        seen.home = await checkPage(page, `find-home-${lang}-${size}`);
        expect(await overflowsSideways(page)).toBe(false);

        // the search: no accents, any case, part of a name
        await page.fill('#search-q', 'VANDENBROUCKE lefevre');
        await Promise.all([page.waitForURL(/\/search\?q=/), page.click('form.search button[type=submit]')]);
        const walkerLink = page.locator('[data-found=walkers] a').first();
        await expect(walkerLink.textContent()).resolves.toBe('Hélène Vandenbroucke-Lefèvre');
        expect(await walkerLink.getAttribute('href')).toBe('/walkers/helene-vandenbroucke-lefevre');
        seen.search = await checkPage(page, `find-search-${lang}-${size}`);
        expect(await overflowsSideways(page)).toBe(false);
        await Promise.all([page.waitForURL(/\/walkers\/helene-vandenbroucke-lefevre$/), walkerLink.click()]);
        await expect(page.locator('h1').textContent()).resolves.toBe('Hélène Vandenbroucke-Lefèvre');

        // a team by part of its name, then its page by slug
        await page.goto(`${platform.baseUrl}/editions/${editionId}/search?q=pelerins`);
        const teamLink = page.locator('[data-found=teams] a').first();
        expect(await teamLink.getAttribute('href')).toBe('/teams/les-pelerins-de-saint-gilles');
        await Promise.all([page.waitForURL(/\/teams\/les-pelerins-de-saint-gilles$/), teamLink.click()]);
        await expect(page.locator('h1').textContent()).resolves.toContain('Les Pèlerins de Saint-Gilles');

        // the team list: by name, then the second page; the choices kept
        await page.goto(`${platform.baseUrl}/editions/${editionId}/teams`);
        await page.selectOption('#teams-sort', 'name');
        await Promise.all([page.waitForURL(/sort=name/), page.click('form.list-choice button[type=submit]')]);
        const first = await page.locator('.team-list > li h2 a').first().textContent();
        expect(first).toBe('Les Pèlerins de Saint-Gilles');
        seen.teams = await checkPage(page, `find-teams-${lang}-${size}`);
        expect(await overflowsSideways(page)).toBe(false);
        await Promise.all([page.waitForURL(/page=2/), page.click('a[rel=next]')]);
        await expect(page.locator('.team-list > li').count()).resolves.toBe(3);
        expect(page.url()).toContain('sort=name');
        seen.teamsPage2 = await checkPage(page, `find-teams-page2-${lang}-${size}`);

        expect(seen).toEqual({ home: [], search: [], teams: [], teamsPage2: [] });
        expect(opened.problems).toEqual([]);
        await opened.close();
      }, 60_000);
    }
  }
});

import type { Browser } from 'playwright-core';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import { checkPage, fitsWidth, type ListeningPlatform, openPage, withPlatformAndBrowser } from './support/browser';

describe('the public pages in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;
  let teamId: string;
  let walkerId: string;

  withPlatformAndBrowser(async (started, launched) => {
    platform = started;
    browser = launched;
    const edition = await createEdition(platform);
    editionId = edition.id;
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'De Stappers', {
      name: 'Amina Haddad',
      email: 'amina@example.org',
    });
    teamId = team.id;
    walkerId = await joinTeam(platform, team, { name: '<script>alert(1)</script>', email: 'x@example.org' });
  });

  for (const language of ['nl', 'fr'] as const) {
    for (const viewport of ['phone', 'laptop'] as const) {
      it(`shows the edition home, a team page and a walker page accessibly in ${language} at ${viewport} size`, async () => {
        for (const [name, path] of [
          ['edition-home', `/editions/${editionId}`],
          ['team-page', `/teams/${teamId}`],
          ['walker-page', `/walkers/${walkerId}`],
        ]) {
          const opened = await openPage(browser, `${platform.baseUrl}${path}?lang=${language}`, viewport);
          expect(await opened.page.getAttribute('html', 'lang')).toBe(language);
          expect(await fitsWidth(opened.page)).toBe(true);
          expect(await checkPage(opened.page, `public-${name}-${language}-${viewport}`)).toEqual([]);
          expect(opened.problems).toEqual([]);
          await opened.close();
        }
      }, 60_000);
    }
  }

  it('shows a walker name made of markup as text, and runs no script from it', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/walkers/${walkerId}`, 'phone');
    await expect(opened.page.locator('h1').textContent()).resolves.toBe('<script>alert(1)</script>');
    const dialogs: string[] = [];
    opened.page.on('dialog', (dialog) => dialogs.push(dialog.message()));
    await opened.page.reload();
    expect(dialogs).toEqual([]);
    await opened.close();
  });

  it('switches language with the visible switch and remembers it', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}`, 'phone');
    expect(await opened.page.getAttribute('html', 'lang')).toBe('nl');
    await opened.page.click('a[hreflang=fr]');
    expect(await opened.page.getAttribute('html', 'lang')).toBe('fr');
    await opened.page.goto(`${platform.baseUrl}/teams/${teamId}`);
    expect(await opened.page.getAttribute('html', 'lang')).toBe('fr');
    await opened.close();
  });
});

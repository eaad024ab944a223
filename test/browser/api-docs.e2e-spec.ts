import type { Browser } from 'playwright-core';
import { type ListeningPlatform, openPage, withPlatformAndBrowser } from './support/browser';

/** A developer opens the API documentation: Swagger UI runs under the platform's content security policy. */
describe('the API documentation page, in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;

  withPlatformAndBrowser(async (started, launched) => {
    platform = started;
    browser = launched;
  });

  it('lists the operations of the document, with no CSP violation or script error', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/api/docs`, 'desktop');
    const { page } = opened;
    await page.locator('.opblock').first().waitFor();
    const documented = Object.values(
      (await (await fetch(`${platform.baseUrl}/api/docs-json`)).json()).paths as Record<string, object>,
    ).reduce((count: number, item) => count + Object.keys(item).length, 0);
    await expect(page.locator('.opblock').count()).resolves.toBe(documented);
    await expect(page.getByText('/api/donations/{id}/cancel-monthly').count()).resolves.toBeGreaterThan(0);
    expect(opened.problems).toEqual([]);
    await opened.close();
  });
});

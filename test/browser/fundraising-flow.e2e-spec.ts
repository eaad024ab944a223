import type { Browser, Page } from 'playwright-core';
import { createEdition } from '../support/fixtures';
import {
  checkPage,
  type ListeningPlatform,
  openPage,
  type ViewportName,
  withPlatformAndBrowser,
} from './support/browser';

/** The "done when": register a team, invite a walker, give to that walker, see the gift on both pages. */
describe('a team, a walker and a gift, through the pages only', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;

  withPlatformAndBrowser(async (started, launched) => {
    platform = started;
    browser = launched;
    editionId = (await createEdition(platform)).id;
  });

  async function expectAccessible(page: Page, name: string) {
    expect(await checkPage(page, name)).toEqual([]);
  }

  for (const viewport of ['phone', 'desktop'] as ViewportName[]) {
    it(`registers a team, lets a walker join by the invitation link and shows a sandbox gift on both pages (${viewport})`, async () => {
      const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}`, viewport);
      const { page } = opened;
      await page.getByRole('link', { name: 'Schrijf een team in' }).click();
      await expectAccessible(page, `register-${viewport}`);
      await page.locator('#field-teamName').fill(`Stapvoets ${viewport}`);
      await page.locator('#field-name').fill('Amina Haddad');
      await page.locator('#field-email').fill(`amina.${viewport}@example.org`);
      await page.getByRole('button', { name: 'Inschrijven' }).click();
      await page.locator('h1', { hasText: 'Je bent ingeschreven!' }).waitFor({ timeout: 5000 });
      await expectAccessible(page, `registered-${viewport}`);
      const joinUrl = await page.locator('#join-url').inputValue();

      await page.goto(joinUrl);
      await expectAccessible(page, `join-${viewport}`);
      await page.locator('#field-name').fill('Youssef');
      await page.locator('#field-email').fill(`youssef.${viewport}@example.org`);
      await page.locator('#field-story').fill('Ik stap voor <b>iedereen</b>.');
      await page.getByRole('button', { name: 'Meedoen' }).click();
      await page.locator('h1', { hasText: 'Je bent ingeschreven!' }).waitFor({ timeout: 5000 });
      await page.getByRole('link', { name: 'Je persoonlijke pagina' }).click();
      await page.waitForURL(/\/walkers\/[^/]+$/);
      const walkerUrl = page.url();
      await expect(page.locator('.story').textContent()).resolves.toBe('Ik stap voor <b>iedereen</b>.');

      await page.getByRole('link', { name: 'Geef aan Youssef' }).click();
      await expectAccessible(page, `checkout-${viewport}`);
      await page.getByLabel('€\u00a025,00').check();
      await page.locator('#field-name').fill('Oma Jeanne');
      await page.locator('#field-email').fill('jeanne@example.org');
      await page.locator('#field-message').fill('<script>alert(1)</script> Zet hem op!');
      await page.getByRole('button', { name: 'Naar betalen' }).click();
      await page.waitForURL(/\/sandbox\/checkout\//);
      await expectAccessible(page, `sandbox-checkout-${viewport}`);
      await page.getByRole('button', { name: 'Betalen' }).click();
      await page.getByRole('status').filter({ hasText: 'Je gift van €\u00a025,00 is ontvangen' }).waitFor();
      await expectAccessible(page, `result-paid-${viewport}`);

      await page.goto(walkerUrl);
      await expect(page.locator('.wall').textContent()).resolves.toContain('Oma Jeanne');
      await expect(page.locator('.wall q').textContent()).resolves.toBe('<script>alert(1)</script> Zet hem op!');
      await expect(page.locator('.raised').textContent()).resolves.toBe('€\u00a025,00');
      await expectAccessible(page, `walker-with-gift-${viewport}`);
      await page.getByRole('link', { name: `Stapvoets ${viewport}` }).click();
      await page.waitForURL(/\/teams\//);
      await expect(page.locator('.card .raised').textContent()).resolves.toBe('€\u00a025,00');
      await expect(page.locator('.walkers').textContent()).resolves.toContain('Youssef');
      await expectAccessible(page, `team-with-gift-${viewport}`);
      expect(opened.problems).toEqual([]);
      await opened.close();
    }, 90_000);
  }

  it('keeps what was typed and names the wrong field when the checkout form is not valid', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}/give`, 'phone');
    const { page } = opened;
    await page.locator('#field-name').fill('Jan');
    await page.locator('#field-email').fill('not-an-address');
    await page.getByRole('button', { name: 'Naar betalen' }).click();
    await page.getByRole('alert').filter({ hasText: 'Verbeter de velden' }).waitFor();
    const email = page.locator('#field-email');
    await expect(email.inputValue()).resolves.toBe('not-an-address');
    await expect(email.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = await email.getAttribute('aria-describedby');
    await expect(page.locator(`#${describedBy}`).textContent()).resolves.toContain('geldig e-mailadres');
    await expect(page.locator('#field-name').inputValue()).resolves.toBe('Jan');
    await expectAccessible(page, 'checkout-errors-phone');
    await opened.close();
  }, 60_000);
});

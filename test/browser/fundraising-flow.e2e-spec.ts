import type { Browser, Page } from 'playwright-core';
import { createEdition } from '../support/fixtures';
import { checkPage, fitsWidth, type ListeningPlatform, openPage, withPlatformAndBrowser } from './support/browser';

/** What the journey reads and presses, in each language tried. */
const WORDS = {
  nl: {
    registerTeam: 'Schrijf een team in',
    register: 'Inschrijven',
    registered: 'Je bent ingeschreven!',
    join: 'Meedoen',
    yourPage: 'Je persoonlijke pagina',
    giveTo: (name: string) => `Geef aan ${name}`,
    amount: '€\u00a025,00',
    toPayment: 'Naar betalen',
    pay: 'Betalen',
    received: 'Je gift van €\u00a025,00 is ontvangen',
  },
  fr: {
    registerTeam: 'Inscrire une équipe',
    register: 'S’inscrire',
    registered: 'Vous êtes inscrit·e\u202f!',
    join: 'Rejoindre',
    yourPage: 'Votre page personnelle',
    giveTo: (name: string) => `Donner à ${name}`,
    amount: '25,00\u00a0€',
    toPayment: 'Continuer vers le paiement',
    pay: 'Payer',
    received: 'Nous avons bien reçu votre don de 25,00\u00a0€',
  },
} as const;

/** Each language at a phone's size and a laptop's. */
const RUNS = (['nl', 'fr'] as const).flatMap((lang) =>
  (['phone', 'laptop'] as const).map((viewport) => [lang, viewport] as const),
);

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

  /** Every page of the journey: axe clean, photographed, and no sideways scroll. */
  async function expectAccessible(page: Page, name: string) {
    expect({ name, fits: await fitsWidth(page) }).toEqual({ name, fits: true });
    expect(await checkPage(page, name)).toEqual([]);
  }

  for (const [lang, viewport] of RUNS) {
    it(`registers a team, lets a walker join by the invitation link and shows a sandbox gift on both pages (${lang}, ${viewport})`, async () => {
      const said = WORDS[lang];
      const run = `${lang}-${viewport}`;
      const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}?lang=${lang}`, viewport);
      const { page } = opened;
      await page.getByRole('link', { name: said.registerTeam }).click();
      await expectAccessible(page, `register-${run}`);
      await page.locator('#field-teamName').fill(`Stapvoets ${run}`);
      await page.locator('#field-name').fill('Amina Haddad');
      await page.locator('#field-email').fill(`amina.${run}@example.org`);
      await page.getByRole('button', { name: said.register }).click();
      await page.locator('h1', { hasText: said.registered }).waitFor({ timeout: 5000 });
      await expectAccessible(page, `registered-${run}`);
      const joinUrl = await page.locator('#join-url').inputValue();

      await page.goto(joinUrl);
      await expectAccessible(page, `join-${run}`);
      await page.locator('#field-name').fill('Youssef');
      await page.locator('#field-email').fill(`youssef.${run}@example.org`);
      await page.locator('#field-story').fill('Ik stap voor <b>iedereen</b>.');
      await page.getByRole('button', { name: said.join, exact: true }).click();
      await page.locator('h1', { hasText: said.registered }).waitFor({ timeout: 5000 });
      await page.getByRole('link', { name: said.yourPage }).click();
      await page.waitForURL(/\/walkers\/[^/]+$/);
      const walkerUrl = page.url();
      await expect(page.locator('.story').textContent()).resolves.toBe('Ik stap voor <b>iedereen</b>.');

      await page.getByRole('link', { name: said.giveTo('Youssef') }).click();
      await expectAccessible(page, `checkout-${run}`);
      await page.getByLabel(said.amount, { exact: true }).check();
      await page.locator('#field-name').fill('Oma Jeanne');
      await page.locator('#field-email').fill(`jeanne.${run}@example.org`);
      await page.locator('#field-message').fill('<script>alert(1)</script> Zet hem op!');
      await page.getByRole('button', { name: said.toPayment }).click();
      await page.waitForURL(/\/sandbox\/checkout\//);
      await expectAccessible(page, `sandbox-checkout-${run}`);
      await page.getByRole('button', { name: said.pay, exact: true }).click();
      await page.getByRole('status').filter({ hasText: said.received }).waitFor();
      await expectAccessible(page, `result-paid-${run}`);

      await page.goto(walkerUrl);
      await expect(page.locator('.wall').textContent()).resolves.toContain('Oma Jeanne');
      await expect(page.locator('.wall q').textContent()).resolves.toBe('<script>alert(1)</script> Zet hem op!');
      await expect(page.locator('.raised').textContent()).resolves.toBe(said.amount);
      await expectAccessible(page, `walker-with-gift-${run}`);
      await page.getByRole('link', { name: `Stapvoets ${run}` }).click();
      await page.waitForURL(/\/teams\//);
      await expect(page.locator('.card .raised').textContent()).resolves.toBe(said.amount);
      await expect(page.locator('.walkers').textContent()).resolves.toContain('Youssef');
      await expectAccessible(page, `team-with-gift-${run}`);
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

import type { Browser, Page } from 'playwright-core';
import { ProjectionService } from '../../apps/platform/src/infrastructure/projection.service';
import { createEdition } from '../support/fixtures';
import {
  checkPage,
  LAPTOP,
  launchBrowser,
  type ListeningPlatform,
  PHONE,
  startListeningPlatform,
} from './support/browser';

/** The two sizes: a phone and a laptop. */
const SIZES = { phone: PHONE, laptop: LAPTOP } as const;

/** What the journey reads and clicks, in each language it is walked in. */
const WORDS = {
  nl: {
    register: 'Inschrijven',
    registered: 'Je bent ingeschreven!',
    owed: 'Je inschrijvingsgeld van €\u00a015,00 is nog niet betaald.',
    pay: 'Betaal je inschrijvingsgeld',
    paid: 'je inschrijvingsgeld is betaald',
    edit: 'Pas je pagina aan',
    copied: 'Link gekopieerd',
    other: 'fr',
    otherRegistered: 'Vous êtes inscrit·e\u202f!',
  },
  fr: {
    register: 'S’inscrire',
    registered: 'Vous êtes inscrit·e\u202f!',
    owed: 'Vos frais d’inscription de 15,00\u00a0€ ne sont pas encore payés.',
    pay: 'Payer vos frais d’inscription',
    paid: 'vos frais d’inscription sont payés',
    edit: 'Modifier votre page',
    copied: 'Lien copié',
    other: 'nl',
    otherRegistered: 'Je bent ingeschreven!',
  },
} as const;

/**
 * Dead ends and double actions, as a walker meets them: the registration's answer is a page of its own (reloaded,
 * opened in the other language, the invitation link copied), and a fee whose payment failed is paid from the result
 * page with a fresh checkout.
 */
describe('registering without dead ends: the confirmation page and a fee paid after a failed payment', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;

  beforeAll(async () => {
    platform = await startListeningPlatform();
    browser = await launchBrowser();
    editionId = (
      await createEdition(platform, [
        { name: 'Officieel', distanceKm: 40, kind: 'official', registrationFeeCents: 15_00 },
      ])
    ).id;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const teams = (name: string) =>
    Number(
      (
        platform.app.get(ProjectionService).db.prepare('SELECT COUNT(*) AS n FROM teams WHERE name = ?').get(name) as {
          n: number;
        }
      ).n,
    );

  async function expectAccessible(page: Page, name: string) {
    expect(await checkPage(page, name)).toEqual([]);
  }

  for (const [size, viewport] of Object.entries(SIZES)) {
    for (const lang of ['nl', 'fr'] as const) {
      const words = WORDS[lang];
      it(`registers, reloads and switches language on the confirmation, copies the invitation, and pays a fee after a failed payment (${size}, ${lang})`, async () => {
        const context = await browser.newContext({ viewport, locale: `${lang}-BE` });
        await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: platform.baseUrl });
        const page = await context.newPage();
        const problems: string[] = [];
        page.on('pageerror', (error) => problems.push(error.message));
        page.on('console', (message) => {
          if (message.type() === 'error') problems.push(message.text());
        });
        try {
          const teamName = `Geen doodlopende weg ${size} ${lang}`;
          await page.goto(`${platform.baseUrl}/editions/${editionId}/register?lang=${lang}`);
          await page.locator('#field-teamName').fill(teamName);
          await page.locator('#field-name').fill('Amina Haddad');
          await page.locator('#field-email').fill(`amina.${size}.${lang}@example.org`);
          await page.getByRole('button', { name: words.register }).click();
          await page.locator('h1', { hasText: words.registered }).waitFor({ timeout: 5000 });
          expect(page.url()).toMatch(/\/walkers\/[\w-]+\/registered\?token=/);
          const confirmation = page.url();
          await expect(page.locator('[data-fee="pending_fee"]').textContent()).resolves.toContain(words.owed);
          await expectAccessible(page, `journeys-registered-${size}-${lang}`);

          // a reload shows the page again and registers nothing a second time
          await page.reload();
          await page.locator('h1', { hasText: words.registered }).waitFor();
          expect(teams(teamName)).toBe(1);

          // the invitation link, copied with the button
          const joinUrl = await page.locator('#join-url').inputValue();
          expect(joinUrl).toMatch(/\/teams\/[\w-]+\/join\?code=/);
          const copy = page.locator('button[data-copy="join-url"]');
          await copy.click();
          // the button says so once the clipboard has taken the link
          await page.locator('button[data-copy="join-url"]', { hasText: words.copied }).waitFor({ timeout: 5000 });
          await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe(joinUrl);

          // the same page in the other language: the same invitation, nothing lost
          await page.locator(`.languages a[lang="${words.other}"]`).click();
          await page.locator('h1', { hasText: words.otherRegistered }).waitFor();
          await expect(page.locator('#join-url').inputValue()).resolves.toBe(joinUrl);
          await page.locator(`.languages a[lang="${lang}"]`).click();
          await page.locator('h1', { hasText: words.registered }).waitFor();

          // the payment fails at the provider: the result page offers to pay again, with a fresh checkout
          await page.getByRole('link', { name: words.pay }).click();
          await page.waitForURL(/\/sandbox\/checkout\/fee-/);
          await page.locator('button[value="failed"]').click();
          await page.waitForURL(/\/registration-fees\/[\w-]+\/result/);
          await expect(page.getByRole('status').textContent()).resolves.toBe(words.owed);
          await expectAccessible(page, `journeys-fee-failed-${size}-${lang}`);

          // the walker comes back later through their private page: it offers to pay too, with a fresh checkout
          await page.goto(confirmation);
          await page.getByRole('link', { name: words.edit }).click();
          await page.waitForURL(/\/walkers\/[\w-]+\/edit\?token=/);
          await expect(page.locator('[data-fee="pending_fee"]').textContent()).resolves.toContain(words.owed);
          await expectAccessible(page, `journeys-private-page-fee-${size}-${lang}`);
          await page.getByRole('link', { name: words.pay }).click();
          await page.waitForURL(/\/sandbox\/checkout\/fee-/);
          await page.locator('button[value="paid"]').click();
          await page.waitForURL(/\/registration-fees\/[\w-]+\/result/);
          await expect(page.getByRole('status').textContent()).resolves.toContain(words.paid);
          await expect(page.getByRole('link', { name: words.pay }).count()).resolves.toBe(0);
          await expectAccessible(page, `journeys-fee-paid-${size}-${lang}`);
          expect(problems).toEqual([]);
        } finally {
          await context.close();
        }
      }, 60_000);
    }
  }
});

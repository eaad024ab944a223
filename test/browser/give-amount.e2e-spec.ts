import type { Browser, Page } from 'playwright-core';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import {
  checkPage,
  fitsWidth,
  LAPTOP,
  type ListeningPlatform,
  openPage,
  PHONE,
  VIEWPORTS,
  withPlatformAndBrowser,
} from './support/browser';

/** What a donor reads on the give form, the sandbox checkout and the pledge page, in each language tried. */
const WORDS = {
  nl: {
    otherAmount: 'Of een ander bedrag (euro)',
    toPayment: 'Naar betalen',
    pay: 'Betalen',
    received: (amount: string) => `Je gift van ${amount} is ontvangen`,
    payPledge: 'Betaal je belofte',
    amountChanged: (amount: string) => `Het te betalen bedrag is intussen ${amount}.`,
  },
  fr: {
    otherAmount: 'Ou un autre montant (euros)',
    toPayment: 'Continuer vers le paiement',
    pay: 'Payer',
    received: (amount: string) => `Nous avons bien reçu votre don de ${amount}`,
    payPledge: 'Payer votre promesse',
    amountChanged: (amount: string) => `Le montant à payer est entre-temps de ${amount}.`,
  },
} as const;
type Lang = keyof typeof WORDS;

/** An amount as each language writes it: `€ 20,00` in Dutch, `20,00 €` in French (a no-break space between). */
const eur = (lang: Lang, amount: string) => (lang === 'nl' ? `€\u00a0${amount}` : `${amount}\u00a0€`);

/**
 * A donor on a phone picks a preset and then types another amount, or types and then picks a preset: whatever the
 * form shows last is what the checkout asks and what is recorded. The same for a pledge's payment page.
 */
describe('the amount a donor sees is the amount charged, in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let walkerId: string;
  let donors = 0;

  withPlatformAndBrowser(async (started, launched) => {
    platform = started;
    browser = launched;
    const edition = await createEdition(platform, [{ name: 'Officiële route', distanceKm: 40, kind: 'official' }]);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Zeven Mijl', {
      name: 'Lotte',
      email: 'lotte.amount@example.org',
    });
    walkerId = await joinTeam(platform, team, { name: 'Karim', email: 'karim.amount@example.org' });
  });

  async function expectAccessible(page: Page, name: string) {
    expect(await checkPage(page, name)).toEqual([]);
  }

  async function fillDonor(page: Page) {
    donors += 1;
    await page.locator('#field-name').fill(`Donor ${donors}`);
    await page.locator('#field-email').fill(`donor.${donors}@example.org`);
  }

  /** On the sandbox checkout: the amount it asks, then paid; answers the recorded gift's amount in cents. */
  async function payInSandbox(page: Page, lang: Lang, expected: string): Promise<number> {
    await page.waitForURL(/\/sandbox\/checkout\//);
    await expect(page.locator('.amount').textContent()).resolves.toBe(expected);
    const donationId = new URL(page.url()).pathname.split('/').pop();
    await page.getByRole('button', { name: WORDS[lang].pay, exact: true }).click();
    await page
      .getByRole('status')
      .filter({ hasText: WORDS[lang].received(expected) })
      .waitFor();
    const gift = await platform.http
      .get(`/api/donations/${donationId}`)
      .set(await platform.adminAuth())
      .expect(200);
    expect(gift.body.status).toBe('paid');
    return gift.body.amountCents;
  }

  for (const lang of ['nl', 'fr'] as Lang[]) {
    const words = WORDS[lang];

    for (const size of ['phone', 'laptop'] as const) {
      it(`charges 20,00 when 20 is typed after picking 50,00 (${lang}, ${size})`, async () => {
        const opened = await openPage(browser, `${platform.baseUrl}/walkers/${walkerId}/give?lang=${lang}`, size);
        const { page } = opened;
        expect(page.viewportSize()).toEqual(size === 'phone' ? PHONE : LAPTOP);
        expect(await fitsWidth(page)).toBe(true);
        await expectAccessible(page, `give-amount-${lang}-${size}`);
        const fifty = page.getByLabel(eur(lang, '50,00'), { exact: true });
        await fifty.check();
        const typed = page.getByLabel(words.otherAmount);
        await typed.fill('20');
        // the preset lets go as soon as an amount is typed: what stays on screen is 20
        await expect(fifty.isChecked()).resolves.toBe(false);
        await expect(page.locator('input[name="amount"]:checked').count()).resolves.toBe(0);
        await fillDonor(page);
        await expectAccessible(page, `give-amount-typed-${lang}-${size}`);
        await page.getByRole('button', { name: words.toPayment }).click();
        await expectAccessible(page, `give-amount-typed-checkout-${lang}-${size}`);
        expect(await payInSandbox(page, lang, eur(lang, '20,00'))).toBe(20_00);
        expect(opened.problems).toEqual([]);
        await opened.close();
      }, 90_000);
    }

    it(`charges the preset picked after typing an amount (${lang}, 390x844)`, async () => {
      const opened = await openPage(browser, `${platform.baseUrl}/walkers/${walkerId}/give?lang=${lang}`, 'phone');
      const { page } = opened;
      const typed = page.getByLabel(words.otherAmount);
      await typed.fill('20,50');
      const hundred = page.getByLabel(eur(lang, '100,00'), { exact: true });
      await hundred.check();
      // picking a preset empties the typed amount: what stays on screen is 100,00
      await expect(typed.inputValue()).resolves.toBe('');
      await expect(hundred.isChecked()).resolves.toBe(true);
      await fillDonor(page);
      await expectAccessible(page, `give-amount-preset-${lang}-phone`);
      await page.getByRole('button', { name: words.toPayment }).click();
      expect(await payInSandbox(page, lang, eur(lang, '100,00'))).toBe(100_00);
      expect(opened.problems).toEqual([]);
      await opened.close();
    }, 90_000);
  }

  it('reads "€ 20,50" typed in French and shows an unreadable amount by its field, typed text kept', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/walkers/${walkerId}/give?lang=fr`, 'phone');
    const { page } = opened;
    const typed = page.getByLabel(WORDS.fr.otherAmount);
    await typed.fill('vingt');
    await fillDonor(page);
    await page.getByRole('button', { name: WORDS.fr.toPayment }).click();
    await page.getByRole('alert').filter({ hasText: 'Corrigez les champs' }).waitFor();
    await expect(typed.inputValue()).resolves.toBe('vingt');
    await expect(typed.getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.locator('#field-otherAmount-error').textContent()).resolves.toBe(
      'Nous ne pouvons pas lire ce montant. Écrivez-le comme 20 ou 20,50.',
    );
    await expect(page.locator('input[name="amount"]:checked').count()).resolves.toBe(0);
    await expectAccessible(page, 'give-amount-error-fr-phone');
    await typed.fill('€ 20,50');
    await page.getByRole('button', { name: WORDS.fr.toPayment }).click();
    expect(await payInSandbox(page, 'fr', eur('fr', '20,50'))).toBe(20_50);
    await opened.close();
  }, 90_000);

  it('charges the typed amount without script, with the preset still ticked beside it', async () => {
    const context = await browser.newContext({ viewport: VIEWPORTS.phone, locale: 'nl-BE', javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(`${platform.baseUrl}/walkers/${walkerId}/give?lang=nl`);
    await page.getByLabel(eur('nl', '50,00'), { exact: true }).check();
    await page.getByLabel(WORDS.nl.otherAmount).fill('20');
    // no script: nothing unticks the preset, and the hint by the field says which one counts
    await expect(page.getByLabel(eur('nl', '50,00'), { exact: true }).isChecked()).resolves.toBe(true);
    await expect(page.locator('#field-otherAmount-hint').textContent()).resolves.toBe(
      'Vul je hier een bedrag in, dan geef je dat bedrag.',
    );
    await fillDonor(page);
    await page.getByRole('button', { name: WORDS.nl.toPayment }).click();
    await page.waitForURL(/\/sandbox\/checkout\//);
    await expect(page.locator('.amount').textContent()).resolves.toBe(eur('nl', '20,00'));
    const donationId = new URL(page.url()).pathname.split('/').pop();
    const gift = await platform.http
      .get(`/api/donations/${donationId}`)
      .set(await platform.adminAuth())
      .expect(200);
    expect(gift.body.amountCents).toBe(20_00);
    await context.close();
  }, 90_000);

  for (const lang of ['nl', 'fr'] as Lang[]) {
    for (const size of ['phone', 'laptop'] as const) {
      it(`pays a pledge for the amount its page shows, and asks again when the distance changed meanwhile (${lang}, ${size})`, async () => {
        const words = WORDS[lang];
        const admin = await platform.adminAuth();
        const pledge = await platform.http
          .post('/api/pledges')
          .send({
            beneficiary: { type: 'walker', id: walkerId },
            sponsor: { name: `Buur ${lang} ${size}`, email: `buur.${lang}.${size}@example.org` },
            kind: 'per_km',
            amountCents: 150,
            capCents: 50_00,
          })
          .expect(201);
        await platform.http.post(`/api/walkers/${walkerId}/distance`).set(admin).send({ km: 20 }).expect(200);
        const opened = await openPage(browser, `${platform.baseUrl}/pledges/${pledge.body.id}/pay?lang=${lang}`, size);
        const { page } = opened;
        await expect(page.locator('.amount').textContent()).resolves.toBe(eur(lang, '30,00'));
        await expectAccessible(page, `pledge-pay-due-${lang}-${size}`);

        // the distance is corrected while the page is open: the sponsor is shown the new amount before paying it
        await platform.http.post(`/api/walkers/${walkerId}/distance`).set(admin).send({ km: 22.5 }).expect(200);
        await page.getByRole('button', { name: words.payPledge }).click();
        await page
          .getByRole('alert')
          .filter({ hasText: words.amountChanged(eur(lang, '33,75')) })
          .waitFor();
        await expect(page.locator('.amount').textContent()).resolves.toBe(eur(lang, '33,75'));
        await expectAccessible(page, `pledge-pay-changed-${lang}-${size}`);
        await page.getByRole('button', { name: words.payPledge }).click();
        expect(await payInSandbox(page, lang, eur(lang, '33,75'))).toBe(33_75);
        // the only thing the browser reports is the 409 answer that showed the new amount
        expect(opened.problems).toEqual([
          'Failed to load resource: the server responded with a status of 409 (Conflict)',
        ]);
        await opened.close();
      }, 90_000);
    }
  }
});

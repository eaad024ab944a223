import type { Browser } from 'playwright-core';
import { createEdition } from '../support/fixtures';
import { checkPage, fitsWidth, type ListeningPlatform, openPage, withPlatformAndBrowser } from './support/browser';

/** What the donor reads on the form and the sandbox checkout, in each language tried. */
const WORDS = {
  nl: {
    wanted: 'Ik wil een fiscaal attest (vanaf 40 € per jaar)',
    country: 'Land',
    surname: 'Achternaam',
    firstNames: 'Voornamen',
    street: 'Straat en huisnummer',
    postalCode: 'Postcode',
    city: 'Gemeente',
    nationalNumber: 'Rijksregister- of BIS-nummer',
    fixErrors: 'Verbeter de velden',
    wrongNumber: 'geen geldig rijksregister- of BIS-nummer',
    toPayment: 'Naar betalen',
    pay: 'Betalen',
    received: 'Je gift van €\u00a0100,00 is ontvangen',
  },
  fr: {
    wanted: 'Je souhaite une attestation fiscale (à partir de 40\u00a0€ par an)',
    country: 'Pays',
    surname: 'Nom de famille',
    firstNames: 'Prénoms',
    street: 'Rue et numéro',
    postalCode: 'Code postal',
    city: 'Commune',
    nationalNumber: 'Numéro de registre national ou BIS',
    fixErrors: 'Corrigez les champs',
    wrongNumber: 'numéro de registre national ou BIS n’est pas valable',
    toPayment: 'Continuer vers le paiement',
    pay: 'Payer',
    received: 'Nous avons bien reçu votre don de 100,00\u00a0€',
  },
} as const;

/** One donor per run, each with their own valid register number (a certificate is per person). */
const RUNS = [
  { lang: 'nl', size: 'phone', firstNames: 'Ann', number: '85.07.30-033.28' },
  { lang: 'nl', size: 'laptop', firstNames: 'Bea', number: '85.07.30-035.26' },
  { lang: 'fr', size: 'phone', firstNames: 'Chloé', number: '85.07.30-037.24' },
  { lang: 'fr', size: 'laptop', firstNames: 'Dominique', number: '85.07.30-039.22' },
] as const;

/**
 * A donor on a phone or a laptop, in Dutch or French, asks for a tax certificate at checkout, mistypes the register
 * number, corrects it and pays.
 */
describe('the tax certificate at checkout, in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;

  withPlatformAndBrowser(async (started, launched) => {
    platform = started;
    browser = launched;
    editionId = (await createEdition(platform)).id;
  });

  for (const { lang, size, firstNames, number } of RUNS) {
    it(`shows the details once the box is ticked, names a wrong register number by the field and takes the corrected one (${lang}, ${size})`, async () => {
      const said = WORDS[lang];
      const wrongNumber = `${number.slice(0, -1)}${(Number(number.slice(-1)) + 1) % 10}`;
      const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}/give?lang=${lang}`, size);
      const { page } = opened;
      const details = page.locator('#tax-certificate-details');
      await expect(details.isHidden()).resolves.toBe(true);
      await expect(checkPage(page, `checkout-tax-unticked-${lang}-${size}`)).resolves.toEqual([]);
      await page.getByLabel(said.wanted).check();
      await expect(details.isVisible()).resolves.toBe(true);
      await expect(page.getByLabel(said.country).inputValue()).resolves.toBe('BE');

      await page.locator('input[name="amount"][value="10000"]').check();
      await page.locator('#field-name').fill(`${firstNames} Peeters`);
      await page.locator('#field-email').fill(`tax.${lang}.${size}@example.be`);
      await page.getByLabel(said.surname).fill('Peeters');
      await page.getByLabel(said.firstNames).fill(firstNames);
      await page.getByLabel(said.street).fill('Kerkstraat 1');
      await page.getByLabel(said.postalCode).fill('9000');
      await page.getByLabel(said.city).fill('Gent');
      await page.getByLabel(said.nationalNumber).fill(wrongNumber);
      expect(await fitsWidth(page)).toBe(true);
      await expect(checkPage(page, `checkout-tax-filled-${lang}-${size}`)).resolves.toEqual([]);
      expect(opened.problems).toEqual([]);
      await page.getByRole('button', { name: said.toPayment }).click();

      await page.getByRole('alert').filter({ hasText: said.fixErrors }).waitFor();
      await expect(details.isVisible()).resolves.toBe(true);
      const field = page.getByLabel(said.nationalNumber);
      await expect(field.inputValue()).resolves.toBe(wrongNumber);
      await expect(field.getAttribute('aria-invalid')).resolves.toBe('true');
      const describedBy = (await field.getAttribute('aria-describedby'))?.split(' ') ?? [];
      expect(describedBy).toEqual(['field-nationalNumber-hint', 'field-nationalNumber-error']);
      await expect(page.locator('#field-nationalNumber-error').textContent()).resolves.toContain(said.wrongNumber);
      await expect(page.getByLabel(said.city).inputValue()).resolves.toBe('Gent');
      expect(await fitsWidth(page)).toBe(true);
      await expect(checkPage(page, `checkout-tax-error-${lang}-${size}`)).resolves.toEqual([]);

      await field.fill(number);
      await page.getByRole('button', { name: said.toPayment }).click();
      await page.waitForURL(/\/sandbox\/checkout\//);
      await page.getByRole('button', { name: said.pay, exact: true }).click();
      await page.getByRole('status').filter({ hasText: said.received }).waitFor();

      const year = new Date().getUTCFullYear();
      const preview = await platform.http
        .get(`/api/finance/tax-certificates?year=${year}`)
        .set(await platform.adminAuth())
        .expect(200);
      expect(preview.body.certificates).toContainEqual(
        expect.objectContaining({
          name: `${firstNames} Peeters`,
          amountCents: 100_00,
          address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
          nationalNumber: number.replace(/\D/g, ''),
          surname: 'Peeters',
          firstNames,
          nameSplit: 'given',
        }),
      );
      // the only thing the browser reports is the 400 answer to the form with the wrong number: no CSP violation
      expect(opened.problems).toEqual([
        'Failed to load resource: the server responded with a status of 400 (Bad Request)',
      ]);
      await opened.close();
    }, 90_000);
  }
});

import type { Browser } from 'playwright-core';
import { createEdition } from '../support/fixtures';
import { checkPage, type ListeningPlatform, openPage, withPlatformAndBrowser } from './support/browser';

/** A donor on a phone asks for a tax certificate at checkout, mistypes the register number, corrects it and pays. */
describe('the tax certificate at checkout, in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;

  withPlatformAndBrowser(async (started, launched) => {
    platform = started;
    browser = launched;
    editionId = (await createEdition(platform)).id;
  });

  it('shows the details once the box is ticked, names a wrong register number by the field and takes the corrected one', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/editions/${editionId}/give`, 'phone');
    const { page } = opened;
    const details = page.locator('#tax-certificate-details');
    await expect(details.isHidden()).resolves.toBe(true);
    await expect(checkPage(page, 'checkout-tax-unticked-phone')).resolves.toEqual([]);
    await page.getByLabel('Ik wil een fiscaal attest (vanaf 40 € per jaar)').check();
    await expect(details.isVisible()).resolves.toBe(true);
    await expect(page.getByLabel('Land').inputValue()).resolves.toBe('BE');

    await page.getByLabel('€\u00a0100,00').check();
    await page.locator('#field-name').fill('Ann Peeters');
    await page.locator('#field-email').fill('ann.browser@example.be');
    await page.getByLabel('Achternaam').fill('Peeters');
    await page.getByLabel('Voornamen').fill('Ann');
    await page.getByLabel('Straat en huisnummer').fill('Kerkstraat 1');
    await page.getByLabel('Postcode').fill('9000');
    await page.getByLabel('Gemeente').fill('Gent');
    await page.getByLabel('Rijksregister- of BIS-nummer').fill('85.07.30-033.29');
    await expect(checkPage(page, 'checkout-tax-filled-phone')).resolves.toEqual([]);
    expect(opened.problems).toEqual([]);
    await page.getByRole('button', { name: 'Naar betalen' }).click();

    await page.getByRole('alert').filter({ hasText: 'Verbeter de velden' }).waitFor();
    await expect(details.isVisible()).resolves.toBe(true);
    const number = page.getByLabel('Rijksregister- of BIS-nummer');
    await expect(number.inputValue()).resolves.toBe('85.07.30-033.29');
    await expect(number.getAttribute('aria-invalid')).resolves.toBe('true');
    const describedBy = (await number.getAttribute('aria-describedby'))?.split(' ') ?? [];
    expect(describedBy).toEqual(['field-nationalNumber-hint', 'field-nationalNumber-error']);
    await expect(page.locator('#field-nationalNumber-error').textContent()).resolves.toContain(
      'geen geldig rijksregister- of BIS-nummer',
    );
    await expect(page.getByLabel('Gemeente').inputValue()).resolves.toBe('Gent');
    await expect(checkPage(page, 'checkout-tax-error-phone')).resolves.toEqual([]);

    await number.fill('85.07.30-033.28');
    await page.getByRole('button', { name: 'Naar betalen' }).click();
    await page.waitForURL(/\/sandbox\/checkout\//);
    await page.getByRole('button', { name: 'Betalen' }).click();
    await page.getByRole('status').filter({ hasText: 'Je gift van €\u00a0100,00 is ontvangen' }).waitFor();

    const year = new Date().getUTCFullYear();
    const preview = await platform.http
      .get(`/api/finance/tax-certificates?year=${year}`)
      .set(await platform.adminAuth())
      .expect(200);
    expect(preview.body.certificates).toEqual([
      expect.objectContaining({
        name: 'Ann Peeters',
        amountCents: 100_00,
        address: { street: 'Kerkstraat 1', postalCode: '9000', city: 'Gent', country: 'BE' },
        nationalNumber: '85073003328',
        surname: 'Peeters',
        firstNames: 'Ann',
        nameSplit: 'given',
      }),
    ]);
    // the only thing the browser reports is the 400 answer to the form with the wrong number: no CSP violation
    expect(opened.problems).toEqual([
      'Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    await opened.close();
  }, 90_000);
});

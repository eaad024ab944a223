import type { Browser } from 'playwright-core';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { createEdition } from '../support/fixtures';
import {
  checkPage,
  launchBrowser,
  type ListeningPlatform,
  openPage,
  screenshot,
  startListeningPlatform,
  type ViewportName,
} from './support/browser';

/**
 * A donor ticks "cover the payment costs" on the give page: the exact amount follows the amount and method chosen
 * before paying, and the checkout charges just that (the server's own computation), in nl and fr, on a phone and a
 * laptop. FEE_ESTIMATES: Bancontact 0.25 + 1.4 %, a card 0.25 + 1.8 %.
 */
describe('covering the payment costs on the give page, in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;

  beforeAll(async () => {
    platform = await startListeningPlatform({ FEE_ESTIMATES: 'bancontact=0.25+1.4%, creditcard=0.25+1.8%' });
    browser = await launchBrowser();
    editionId = (await createEdition(platform)).id;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const say = {
    nl: {
      box: (amount: string) => `Voeg ${amount} toe om de betaalkosten te dekken`,
      total: (amount: string) => `Je betaalt ${amount}.`,
      money: (euros: string) => `€\u00a0${euros}`,
      other: 'Of een ander bedrag (euro)',
      card: 'Visa / Mastercard',
      pay: 'Naar betalen',
    },
    fr: {
      box: (amount: string) => `Ajouter ${amount} pour couvrir les frais de paiement`,
      total: (amount: string) => `Vous payez ${amount}.`,
      money: (euros: string) => `${euros}\u00a0€`,
      other: 'Ou un autre montant (euros)',
      card: 'Visa / Mastercard',
      pay: 'Continuer vers le paiement',
    },
  } as const;

  it.each([
    ['nl', 'phone'],
    ['nl', 'laptop'],
    ['fr', 'phone'],
    ['fr', 'laptop'],
  ] as const)(
    'in %s on a %s: the amount follows the choices and is what the checkout charges',
    async (lang, size) => {
      const s = say[lang];
      const opened = await openPage(
        browser,
        `${platform.baseUrl}/editions/${editionId}/give?lang=${lang}`,
        size as ViewportName,
      );
      const { page } = opened;
      const label = page.locator('#cover-fees-label');
      // 50.00 by Bancontact, as the page opens: (5000 + 25) / 0.986 → 50.97
      await expect(label.textContent()).resolves.toBe(s.box(s.money('0,97')));
      await page.locator('#field-coverFees').check();
      await expect(page.locator('#cover-fees-total').textContent()).resolves.toBe(s.total(s.money('50,97')));
      // iDEAL has no estimate here: nothing to cover, the box goes (and is not sent)
      await page.getByLabel('iDEAL').check();
      await expect(page.locator('#field-coverFees').isVisible()).resolves.toBe(false);
      // a card for a typed 20: (2000 + 25) / 0.982 → 20.63
      await page.getByLabel(s.card).check();
      await expect(page.locator('#field-coverFees').isChecked()).resolves.toBe(true);
      await page.getByLabel(s.other).fill('20');
      await expect(label.textContent()).resolves.toBe(s.box(s.money('0,63')));
      await expect(page.locator('#cover-fees-total').textContent()).resolves.toBe(s.total(s.money('20,63')));
      await page.locator('#field-name').fill('Ann Peeters');
      await page.locator('#field-email').fill(`ann.${lang}.${size}@example.be`);
      await expect(checkPage(page, `cover-fees-${lang}-${size}`)).resolves.toEqual([]);
      await page.getByRole('button', { name: s.pay }).click();
      await page.waitForURL(/\/sandbox\/checkout\//);
      const donationId = new URL(page.url()).pathname.split('/').pop() ?? '';
      const [created] = await platform.app.get<EventStore>(EVENT_STORE).readStream(`donation-${donationId}`);
      expect(created.data).toMatchObject({ amountCents: 20_63, coverFeesCents: 63, method: 'creditcard' });
      await expect(page.locator('p.amount').textContent()).resolves.toContain(s.money('20,63'));
      await screenshot(page, `cover-fees-checkout-${lang}-${size}`);
      expect(opened.problems).toEqual([]);
      await opened.close();
    },
    90_000,
  );
});

import type { Browser } from 'playwright-core';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { createEdition, joinTeam, registerTeam } from '../support/fixtures';
import {
  checkPage,
  fitsWidth,
  type ListeningPlatform,
  openPage,
  type ViewportName,
  withPlatformAndBrowser,
} from './support/browser';

/** The pages reached from e-mails and second choices: each opened, checked with axe and photographed. */
describe('the pages behind private links, pledges and fees in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let walkerId: string;
  let pledgeId: string;
  let monthlyId: string;
  let failedId: string;
  let feeCheckoutPath: string;

  withPlatformAndBrowser(async (started, launched) => {
    platform = started;
    browser = launched;
    const edition = await createEdition(platform, [
      { name: 'Officiële route', distanceKm: 40, kind: 'official', registrationFeeCents: 1000 },
    ]);
    const team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Lange Benen', {
      name: 'Sara',
      email: 'sara@example.org',
    });
    feeCheckoutPath = new URL(team.feeCheckoutUrl as string).pathname;
    walkerId = await joinTeam(platform, team, { name: 'Tom', email: 'tom@example.org' });
    const admin = await platform.adminAuth();
    const pledge = await platform.http
      .post('/api/pledges')
      .send({
        beneficiary: { type: 'walker', id: walkerId },
        sponsor: { name: 'Buurman', email: 'buur@example.org' },
        kind: 'per_km',
        amountCents: 150,
        capCents: 5000,
      })
      .expect(201);
    pledgeId = pledge.body.id;
    await platform.http.post(`/api/walkers/${walkerId}/distance`).set(admin).send({ km: 40 }).expect(200);
    const gift = (frequency: string) =>
      platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'walker', id: walkerId },
          amountCents: 1500,
          frequency,
          donor: { name: 'Lien', email: 'lien@example.org' },
        })
        .expect(201);
    monthlyId = (await gift('monthly')).body.id;
    await platform.http.post(`/api/sandbox/donations/${monthlyId}/settle`).send({ outcome: 'paid' }).expect(200);
    failedId = (await gift('one_off')).body.id;
    await platform.http.post(`/api/sandbox/donations/${failedId}/settle`).send({ outcome: 'failed' }).expect(200);
  });

  for (const [language, viewport] of (['nl', 'fr'] as const).flatMap((language) =>
    (['phone', 'laptop'] as ViewportName[]).map((viewport) => [language, viewport] as const),
  )) {
    it(`shows the edit, pledge, pay-a-pledge, stop-a-gift, retry, fee and not-found pages accessibly (${language}, ${viewport})`, async () => {
      const links = platform.app.get(PrivateLinks);
      const pages: [string, string][] = [
        ['walker-edit', `/walkers/${walkerId}/edit?token=${links.token('edit-walker', walkerId)}`],
        ['pledge-form', `/walkers/${walkerId}/pledge`],
        ['pledge-pay', `/pledges/${pledgeId}/pay`],
        ['monthly-cancel', `/donations/${monthlyId}/cancel?token=${links.token('cancel-monthly-gift', monthlyId)}`],
        ['result-failed', `/donations/${failedId}/result`],
        ['fee-checkout', feeCheckoutPath],
        ['not-found', '/walkers/nobody'],
      ];
      for (const [name, path] of pages) {
        const url = new URL(path, platform.baseUrl);
        url.searchParams.set('lang', language);
        const opened = await openPage(browser, url.href, viewport);
        expect(await opened.page.getAttribute('html', 'lang')).toBe(language);
        expect({ name, fits: await fitsWidth(opened.page) }).toEqual({ name, fits: true });
        expect({ name, violations: await checkPage(opened.page, `${name}-${language}-${viewport}`) }).toEqual({
          name,
          violations: [],
        });
        expect(opened.problems.filter((problem) => !problem.includes('404'))).toEqual([]);
        await opened.close();
      }
    }, 90_000);
  }

  it('pays a due pledge of 40 km at 1,50 € (capped at 50,00 €) through the sandbox', async () => {
    const opened = await openPage(browser, `${platform.baseUrl}/pledges/${pledgeId}/pay`, 'phone');
    const { page } = opened;
    await expect(page.locator('.amount').textContent()).resolves.toBe('€\u00a050,00');
    await page.getByRole('button', { name: 'Betaal je belofte' }).click();
    await page.waitForURL(/\/sandbox\/checkout\//);
    await page.getByRole('button', { name: 'Betalen' }).click();
    await page.getByRole('status').filter({ hasText: 'Je gift van €\u00a050,00 is ontvangen' }).waitFor();
    await page.goto(`${platform.baseUrl}/pledges/${pledgeId}/pay`);
    await page.getByRole('status').filter({ hasText: 'Deze belofte is betaald' }).waitFor();
    await opened.close();
  }, 60_000);

  it('stops a monthly gift with one press on the page from the e-mail', async () => {
    const token = platform.app.get(PrivateLinks).token('cancel-monthly-gift', monthlyId);
    const opened = await openPage(browser, `${platform.baseUrl}/donations/${monthlyId}/cancel?token=${token}`, 'phone');
    await opened.page.getByRole('button', { name: 'Stop mijn maandelijkse gift' }).click();
    await opened.page.getByRole('status').filter({ hasText: 'Je maandelijkse gift is stopgezet' }).waitFor();
    await opened.close();
  }, 60_000);
});

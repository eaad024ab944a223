import { brusselsDay } from '@rw/kernel';
import type { Browser } from 'playwright-core';
import request from 'supertest';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { createEdition, giveAndSettle, joinTeam, type RegisteredTeam, registerTeam } from '../support/fixtures';
import {
  checkPage,
  fitsWidth,
  launchBrowser,
  type ListeningPlatform,
  openPage,
  startListeningPlatform,
} from './support/browser';

/**
 * Issue 16, "pages that keep their promise": the team page (story, captain, walkers by raised, the team's own wall
 * with "and N more", the join link for whoever has the code), the sandbox checkout naming the team, the pledge pay
 * page explaining its sum, and an edition after its walk (results, registration closed), at phone and laptop size,
 * in Dutch and French, axe clean, with screenshots.
 */
describe('the pages that keep their promise, in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let editionId: string;
  let team: RegisteredTeam;
  let pastEditionId: string;
  let teamGiftId: string;
  let pledgeId: string;

  beforeAll(async () => {
    platform = await startListeningPlatform({ PUBLIC_POSTS_PER_MINUTE: '1000' });
    browser = await launchBrowser();
    const edition = await createEdition(platform);
    editionId = edition.id;
    team = await registerTeam(platform, editionId, edition.routes[0].id, 'De Zonnige Stappers van Molenbeek', {
      name: 'Amina Haddad',
      email: 'amina@example.org',
    });
    const bram = await joinTeam(platform, team, { name: 'Bram Vermeulen', email: 'bram@example.org' });
    const noor = await joinTeam(platform, team, { name: 'نور الهدى', email: 'noor@example.org' });
    // the captain tells the team's story on their private page
    const token = platform.app.get(PrivateLinks).token('edit-walker', team.captainWalkerId);
    const client = request.agent(platform.app.getHttpServer());
    const form = await client.get(`/walkers/${team.captainWalkerId}/edit?token=${token}`).expect(200);
    const csrf = /name="_csrf" value="([^"]+)"/.exec(form.text)?.[1];
    await client
      .post(`/walkers/${team.captainWalkerId}/edit?token=${token}`)
      .type('form')
      .send({ _csrf: csrf, story: 'Wij stappen 20 km voor een warm onthaal van wie hier aankomt.', target: '250' })
      .expect(303);
    await giveAndSettle(platform, bram, 75_00, { name: 'Oma Jet', email: 'jet@example.org' });
    await giveAndSettle(platform, noor, 30_00, { name: 'Karim', email: 'karim@example.org' });
    for (let i = 1; i <= 53; i++) {
      const gift = await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'team', id: team.id },
          amountCents: 10_00 + i * 25,
          frequency: 'one_off',
          donor: { name: `Buurvrouw ${i}`, email: `buur${i}@example.org` },
          ...(i % 5 === 0 ? { message: 'Hup, hup, hup!' } : {}),
        })
        .expect(201);
      await platform.http.post(`/api/sandbox/donations/${gift.body.id}/settle`).send({ outcome: 'paid' }).expect(200);
    }
    teamGiftId = (
      await platform.http
        .post('/api/donations')
        .send({
          beneficiary: { type: 'team', id: team.id },
          amountCents: 50_00,
          frequency: 'one_off',
          donor: { name: 'Els', email: 'els@example.org' },
        })
        .expect(201)
    ).body.id;
    pledgeId = (
      await platform.http
        .post('/api/pledges')
        .send({
          beneficiary: { type: 'walker', id: bram },
          sponsor: { name: 'Tante Mie', email: 'mie@example.org' },
          kind: 'per_km',
          amountCents: 150,
          capCents: 25_00,
        })
        .expect(201)
    ).body.id;
    await platform.http
      .post(`/api/walkers/${bram}/distance`)
      .set(await platform.adminAuth())
      .send({ km: 21.5 })
      .expect(200);
    const past = await platform.http
      .post('/api/editions')
      .set(await platform.adminAuth())
      .send({
        name: 'Refugee Walk voorbij',
        date: brusselsDay(new Date(Date.now() - 5 * 86_400_000)),
        routes: [{ name: 'Eigen route', distanceKm: 20, kind: 'own' }],
      })
      .expect(201);
    pastEditionId = past.body.id;
    await platform.effectsDone();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  const WORDS = {
    nl: {
      captain: 'kapitein',
      more: 'en nog 3 giften',
      join: 'Stap mee in dit team',
      closed: 'De inschrijvingen zijn gesloten',
    },
    fr: {
      captain: 'capitaine',
      more: 'et 3 autres dons',
      join: 'Rejoindre cette équipe',
      closed: 'Les inscriptions sont closes',
    },
  } as const;

  for (const viewport of ['phone', 'laptop'] as const) {
    for (const lang of ['nl', 'fr'] as const) {
      it(`shows the team page with its story, captain, walkers and wall, and leads whoever has the code to join (${viewport}, ${lang})`, async () => {
        const url = `${platform.baseUrl}/teams/${team.id}?code=${encodeURIComponent(team.joinCode)}&lang=${lang}`;
        const opened = await openPage(browser, url, viewport);
        const { page } = opened;
        await expect(page.locator('.story').textContent()).resolves.toContain('warm onthaal');
        await expect(page.locator('[data-captain]').textContent()).resolves.toBe(WORDS[lang].captain);
        // the walkers by what they raised: Bram, then Noor, then the captain
        const names = await page.locator('.walkers li > a').allTextContents();
        expect(names).toEqual(['Bram Vermeulen', 'نور الهدى', 'Amina Haddad']);
        await expect(page.locator('.wall li').count()).resolves.toBe(50);
        await expect(page.locator('.wall-more').textContent()).resolves.toBe(WORDS[lang].more);
        expect(await fitsWidth(page)).toBe(true);
        expect(await checkPage(page, `team-page-${lang}-${viewport}`)).toEqual([]);
        expect(opened.problems).toEqual([]);
        await page.click('#join-team');
        await page.waitForURL(/\/join\?code=/);
        await expect(page.locator('input[name="code"]').inputValue()).resolves.toBe(team.joinCode);
        expect(await fitsWidth(page)).toBe(true);
        expect(await checkPage(page, `team-join-${lang}-${viewport}`)).toEqual([]);
        await opened.close();
      }, 60_000);

      it(`names the team on the sandbox checkout and explains a pledge's sum (${viewport}, ${lang})`, async () => {
        const opened = await openPage(
          browser,
          `${platform.baseUrl}/sandbox/checkout/${teamGiftId}?lang=${lang}`,
          viewport,
        );
        await expect(opened.page.locator('h1').textContent()).resolves.toBe(
          {
            nl: 'Gift aan team De Zonnige Stappers van Molenbeek',
            fr: 'Don à l’équipe De Zonnige Stappers van Molenbeek',
          }[lang],
        );
        expect(await fitsWidth(opened.page)).toBe(true);
        expect(await checkPage(opened.page, `sandbox-checkout-team-${lang}-${viewport}`)).toEqual([]);
        await opened.page.goto(`${platform.baseUrl}/pledges/${pledgeId}/pay?lang=${lang}`);
        await expect(opened.page.locator('.worked-out').textContent()).resolves.toBe(
          {
            nl: '21,5 km × €\u00a01,50 per km = €\u00a032,25, meer dan het maximum van €\u00a025,00 dat je koos: je betaalt €\u00a025,00.',
            fr: '21,5 km × 1,50\u00a0€ par km = 32,25\u00a0€, plus que le maximum de 25,00\u00a0€ que vous avez choisi\u202f: vous payez 25,00\u00a0€.',
          }[lang],
        );
        expect(await fitsWidth(opened.page)).toBe(true);
        expect(await checkPage(opened.page, `pledge-pay-capped-${lang}-${viewport}`)).toEqual([]);
        expect(opened.problems).toEqual([]);
        await opened.close();
      }, 60_000);

      it(`shows an edition after its walk with its results, and registration closed (${viewport}, ${lang})`, async () => {
        const opened = await openPage(browser, `${platform.baseUrl}/editions/${pastEditionId}?lang=${lang}`, viewport);
        await expect(opened.page.locator(`a[href="/editions/${pastEditionId}/register"]`).count()).resolves.toBe(0);
        expect(await fitsWidth(opened.page)).toBe(true);
        expect(await checkPage(opened.page, `edition-after-walk-${lang}-${viewport}`)).toEqual([]);
        await opened.page.goto(`${platform.baseUrl}/editions/${pastEditionId}/register?lang=${lang}`);
        await expect(opened.page.locator('h1').textContent()).resolves.toBe(WORDS[lang].closed);
        await expect(opened.page.locator('form').count()).resolves.toBe(0);
        expect(await fitsWidth(opened.page)).toBe(true);
        expect(await checkPage(opened.page, `registration-closed-${lang}-${viewport}`)).toEqual([]);
        expect(opened.problems).toEqual([]);
        await opened.close();
      }, 60_000);
    }
  }
});

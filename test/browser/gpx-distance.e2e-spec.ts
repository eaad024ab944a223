import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { PrivateLinks } from '../../apps/platform/src/accounts/private-links';
import { createEdition, joinTeam, registerTeam, type RegisteredTeam } from '../support/fixtures';
import { ADMIN } from '../support/platform';
import {
  checkPage,
  launchBrowser,
  type ListeningPlatform,
  openPage,
  startListeningPlatform,
  type ViewportName,
} from './support/browser';

const FIXTURE = join(__dirname, '..', 'fixtures', 'walk.gpx');

const WORDS = {
  nl: {
    send: 'Afstand voorstellen',
    notGpx: 'Dit is geen GPX-bestand.',
    waiting: 'Je stelde 3,34 km voor. Een organisator moet dit nog goedkeuren.',
    accept: 'Goedkeuren',
    accepted: '3,34 km van {name} goedgekeurd.',
    done: 'Een organisator keurde je 3,34 km goed.',
  },
  fr: {
    send: 'Proposer la distance',
    notGpx: 'Ce n’est pas un fichier GPX.',
    waiting: 'Vous avez proposé 3,34 km. L’équipe d’organisation doit encore l’accepter.',
    accept: 'Accepter',
    accepted: '3,34 km de {name} acceptés.',
    done: 'L’équipe d’organisation a accepté vos 3,34 km.',
  },
} as const;

/** A walker uploads their track and an organiser accepts it, in a browser, checked with axe and photographed. */
describe('distance from a GPX track in a browser', () => {
  let platform: ListeningPlatform;
  let browser: Browser;
  let team: RegisteredTeam;

  beforeAll(async () => {
    platform = await startListeningPlatform();
    browser = await launchBrowser();
    const edition = await createEdition(platform, [{ name: 'Officiële route', distanceKm: 40, kind: 'official' }]);
    team = await registerTeam(platform, edition.id, edition.routes[0].id, 'Lange Benen', {
      name: 'Sara',
      email: 'sara@example.org',
    });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.dispose();
  });

  for (const [viewport, lang] of [
    ['phone', 'nl'],
    ['laptop', 'fr'],
  ] as [ViewportName, 'nl' | 'fr'][]) {
    it(`proposes a track's distance and has it accepted on the desk (${viewport}, ${lang})`, async () => {
      const words = WORDS[lang];
      const name = `Tom ${viewport}`;
      const walkerId = await joinTeam(platform, team, { name, email: `tom-${viewport}@example.org` });
      const pledge = await platform.http
        .post('/api/pledges')
        .send({
          beneficiary: { type: 'walker', id: walkerId },
          sponsor: { name: 'Buurman', email: `buur-${viewport}@example.org` },
          kind: 'per_km',
          amountCents: 200,
        })
        .expect(201);
      const token = platform.app.get(PrivateLinks).token('edit-walker', walkerId);
      const walker = await openPage(
        browser,
        `${platform.baseUrl}/walkers/${walkerId}/edit?token=${token}&lang=${lang}`,
        viewport,
      );
      const { page } = walker;

      // a file that is not GPX: refused under the field
      await page.setInputFiles('#field-track', {
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('hello'),
      });
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: words.send }).click()]);
      await expect(page.textContent('#field-track-error')).resolves.toContain(words.notGpx);
      expect(await checkPage(page, `gpx-refused-${viewport}-${lang}`)).toEqual([]);

      await page.setInputFiles('#field-track', FIXTURE);
      await Promise.all([page.waitForURL(/#track$/), page.getByRole('button', { name: words.send }).click()]);
      await page.getByRole('status').filter({ hasText: words.waiting }).waitFor();
      await page.locator('svg.track-profile').waitFor();
      expect(await checkPage(page, `gpx-proposed-${viewport}-${lang}`)).toEqual([]);
      // the refused file's answer is a 400 by design; nothing else may go wrong (CSP, scripts)
      expect(walker.problems.filter((problem) => !problem.includes('status of 400'))).toEqual([]);

      const desk = await openPage(browser, `${platform.baseUrl}/desk/login?lang=${lang}`, viewport);
      await desk.page.fill('#login-email', ADMIN.email);
      await desk.page.fill('#login-password', ADMIN.password);
      await Promise.all([desk.page.waitForURL(`${platform.baseUrl}/desk`), desk.page.click('button[type=submit]')]);
      await desk.page.locator(`#proposal-${walkerId}`).waitFor();
      expect(await checkPage(desk.page, `gpx-desk-${viewport}-${lang}`)).toEqual([]);
      await Promise.all([
        desk.page.waitForURL(/done=/),
        desk.page.locator(`#proposal-${walkerId}`).getByRole('button', { name: words.accept }).click(),
      ]);
      await expect(desk.page.textContent('.notice')).resolves.toContain(words.accepted.replace('{name}', name));
      const due = await platform.http.get(`/api/pledges/${pledge.body.id}`).expect(200);
      expect(due.body).toMatchObject({ status: 'due', dueCents: Math.round(3.34 * 200) });
      await desk.close();

      await page.reload();
      await page.getByRole('status').filter({ hasText: words.done }).waitFor();
      await walker.close();
    }, 90_000);
  }
});

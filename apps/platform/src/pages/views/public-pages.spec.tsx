import { LANGUAGES } from '@rw/kernel';
import type { TeamView, WalkerView } from '@rw/read-models';
import { renderFragment } from '../../views/render';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from './page-context.fixture';
import { EditionPage, editionPage, type PageCard, TeamPage, teamPage, WalkerPage, walkerPage } from './public-pages';

const stats = { teams: 1, walkers: 2100, supporters: 0, raisedCents: 48330097, pledgedOpenCents: 0 };
const edition = { id: 'ed-1', name: 'Refugee Walk 2026', walkOn: '2026-09-27' };
const home = { goalCents: 0, topTeams: [], topWalkers: [], latestGifts: [] };

const walker = (name: string): WalkerView => ({
  id: 'w-1',
  slug: 'w-1',
  name,
  teamId: 't-1',
  targetCents: 20000,
  raisedCents: 5000,
  donorCount: 2,
  story: 'Ik stap mee.',
  status: 'active',
  supporters: [
    { name: 'Oma', message: 'Zet hem op!', amountCents: 2500, at: '2026-05-01T10:00:00Z' },
    { name: 'anonymous', message: '', at: '2026-05-02T10:00:00Z' },
  ],
});

describe('the edition page', () => {
  it.each([
    [
      'nl',
      '27 september 2026',
      '€\u00a0483.300,97',
      '<strong>1</strong> team',
      '<strong>2.100</strong> stappers',
      '<strong>0</strong> sponsors',
    ],
    [
      'fr',
      '27 septembre 2026',
      '483\u202f300,97\u00a0€',
      '<strong>1</strong> équipe',
      '<strong>2\u202f100</strong> marcheurs·euses',
      '<strong>0</strong> donateur·rice',
    ],
    [
      'en',
      '27 September 2026',
      '€483,300.97',
      '<strong>1</strong> team',
      '<strong>2,100</strong> walkers',
      '<strong>0</strong> sponsors',
    ],
  ] as const)(
    'reads in %s: the day, the money and the figures as the language writes them',
    (lang, day, raised, teams, walkers, sponsors) => {
      const html = renderFragment(
        <EditionPage
          ctx={pageContextFor(lang)}
          edition={edition}
          stats={stats}
          home={home}
          url="https://walk.example/editions/ed-1"
        />,
      );
      expect(html).toContain(`<strong>${day}</strong>`);
      expect(html).toContain(`<strong class="raised">${raised}</strong>`);
      expect(html).toContain(teams);
      expect(html).toContain(walkers);
      expect(html).toContain(sponsors);
      expect(html).toContain('href="/editions/ed-1/register"');
    },
  );

  it('is a whole page: the document in the visitor’s language, with its Open Graph tags', () => {
    const html = editionPage({
      ctx: pageContextFor('fr', '/editions/ed-1?lang=fr'),
      edition,
      stats,
      home,
      url: 'https://walk.example/editions/ed-1',
    });
    expect(html).toMatch(/^<!doctype html><html lang="fr">/);
    expect(html).toContain('<title>Refugee Walk 2026 · Refugee Walk</title>');
    expect(html).toContain('<meta property="og:url" content="https://walk.example/editions/ed-1"/>');
    // the language switch keeps the page and replaces the language
    expect(html).toContain('<a href="/editions/ed-1?lang=nl" lang="nl" hreflang="nl" title="Nederlands">NL</a>');
    expect(html).toContain('<span aria-current="true" lang="fr">FR</span>');
  });

  it('shows an edition named with markup as text', () => {
    const html = renderFragment(
      <EditionPage
        ctx={pageContextFor('nl')}
        edition={{ ...edition, name: HOSTILE }}
        stats={stats}
        home={home}
        url="u"
      />,
    );
    expect(html).toContain(`<h1>${HOSTILE_ESCAPED}</h1>`);
    expect(html).not.toContain('<script');
  });
});

describe('the walker page', () => {
  it.each(LANGUAGES)('reads in %s, with the team linked inside the sentence', (lang) => {
    const html = renderFragment(
      <WalkerPage ctx={pageContextFor(lang)} walker={walker('Youssef')} team={{ id: 't-1', name: 'Zon' }} url="u" />,
    );
    const link = '<a href="/teams/t-1">Zon</a>';
    expect(html).toContain(
      { nl: `stapt mee in team ${link}`, fr: `marche dans l’équipe ${link}`, en: `walks in team ${link}` }[lang],
    );
    expect(html).toContain({ nl: 'Geef aan Youssef', fr: 'Donner à Youssef', en: 'Give to Youssef' }[lang]);
    expect(html).toContain({ nl: '<h2>Sponsors</h2>', fr: '<h2>Donateurs·rices</h2>', en: '<h2>Sponsors</h2>' }[lang]);
    expect(html).toContain(`<span class="who">${{ nl: 'anoniem', fr: 'anonyme', en: 'anonymous' }[lang]}</span>`);
    expect(html).toContain('<q>Zet hem op!</q>');
  });

  it('shows a walker, a team, a sponsor and a message made of markup as text', () => {
    const hostile = walker(HOSTILE);
    hostile.supporters = [{ name: HOSTILE, message: HOSTILE, amountCents: 100, at: '2026-05-01T10:00:00Z' }];
    hostile.story = HOSTILE;
    const html = renderFragment(
      <WalkerPage ctx={pageContextFor('nl')} walker={hostile} team={{ id: 't-1', name: HOSTILE }} url="u" />,
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(`<h1>${HOSTILE_ESCAPED}</h1>`);
    expect(html).toContain(`stapt mee in team <a href="/teams/t-1">${HOSTILE_ESCAPED}</a>`);
    expect(html).toContain(`<q>${HOSTILE_ESCAPED}</q>`);
  });

  it('says there are no gifts yet when the wall is empty', () => {
    const lonely = { ...walker('Tom'), supporters: [] };
    expect(renderFragment(<WalkerPage ctx={pageContextFor('fr')} walker={lonely} url="u" />)).toContain(
      '<p>Pas encore de dons. Soyez la première personne à donner\u202f!</p>',
    );
  });
});

describe('the team page', () => {
  const team = (name: string): TeamView => ({
    id: 't-1',
    slug: 't-1',
    name,
    routeId: 'r-1',
    targetCents: 100000,
    raisedCents: 25000,
    donorCount: 3,
    walkers: [{ id: 'w-1', name, raisedCents: 25000 }],
  });

  it.each(LANGUAGES)('reads in %s, each walker with their own progress', (lang) => {
    const html = renderFragment(
      <TeamPage ctx={pageContextFor(lang)} team={team('Zon')} walkerTargets={new Map([['w-1', 50000]])} url="u" />,
    );
    expect(html).toContain({ nl: '<h1>Team Zon</h1>', fr: '<h1>Équipe Zon</h1>', en: '<h1>Team Zon</h1>' }[lang]);
    expect(html).toContain(
      {
        nl: 'aria-label="50% van het doel"',
        fr: 'aria-label="50\u00a0% de l’objectif"',
        en: 'aria-label="50% of the target"',
      }[lang],
    );
    expect(html).toContain('<progress max="100" value="25" ');
  });

  it('shows a team named with markup as text', () => {
    const html = renderFragment(
      <TeamPage ctx={pageContextFor('en')} team={team(HOSTILE)} walkerTargets={new Map()} url="u" />,
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(`<a href="/walkers/w-1">${HOSTILE_ESCAPED}</a>`);
  });
});

describe('the share card and QR code of a walker or team page', () => {
  const card = (alt: string): PageCard => ({
    image: { url: 'https://walk.example/walkers/w-1/card.png?lang=fr&v=abc', width: 1200, height: 630, alt },
    qr: { svg: '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>', download: '/walkers/w-1/qr.svg' },
  });

  it.each(LANGUAGES)('names the card in the head and shows the QR code to print in %s', (lang) => {
    const html = walkerPage({ ctx: pageContextFor(lang), walker: walker('Youssef'), url: 'u', card: card('Youssef') });
    expect(html).toContain(
      '<meta property="og:image" content="https://walk.example/walkers/w-1/card.png?lang=fr&amp;v=abc"/>',
    );
    expect(html).toContain('<meta property="og:image:width" content="1200"/>');
    expect(html).toContain('<meta property="og:image:height" content="630"/>');
    expect(html).toContain('<meta property="og:image:alt" content="Youssef"/>');
    expect(html).toContain('<meta name="twitter:card" content="summary_large_image"/>');
    const title = { nl: 'QR-code van deze pagina', fr: 'Code QR de cette page', en: 'QR code of this page' }[lang];
    expect(html).toContain(`<h2 id="qr-title">${title}</h2>`);
    expect(html).toContain(`role="img" aria-label="${title}"><svg xmlns=`);
    expect(html).toContain(
      `<a class="button" href="/walkers/w-1/qr.svg" download>${
        { nl: 'QR-code downloaden', fr: 'Télécharger le code QR', en: 'Download the QR code' }[lang]
      }</a>`,
    );
  });

  it('escapes a hostile name in the card’s words, and shows no QR code without a public address', () => {
    const html = teamPage({
      ctx: pageContextFor('nl'),
      team: { ...walker(HOSTILE), routeId: 'r-1', walkers: [] },
      walkerTargets: new Map(),
      url: 'u',
      card: { image: card(HOSTILE).image },
    });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(`<meta property="og:image:alt" content="${HOSTILE_ESCAPED}"/>`);
    expect(html).not.toContain('qr-title');
  });

  it('leaves the image tags out when there is no card', () => {
    const html = walkerPage({ ctx: pageContextFor('en'), walker: walker('Tom'), url: 'u' });
    expect(html).toContain('<meta property="og:title" content="Give to Tom"/>');
    expect(html).not.toContain('og:image');
    expect(html).not.toContain('twitter:card');
  });
});

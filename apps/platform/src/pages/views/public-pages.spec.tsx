import { LANGUAGES } from '@rw/kernel';
import type { TeamPageFacts, TeamView, Wall, WalkerView } from '@rw/read-models';
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

const wallOf = (view: WalkerView, total = view.supporters.length): Wall => ({ supporters: view.supporters, total });

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

  it.each([
    ['nl', 'De walk van 27 september 2026 is voorbij. Samen haalden we €\u00a0483.300,97 op: dank je wel!'],
    [
      'fr',
      'La marche du 27 septembre 2026 est terminée. Ensemble, nous avons récolté 483\u202f300,97\u00a0€\u202f: merci\u202f!',
    ],
    ['en', 'The walk of 27 September 2026 is over. Together we raised €483,300.97: thank you!'],
  ] as const)('after the walk (%s): what was raised, and no invitation to register', (lang, intro) => {
    const html = renderFragment(
      <EditionPage ctx={pageContextFor(lang)} edition={edition} stats={stats} home={home} url="u" walkOver={true} />,
    );
    expect(html).toContain(`<p class="lead" id="results">${intro}</p>`);
    expect(html).not.toContain('/register');
    expect(html).toContain('<a class="button primary" href="/editions/ed-1/give">');
    // before it, the day and the invitation
    const before = renderFragment(
      <EditionPage ctx={pageContextFor(lang)} edition={edition} stats={stats} home={home} url="u" />,
    );
    expect(before).toContain('href="/editions/ed-1/register"');
    expect(before).not.toContain(intro);
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
      <WalkerPage
        ctx={pageContextFor(lang)}
        walker={walker('Youssef')}
        wall={wallOf(walker('Youssef'))}
        team={{ id: 't-1', name: 'Zon' }}
        url="u"
      />,
    );
    const link = '<a href="/teams/t-1" dir="auto">Zon</a>';
    expect(html).toContain(
      { nl: `stapt mee in team ${link}`, fr: `marche dans l’équipe ${link}`, en: `walks in team ${link}` }[lang],
    );
    expect(html).toContain({ nl: 'Geef aan Youssef', fr: 'Donner à Youssef', en: 'Give to Youssef' }[lang]);
    expect(html).toContain({ nl: '<h2>Sponsors</h2>', fr: '<h2>Donateurs·rices</h2>', en: '<h2>Sponsors</h2>' }[lang]);
    expect(html).toContain(
      `<span class="who" dir="auto">${{ nl: 'anoniem', fr: 'anonyme', en: 'anonymous' }[lang]}</span>`,
    );
    expect(html).toContain('<q dir="auto">Zet hem op!</q>');
    // a story in any script takes its own direction
    expect(html).toContain('<p class="story" dir="auto">Ik stap mee.</p>');
    // the whole wall is shown: nothing more to count
    expect(html).not.toContain('wall-more');
  });

  it.each([
    ['nl', 'en nog 130 giften'],
    ['fr', 'et 130 autres dons'],
    ['en', 'and 130 more gifts'],
  ] as const)('says in %s how many gifts the wall does not show, instead of cutting silently', (lang, more) => {
    const html = renderFragment(
      <WalkerPage
        ctx={pageContextFor(lang)}
        walker={walker('Youssef')}
        wall={wallOf(walker('Youssef'), 132)}
        url="u"
      />,
    );
    expect(html).toContain(`<p class="wall-more" data-more="130">${more}</p>`);
  });

  it('writes a large count with the language’s separators', () => {
    const html = renderFragment(
      <WalkerPage
        ctx={pageContextFor('nl')}
        walker={walker('Youssef')}
        wall={wallOf(walker('Youssef'), 1202)}
        url="u"
      />,
    );
    expect(html).toContain('en nog 1.200 giften');
  });

  it('shows a walker, a team, a sponsor and a message made of markup as text', () => {
    const hostile = walker(HOSTILE);
    hostile.supporters = [{ name: HOSTILE, message: HOSTILE, amountCents: 100, at: '2026-05-01T10:00:00Z' }];
    hostile.story = HOSTILE;
    const html = renderFragment(
      <WalkerPage
        ctx={pageContextFor('nl')}
        walker={hostile}
        wall={wallOf(hostile)}
        team={{ id: 't-1', name: HOSTILE }}
        url="u"
      />,
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(`<h1 dir="auto">${HOSTILE_ESCAPED}</h1>`);
    expect(html).toContain(`stapt mee in team <a href="/teams/t-1" dir="auto">${HOSTILE_ESCAPED}</a>`);
    expect(html).toContain(`<q dir="auto">${HOSTILE_ESCAPED}</q>`);
  });

  it('says there are no gifts yet when the wall is empty', () => {
    const lonely = { ...walker('Tom'), supporters: [] };
    expect(
      renderFragment(<WalkerPage ctx={pageContextFor('fr')} walker={lonely} wall={wallOf(lonely)} url="u" />),
    ).toContain('<p>Pas encore de dons. Soyez la première personne à donner\u202f!</p>');
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
    walkers: [],
  });
  const facts = (name: string): TeamPageFacts => ({
    captainWalkerId: 'w-2',
    story: `Wij stappen samen, ${name}.`,
    closed: false,
    // as the read model gives them: the walkers who raised most first
    members: [
      { id: 'w-1', name, raisedCents: 25000, targetCents: 50000, captain: false },
      { id: 'w-2', name: 'Amina', raisedCents: 0, targetCents: 20000, captain: true },
    ],
  });
  const wall: Wall = {
    supporters: [{ name: 'Buurt', message: 'Hup!', amountCents: 1500, at: '2026-05-01T10:00:00Z' }],
    total: 180,
  };

  it.each([
    ['nl', '<h1 dir="auto">Team Zon</h1>', 'Geef aan team Zon', 'Ons verhaal', 'kapitein', 'en nog 179 giften'],
    [
      'fr',
      '<h1 dir="auto">Équipe Zon</h1>',
      'Donner à l’équipe Zon',
      'Notre histoire',
      'capitaine',
      'et 179 autres dons',
    ],
    ['en', '<h1 dir="auto">Team Zon</h1>', 'Give to team Zon', 'Our story', 'captain', 'and 179 more gifts'],
  ] as const)(
    'reads in %s: story, captain marked, walkers by raised, the team’s own wall',
    (lang, h1, give, story, captain, more) => {
      const html = renderFragment(
        <TeamPage ctx={pageContextFor(lang)} team={team('Zon')} facts={facts('Zon')} wall={wall} url="u" />,
      );
      expect(html).toContain(h1);
      expect(html).toContain(`>${give}</a>`);
      expect(html).toContain(`<h2>${story}</h2><p class="story" dir="auto">Wij stappen samen, Zon.</p>`);
      expect(html).toContain(
        {
          nl: 'aria-label="50% van het doel"',
          fr: 'aria-label="50\u00a0% de l’objectif"',
          en: 'aria-label="50% of the target"',
        }[lang],
      );
      // the order the read model gave, and the captain marked
      expect(html.indexOf('data-walker="w-1"')).toBeLessThan(html.indexOf('data-walker="w-2"'));
      expect(html).toContain(
        `data-walker="w-2"><a href="/walkers/w-2" dir="auto">Amina</a> <span class="badge" data-captain>${captain}</span>`,
      );
      expect(html).toContain('<q dir="auto">Hup!</q>');
      expect(html).toContain(`<p class="wall-more" data-more="179">${more}</p>`);
      // no join link without the code
      expect(html).not.toContain('id="join-team"');
    },
  );

  it('offers the join link when the page was opened with the code', () => {
    const html = renderFragment(
      <TeamPage
        ctx={pageContextFor('fr')}
        team={team('Zon')}
        facts={facts('Zon')}
        wall={wall}
        joinUrl="/teams/t-1/join?code=abc"
        url="u"
      />,
    );
    expect(html).toContain(
      '<a class="button" href="/teams/t-1/join?code=abc" id="join-team">Rejoindre cette équipe</a>',
    );
  });

  it('shows a team, a story and a walker named with markup as text', () => {
    const html = renderFragment(
      <TeamPage ctx={pageContextFor('en')} team={team(HOSTILE)} facts={facts(HOSTILE)} wall={wall} url="u" />,
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(`<a href="/walkers/w-1" dir="auto">${HOSTILE_ESCAPED}</a>`);
    expect(html).toContain(`Wij stappen samen, ${HOSTILE_ESCAPED}.`);
  });
});

describe('the share card and QR code of a walker or team page', () => {
  const card = (alt: string): PageCard => ({
    image: { url: 'https://walk.example/walkers/w-1/card.png?lang=fr&v=abc', width: 1200, height: 630, alt },
    qr: { svg: '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0h1"/></svg>', download: '/walkers/w-1/qr.svg' },
  });

  it.each(LANGUAGES)('names the card in the head and shows the QR code to print in %s', (lang) => {
    const youssef = walker('Youssef');
    const html = walkerPage({
      ctx: pageContextFor(lang),
      walker: youssef,
      wall: wallOf(youssef),
      url: 'u',
      card: card('Youssef'),
    });
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
      facts: { captainWalkerId: 'w-1', story: '', closed: false, members: [] },
      wall: { supporters: [], total: 0 },
      url: 'u',
      card: { image: card(HOSTILE).image },
    });
    expect(html).not.toContain('<script>alert');
    expect(html).toContain(`<meta property="og:image:alt" content="${HOSTILE_ESCAPED}"/>`);
    expect(html).not.toContain('qr-title');
  });

  it('leaves the image tags out when there is no card', () => {
    const tom = walker('Tom');
    const html = walkerPage({ ctx: pageContextFor('en'), walker: tom, wall: wallOf(tom), url: 'u' });
    expect(html).toContain('<meta property="og:title" content="Give to Tom"/>');
    expect(html).not.toContain('og:image');
    expect(html).not.toContain('twitter:card');
  });
});

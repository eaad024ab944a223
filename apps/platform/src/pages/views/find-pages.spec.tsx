import { LANGUAGES } from '@rw/kernel';
import type { TeamListing } from '@rw/read-models';
import { renderFragment } from '../../views/render';
import { LatestGifts, SearchPage, TeamsPage, TopList } from './find-pages';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from './page-context.fixture';

const edition = { id: 'ed-1', name: 'Refugee Walk 2026' };
const results = (name: string) => ({
  walkers: [{ id: 'w-1', slug: 'ann-peeters', name, teamName: 'De Zon', raisedCents: 1_234_50 }],
  teams: [{ id: 't-1', slug: 'de-zon', name: 'De Zon', raisedCents: 2_000_00 }],
});
const team = (name: string): TeamListing => ({
  id: 't-1',
  slug: 'de-zon',
  name,
  routeId: 'r1',
  raisedCents: 2_000_00,
  targetCents: 0,
  walkers: [{ id: 'w-1', slug: 'ann-peeters', name: 'Ann Peeters', raisedCents: 1_234_50 }],
});
const routes = [{ routeId: 'r1', name: 'Official 40 km' }];

describe('the search page', () => {
  it.each([
    ['nl', '1 stapper gevonden', '1 team gevonden', 'team De Zon', '€\u00a01.234,50'],
    ['fr', '1 marcheur·euse trouvé·e', '1 équipe trouvée', 'équipe De Zon', '1\u202f234,50\u00a0€'],
    ['en', '1 walker found', '1 team found', 'team De Zon', '€1,234.50'],
  ] as const)('reads in %s, the names linked to their pages by slug', (lang, walkers, teams, inTeam, money) => {
    const html = renderFragment(
      <SearchPage ctx={pageContextFor(lang)} edition={edition} query="ann" results={results('Ann Peeters')} />,
    );
    expect(html).toContain(walkers);
    expect(html).toContain(teams);
    expect(html).toContain(inTeam);
    expect(html).toContain(money);
    expect(html).toContain('<a href="/walkers/ann-peeters">Ann Peeters</a>');
    expect(html).toContain('<a href="/teams/de-zon">De Zon</a>');
    expect(html).toContain('action="/editions/ed-1/search"');
  });

  it('says in every language when nothing was found, and shows only the form without a query', () => {
    for (const lang of LANGUAGES) {
      const html = renderFragment(
        <SearchPage ctx={pageContextFor(lang)} edition={edition} query="x" results={{ walkers: [], teams: [] }} />,
      );
      expect(html).not.toContain('data-found=');
      expect(html).toMatch(/<h3 id="walkers-found">[^<]+<\/h3><h3 id="teams-found">/);
    }
    expect(renderFragment(<SearchPage ctx={pageContextFor('nl')} edition={edition} />)).not.toContain('results-title');
  });

  it('shows a hostile name and query as text', () => {
    const html = renderFragment(
      <SearchPage ctx={pageContextFor('nl')} edition={edition} query={HOSTILE} results={results(HOSTILE)} />,
    );
    expect(html).toContain(HOSTILE_ESCAPED);
    expect(html).not.toContain('<script');
  });
});

describe('the team list', () => {
  it.each([
    ['nl', 'Teams van Refugee Walk 2026', 'Pagina 2 van 3', 'Vorige', 'Volgende'],
    ['fr', 'Les équipes de Refugee Walk 2026', 'Page 2 sur 3', 'Précédente', 'Suivante'],
    ['en', 'Teams of Refugee Walk 2026', 'Page 2 of 3', 'Previous', 'Next'],
  ] as const)(
    'reads in %s, with links to the pages before and after that keep the choices',
    (lang, title, pageOf, previous, next) => {
      const html = renderFragment(
        <TeamsPage
          ctx={pageContextFor(lang)}
          edition={{ ...edition, routes }}
          routeId="r1"
          order="name"
          page={2}
          pages={3}
          total={45}
          teams={[team('De Zon')]}
        />,
      );
      expect(html).toContain(`<h1>${title}</h1>`);
      expect(html).toContain(pageOf);
      expect(html).toContain('rel="prev" href="/editions/ed-1/teams?route=r1&amp;sort=name"');
      expect(html).toContain(previous);
      expect(html).toContain(next);
      expect(html).toContain('href="/editions/ed-1/teams?route=r1&amp;sort=name&amp;page=3"');
      expect(html).toContain('<option value="r1" selected>Official 40 km</option>');
      expect(html).toContain('<ol class="team-list" start="21">');
      expect(html).toContain('<a href="/walkers/ann-peeters">Ann Peeters</a>');
    },
  );

  it('shows a hostile team name as text', () => {
    const html = renderFragment(
      <TeamsPage
        ctx={pageContextFor('nl')}
        edition={{ ...edition, routes }}
        order="raised"
        page={1}
        pages={1}
        total={1}
        teams={[team(HOSTILE)]}
      />,
    );
    expect(html).toContain(HOSTILE_ESCAPED);
    expect(html).not.toContain('<script');
    expect(html).not.toContain('class="pager"');
  });
});

describe('the home page’s lists', () => {
  it('ranks names with their amounts, an erased walker without their name', () => {
    const entries = [
      { rank: 1, id: 'w-1', name: 'Ann', raisedCents: 50_00, donorCount: 1 },
      { rank: 2, id: 'w-2', name: 'anonymous', raisedCents: 0, donorCount: 0 },
    ];
    const html = renderFragment(
      <TopList ctx={pageContextFor('fr')} id="top" title="Top" kind="walkers" entries={entries} />,
    );
    expect(html).toContain('<a href="/walkers/w-1">Ann</a></span><span class="money">50,00\u00a0€</span>');
    expect(html).toContain('<a href="/walkers/w-2">anonyme</a>');
  });

  it('shows an anonymous gift with neither name nor amount, in every language', () => {
    const gifts = [
      { beneficiary: { type: 'walker' as const, id: 'w-1', slug: 'ann', name: 'Ann' }, at: '2026-09-01' },
      {
        donorName: HOSTILE,
        amountCents: 25_00,
        beneficiary: { type: 'team' as const, id: 't-1', slug: 'de-zon', name: 'De Zon' },
        at: '2026-09-01',
      },
    ];
    const expected = {
      nl: [
        'Een anonieme gift aan <a href="/walkers/ann">Ann</a>',
        'gaf <strong class="gift">€\u00a025,00</strong> aan',
      ],
      fr: ['Un don anonyme à <a href="/walkers/ann">Ann</a>', 'a donné <strong class="gift">25,00\u00a0€</strong> à'],
      en: ['An anonymous gift to <a href="/walkers/ann">Ann</a>', 'gave <strong class="gift">€25.00</strong> to'],
    };
    for (const lang of LANGUAGES) {
      const html = renderFragment(<LatestGifts ctx={pageContextFor(lang)} gifts={gifts} />);
      for (const text of expected[lang]) expect(html).toContain(text);
      expect(html).toContain(`<strong>${HOSTILE_ESCAPED}</strong>`);
      expect(html).toContain('<a href="/teams/de-zon">De Zon</a>');
    }
  });
});

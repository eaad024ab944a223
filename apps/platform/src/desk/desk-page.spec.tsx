import { LANGUAGES, type Language } from '@rw/kernel';
import { translator } from '../i18n';
import { renderFragment } from '../views/render';
import { Desk, DeskLogin, type DeskView } from './desk-page';

const HOSTILE = '<script>alert("x")</script>';

function view(overrides: Partial<DeskView> = {}): DeskView {
  return {
    query: '',
    pendingFees: [],
    distanceProposals: [],
    openPledges: [],
    today: '2026-09-27',
    giftKey: () => 'gift-key-1234',
    ...overrides,
  };
}

const desk = (language: Language, shown: DeskView) =>
  renderFragment(<Desk language={language} t={translator(language)} csrfToken="token-1" view={shown} />);

describe('the organiser desk as components', () => {
  it('shows its login form in Dutch, French and English', () => {
    const titles = { nl: 'Organisatiebalie', fr: 'Accueil des organisateurs', en: 'Organiser desk' };
    for (const language of LANGUAGES) {
      const html = renderFragment(<DeskLogin t={translator(language)} csrfToken="token-1" />);
      expect(html).toContain(`<h1>${titles[language]}</h1>`);
      expect(html).toContain('<input type="hidden" name="_csrf" value="token-1"/>');
      expect(html).toContain('id="login-email"');
      expect(html).toContain('id="login-password"');
    }
  });

  it('never sends a typed password back, and shows what was wrong next to its field', () => {
    const html = renderFragment(
      <DeskLogin
        t={translator('nl')}
        csrfToken="token-1"
        reply={{
          form: 'login',
          values: { email: 'x@example.be', password: 'secret' },
          errors: { password: 'geef je wachtwoord' },
        }}
      />,
    );
    expect(html).toContain('value="x@example.be"');
    expect(html).not.toContain('secret');
    expect(html).toContain('aria-describedby="login-password-error"');
    expect(html).toContain('<p class="field-error" id="login-password-error">geef je wachtwoord</p>');
  });

  it('escapes a hostile name everywhere it shows one', () => {
    const html = desk(
      'nl',
      view({
        query: HOSTILE,
        found: {
          walkers: [
            {
              id: 'w1',
              name: HOSTILE,
              teamId: 't1',
              teamName: HOSTILE,
              km: null,
              feeStatus: 'pending_fee',
              raisedCents: 0,
            },
          ],
          teams: [
            {
              id: 't1',
              name: HOSTILE,
              walkers: 1,
              raisedCents: 0,
              members: [{ id: 'w1', name: HOSTILE, feeStatus: 'pending_fee', raisedCents: 0 }],
            },
          ],
        },
        pendingFees: [{ walkerId: 'w1', walkerName: HOSTILE, teamName: HOSTILE }],
        openPledges: [
          { pledgeId: 'p1', status: 'open', kind: 'fixed', beneficiaryName: HOSTILE, amountCents: 500, dueCents: 0 },
        ],
        notice: HOSTILE,
      }),
    );
    expect(html).not.toContain('<script');
    expect(html).toContain('&lt;script>alert(&quot;x&quot;)&lt;/script>');
  });

  it('counts walkers with the plural rules of each language (no "1 teams", no French plural for 0)', () => {
    const team = (walkers: number) =>
      view({
        query: 'x',
        found: { walkers: [], teams: [{ id: 't1', name: 'Zon', walkers, raisedCents: 0, members: [] }] },
      });
    const count = (count: string) => `<span id="team-t1-members">${count}</span>`;
    expect(desk('nl', team(1))).toContain(count('1 stapper'));
    expect(desk('nl', team(2100))).toContain(count('2.100 stappers'));
    expect(desk('fr', team(0))).toContain(count('0 marcheur·euse'));
    expect(desk('fr', team(2))).toContain(count('2 marcheurs·euses'));
    expect(desk('en', team(1))).toContain(count('1 walker'));
  });

  it('writes pledged amounts and distances as each language does', () => {
    const pledges = view({
      openPledges: [
        {
          pledgeId: 'p1',
          status: 'due',
          kind: 'per_km',
          beneficiaryName: 'Bram',
          amountCents: 1_250,
          dueCents: 483_300_97,
        },
      ],
      query: 'Bram',
      found: {
        walkers: [
          { id: 'w1', name: 'Bram', teamId: 't1', teamName: 'Zon', km: 12.5, feeStatus: 'paid', raisedCents: 0 },
        ],
        teams: [],
      },
    });
    const nl = desk('nl', pledges);
    expect(nl).toContain('<td>€\u00a012,50 / km</td><td>te betalen</td><td>€\u00a0483.300,97</td>');
    expect(nl).toContain('12,5 km · inschrijving betaald');
    expect(desk('fr', pledges)).toMatch(/<td>12,50\s€ \/ km<\/td><td>à payer<\/td><td>483\s300,97\s€<\/td>/);
    expect(desk('en', pledges)).toContain('<td>€12.50 / km</td><td>due</td><td>€483,300.97</td>');
  });

  it('shows a refusal under the field it concerns, and one about a field the form does not show on top of it', () => {
    const walker = {
      id: 'w1',
      name: 'Bram',
      teamId: 't1',
      teamName: 'Zon',
      km: null,
      feeStatus: 'paid',
      raisedCents: 0,
    };
    const html = desk(
      'nl',
      view({
        query: 'Bram',
        found: { walkers: [walker], teams: [] },
        reply: {
          form: 'gift-walker-w1',
          values: { amount: '5', giftKey: 'gift-key-5678' },
          errors: { receivedOn: 'niet in de toekomst', beneficiary: 'die stapper stapt niet meer mee' },
        },
      }),
    );
    expect(html).toContain('<p class="field-error" id="gift-walker-w1-receivedOn-error">niet in de toekomst</p>');
    expect(html).toContain('<p class="error-summary" role="alert">die stapper stapt niet meer mee</p>');
    // the form that came back stays open, with the key it was sent with: pressing again records one gift
    expect(html).toContain('<details open>');
    expect(html).toContain('name="giftKey" value="gift-key-5678"');
  });

  it('links each walker and team found to their page, with what they raised', () => {
    const found = view({
      query: 'Zon',
      found: {
        walkers: [
          { id: 'w1', name: 'Bram', teamId: 't1', teamName: 'Zon', km: null, feeStatus: 'paid', raisedCents: 1_234_50 },
        ],
        teams: [{ id: 't1', name: 'Zon', walkers: 0, raisedCents: 2_100_00, members: [] }],
      },
    });
    const nl = desk('nl', found);
    expect(nl).toContain('<h3><a href="/walkers/w1">Bram</a></h3>');
    expect(nl).toContain(
      '<a href="/teams/t1">Team Zon</a> · <strong class="raised">€\u00a01.234,50 opgehaald</strong>',
    );
    expect(nl).toContain('<h3><a href="/teams/t1">Team Zon</a></h3>');
    expect(nl).toContain('<strong class="raised">€\u00a02.100,00 opgehaald</strong>');
    expect(desk('fr', found)).toMatch(/<strong class="raised">1\s234,50\s€ récoltés<\/strong>/);
    expect(desk('en', found)).toContain('<strong class="raised">€2,100.00 raised</strong>');
  });

  it('lists a team’s walkers with their fee status, each a search away from the forms that concern them', () => {
    const team = view({
      query: 'Zon',
      found: {
        walkers: [],
        teams: [
          {
            id: 't1',
            name: 'Zon',
            walkers: 2,
            raisedCents: 0,
            members: [
              { id: 'w1', name: 'Amina Haddad', feeStatus: 'paid', raisedCents: 50_00 },
              { id: 'w2', name: 'Bram Peeters', feeStatus: 'pending_fee', raisedCents: 0 },
            ],
          },
        ],
      },
    });
    const nl = desk('nl', team);
    expect(nl).toContain('<ul class="members" aria-label="Stappers van team Zon">');
    expect(nl).toContain(
      '<li data-walker="w2" data-fee="pending_fee"><a href="/desk?q=Bram%20Peeters">Bram Peeters</a> · inschrijving niet betaald · €\u00a00,00 opgehaald</li>',
    );
    expect(nl).toContain('inschrijving betaald · €\u00a050,00 opgehaald');
    expect(desk('fr', team)).toContain('aria-label="Marcheurs·euses de l’équipe Zon"');
    expect(desk('fr', team)).toContain('inscription non payée');
    expect(desk('en', team)).toContain('Bram Peeters</a> · fee not paid · €0.00 raised');
  });

  it('asks for the reason of a fee waiver without suggesting one', () => {
    const walker = {
      id: 'w1',
      name: 'Bram',
      teamId: 't1',
      teamName: 'Zon',
      km: null,
      feeStatus: 'pending_fee',
      raisedCents: 0,
    };
    for (const language of LANGUAGES) {
      const html = desk(language, view({ query: 'Bram', found: { walkers: [walker], teams: [] } }));
      expect(html).toContain('<input id="fee-w1-reason" name="reason" type="text" value required/>');
    }
  });

  it('offers a gift without an e-mail address and a collective gift, saying what each means', () => {
    const html = desk(
      'nl',
      view({
        query: 'Zon',
        found: { walkers: [], teams: [{ id: 't1', name: 'Zon', walkers: 0, raisedCents: 0, members: [] }] },
      }),
    );
    expect(html).toContain('<label for="gift-team-t1-donorEmail">E-mailadres van de schenker (optioneel)</label>');
    expect(html).toContain('aria-describedby="gift-team-t1-donorEmail-hint"');
    expect(html).toContain('geen bedankmail en geen fiscaal attest');
    expect(html).toContain('<input id="gift-team-t1-collective" type="checkbox" name="collective" value="yes"/>');
    expect(html).toContain('Collectieve gift: van een groep, zoals een school');
    const fr = desk(
      'fr',
      view({
        query: 'Zon',
        found: { walkers: [], teams: [{ id: 't1', name: 'Zon', walkers: 0, raisedCents: 0, members: [] }] },
      }),
    );
    expect(fr).toContain('Don collectif\u202f: d’un groupe');
  });
});

describe('the desk’s proposed distances', () => {
  const proposed = (walkerName: string) =>
    view({
      distanceProposals: [
        {
          walkerId: 'w-1',
          proposalId: 'a'.repeat(64),
          km: 12.5,
          points: 300,
          profile: [
            [0, 10],
            [12.5, 20],
          ],
          proposedAt: '2026-09-27T16:00:00Z',
          status: 'pending',
          walkerName,
          teamName: 'Zon',
          recordedKm: null,
        },
      ],
    });

  it.each([
    ['nl', 'voorgesteld: 12,5 km', 'Goedkeuren'],
    ['fr', 'proposée\u202f: 12,5 km', 'Accepter'],
    ['en', 'proposed: 12.5 km', 'Accept'],
  ] as const)('lists each proposal in %s with a one-click accept carrying its id', (language, km, accept) => {
    const html = desk(language, proposed('Youssef'));
    expect(html).toContain(km);
    expect(html).toContain(`>${accept}</button>`);
    expect(html).toContain('action="/desk/walkers/w-1/distance-proposal"');
    expect(html).toContain(`<input type="hidden" name="proposalId" value="${'a'.repeat(64)}"/>`);
    expect(html).toContain('<svg class="track-profile"');
  });

  it('escapes a hostile walker name and says when there is nothing to accept', () => {
    const html = desk('nl', proposed(HOSTILE));
    expect(html).not.toContain(HOSTILE);
    expect(html).toContain('&lt;script>');
    expect(desk('en', view())).toContain('No distances to accept.');
  });
});

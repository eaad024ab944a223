import { LANGUAGES, type Language } from '@rw/kernel';
import { translator } from '../i18n';
import { renderFragment } from '../views/render';
import { Desk, DeskLogin, type DeskView } from './desk-page';

const HOSTILE = '<script>alert("x")</script>';

function view(overrides: Partial<DeskView> = {}): DeskView {
  return {
    query: '',
    pendingFees: [],
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
          walkers: [{ id: 'w1', name: HOSTILE, teamId: 't1', teamName: HOSTILE, km: null, feeStatus: 'pending_fee' }],
          teams: [{ id: 't1', name: HOSTILE, walkers: 2 }],
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
      view({ query: 'x', found: { walkers: [], teams: [{ id: 't1', name: 'Zon', walkers }] } });
    expect(desk('nl', team(1))).toContain('<p>1 stapper</p>');
    expect(desk('nl', team(2100))).toContain('<p>2.100 stappers</p>');
    expect(desk('fr', team(0))).toContain('<p>0 marcheur·euse</p>');
    expect(desk('fr', team(2))).toContain('<p>2 marcheurs·euses</p>');
    expect(desk('en', team(1))).toContain('<p>1 walker</p>');
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
        walkers: [{ id: 'w1', name: 'Bram', teamId: 't1', teamName: 'Zon', km: 12.5, feeStatus: 'paid' }],
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
    const walker = { id: 'w1', name: 'Bram', teamId: 't1', teamName: 'Zon', km: null, feeStatus: 'paid' };
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
});

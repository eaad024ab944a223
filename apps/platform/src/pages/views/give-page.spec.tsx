import { renderFragment } from '../../views/render';
import { emptyForm } from '../forms';
import { GivePage, type GivePageProps, givePage } from './give-page';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from './page-context.fixture';

const props = (lang: 'nl' | 'fr' | 'en', over: Partial<GivePageProps> = {}): GivePageProps => ({
  ctx: pageContextFor(lang),
  type: 'walker',
  id: 'w-1',
  name: 'Youssef',
  form: emptyForm({ attempt: 'attempt-1', amount: '5000', frequency: 'one_off', method: 'bancontact', country: 'BE' }),
  presetsCents: [2500, 5000],
  methods: [{ value: 'bancontact', label: 'Bancontact' }],
  countries: ['BE', 'NL'],
  limits: { street: 200, city: 100 },
  fees: {},
  ...over,
});

describe('the checkout page', () => {
  it.each([
    ['nl', 'Geef aan Youssef', '€\u00a050,00', 'Naar betalen', '<option value="BE" selected>België</option>'],
    [
      'fr',
      'Donner à Youssef',
      '50,00\u00a0€',
      'Continuer vers le paiement',
      '<option value="BE" selected>Belgique</option>',
    ],
    ['en', 'Give to Youssef', '€50.00', 'Continue to payment', '<option value="BE" selected>Belgium</option>'],
  ] as const)(
    'reads in %s, the presets in its money and the form token in the form',
    (lang, title, preset, button, country) => {
      const html = renderFragment(<GivePage {...props(lang)} />);
      expect(html).toContain(`<h1 dir="auto">${title}</h1>`);
      expect(html).toContain(
        `<input type="radio" name="amount" id="field-amount-1" value="5000" checked/> ${preset}</label>`,
      );
      expect(html).toContain(`<button class="primary" type="submit">${button}</button>`);
      expect(html).toContain(country);
      expect(html).toContain('<input type="hidden" name="_csrf" value="token-123"/>');
      expect(html).toContain('<input type="hidden" name="attempt" value="attempt-1"/>');
      expect(html).toContain('href="/walkers/w-1/pledge"');
    },
  );

  it('gives the form back with each error by its field and the values as typed, markup as text', () => {
    const form = emptyForm({ otherAmount: 'twintig', name: HOSTILE, email: 'jan' });
    form.errors = { otherAmount: 'Dit bedrag kunnen we niet lezen.', email: 'Vul een geldig e-mailadres in.' };
    const html = renderFragment(<GivePage {...props('nl', { name: HOSTILE, form })} />);
    expect(html).not.toContain('<script');
    expect(html).toContain(`<h1 dir="auto">Geef aan ${HOSTILE_ESCAPED}</h1>`);
    expect(html).toContain(`value="${HOSTILE_ESCAPED}"`);
    expect(html).toContain('<p class="error-summary" role="alert">Verbeter de velden hieronder.</p>');
    expect(html).toContain('aria-describedby="field-otherAmount-hint field-otherAmount-error" aria-invalid="true"');
    expect(html).toContain('<p class="field-error" id="field-email-error">Vul een geldig e-mailadres in.</p>');
    expect(html).not.toMatch(/name="amount"[^>]* checked/);
  });

  it.each([
    ['nl', 'Geef aan team Zon'],
    ['fr', 'Donner à l’équipe Zon'],
    ['en', 'Give to team Zon'],
  ] as const)('calls a team one in %s', (lang, title) => {
    const html = renderFragment(<GivePage {...props(lang, { type: 'team', id: 't-1', name: 'Zon' })} />);
    expect(html).toContain(`<h1 dir="auto">${title}</h1>`);
  });

  it('offers no pledge on the edition’s own checkout, and loads its two scripts', () => {
    const html = givePage(props('en', { type: 'edition', id: 'ed-1' }));
    expect(html).not.toContain('/pledge');
    expect(html).toContain('<form method="post" action="/editions/ed-1/give" novalidate>');
    expect(html).toMatch(/<script src="\/assets\/give-amount\.[0-9a-f]{8}\.js" defer><\/script>/);
    expect(html).toMatch(/<script src="\/assets\/checkout-tax\.[0-9a-f]{8}\.js" defer><\/script>/);
  });

  it.each([
    ['nl', 'Voeg € 0,39 toe om de betaalkosten te dekken', 'Je betaalt € 50,39.'],
    ['fr', 'Ajouter 0,39 € pour couvrir les frais de paiement', 'Vous payez 50,39 €.'],
    ['en', 'Add €0.39 to cover the payment costs', 'You pay €50.39.'],
  ] as const)('offers in %s to cover the fees, with the exact amount and total', (lang, label, total) => {
    const form = emptyForm({ amount: '5000', method: 'bancontact', coverFees: 'yes' });
    const html = renderFragment(
      <GivePage
        {...props(lang, {
          form,
          fees: { bancontact: { fixedCents: 39, basisPoints: 0 } },
          coverFees: { cents: 39, totalCents: 50_39 },
        })}
      />,
    )
      .replaceAll('\u00a0', ' ')
      .replaceAll('\u202f', ' ');
    expect(html).toContain(`>${label}</span>`);
    expect(html).toContain(`${total}</p>`);
    expect(html).toMatch(/<input type="checkbox" id="field-coverFees" name="coverFees" value="yes" checked/);
    expect(html).toContain(
      'data-fees="{&quot;bancontact&quot;:{&quot;fixedCents&quot;:39,&quot;basisPoints&quot;:0}}"',
    );
  });

  it('hides the box (until the script has an amount) when the chosen method has no estimate', () => {
    const html = renderFragment(
      <GivePage {...props('en', { fees: { creditcard: { fixedCents: 25, basisPoints: 180 } } })} />,
    );
    expect(html).toContain('<div class="field cover-fees" hidden>');
    expect(html).toContain('data-template="Add {amount} to cover the payment costs"');
  });

  it('has no box to cover the fees when no method has an estimate', () => {
    expect(renderFragment(<GivePage {...props('nl')} />)).not.toContain('coverFees');
  });
});

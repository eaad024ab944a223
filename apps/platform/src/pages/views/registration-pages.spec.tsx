import { LANGUAGES } from '@rw/kernel';
import { renderFragment } from '../../views/render';
import { emptyForm } from '../forms';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from './page-context.fixture';
import { JoinPage, RegisteredPage, RegisterPage } from './registration-pages';

const edition = {
  id: 'ed-1',
  name: 'Refugee Walk 2026',
  walkOn: '2026-09-27',
  routes: [
    {
      routeId: 'r-1',
      name: 'Officiële route',
      distanceKm: 12.5,
      kind: 'official' as const,
      registrationFeeCents: 1000,
    },
    { routeId: 'r-2', name: 'Eigen route', distanceKm: 20, kind: 'own' as const },
  ],
};

describe('the registration pages', () => {
  it.each([
    [
      'nl',
      'Officiële route (12,5 km, inschrijving €\u00a010,00)',
      'Eigen route (20 km, gratis inschrijving)',
      'Inschrijven',
    ],
    [
      'fr',
      'Officiële route (12,5 km, inscription\u00a0: 10,00\u00a0€)',
      'Eigen route (20 km, inscription gratuite)',
      'S’inscrire',
    ],
    ['en', 'Officiële route (12.5 km, registration €10.00)', 'Eigen route (20 km, free registration)', 'Register'],
  ] as const)('offer the routes in %s with their distance and fee', (lang, paid, free, button) => {
    const html = renderFragment(
      <RegisterPage ctx={pageContextFor(lang)} edition={edition} form={emptyForm({ routeId: 'r-1' })} />,
    );
    expect(html).toContain(`value="r-1" checked/> ${paid}</label>`);
    expect(html).toContain(`value="r-2"/> ${free}</label>`);
    expect(html).toContain(`<button class="primary" type="submit">${button}</button>`);
    expect(html).toContain('<form method="post" action="/editions/ed-1/register" novalidate>');
  });

  it.each(LANGUAGES)('let a walker join in %s; a refused code is said above the form', (lang) => {
    const form = emptyForm({ code: 'abc' });
    form.errors.code = 'refused';
    const html = renderFragment(<JoinPage ctx={pageContextFor(lang)} teamId="t-1" teamName="Zon" form={form} />);
    expect(html).toContain(
      `<h1>${{ nl: 'Stap mee in team Zon', fr: 'Rejoindre l’équipe Zon', en: 'Join team Zon' }[lang]}</h1>`,
    );
    expect(html).toContain('<p class="field-error" id="field-code-error">refused</p><form');
    expect(html).toContain('<input type="hidden" name="code" value="abc"/>');
  });

  it('shows a team named with markup as text', () => {
    const html = renderFragment(
      <JoinPage ctx={pageContextFor('fr')} teamId="t-1" teamName={HOSTILE} form={emptyForm()} />,
    );
    expect(html).not.toContain('<script');
    expect(html).toContain(`<h1>Rejoindre l’équipe ${HOSTILE_ESCAPED}</h1>`);
  });

  it('confirm a registration with the fee step first when the route has a fee', () => {
    const page = (feeCheckoutUrl?: string) =>
      renderFragment(
        <RegisteredPage
          ctx={pageContextFor('nl')}
          teamName={HOSTILE}
          walkerId="w-1"
          {...(feeCheckoutUrl ? { feeCheckoutUrl } : {})}
          walkerUrl="https://walk.example/walkers/w-1"
          editUrl="/walkers/w-1/edit?token=x"
          joinUrl="https://walk.example/teams/t-1/join?code=c"
        />,
      );
    const withFee = page('https://pay.example/fee');
    expect(withFee).toContain('<p class="banner">Nog één stap: betaal je inschrijvingsgeld.</p>');
    expect(withFee).toContain('<a class="button" href="/walkers/w-1">Je persoonlijke pagina</a>');
    expect(withFee).toContain(`Welkom in team ${HOSTILE_ESCAPED}!`);
    expect(withFee).not.toContain('<script');
    const free = page();
    expect(free).not.toContain('class="banner"');
    expect(free).toContain('<a class="button primary" href="/walkers/w-1">Je persoonlijke pagina</a>');
    expect(free).toContain(
      '<input id="join-url" class="share-link" type="text" readonly value="https://walk.example/teams/t-1/join?code=c"/>',
    );
  });
});

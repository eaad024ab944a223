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

  const registered = (lang: 'nl' | 'fr' | 'en', status: 'pending_fee' | 'paid' | 'waived' | 'free') =>
    renderFragment(
      <RegisteredPage
        ctx={pageContextFor(lang)}
        teamName={HOSTILE}
        walkerId="w-1"
        fee={{ status, cents: 15_00, payUrl: '/registration-fees/w-1/pay?attempt=a-123456789' }}
        walkerUrl="https://walk.example/walkers/w-1"
        editUrl="/walkers/w-1/edit?token=x"
        joinUrl="https://walk.example/teams/t-1/join?code=c"
      />,
    );

  it('confirm a registration with the fee step first while the fee is owed, and the link to pay it', () => {
    const withFee = registered('nl', 'pending_fee');
    expect(withFee).toContain('<p class="banner">Nog één stap: betaal je inschrijvingsgeld.</p>');
    expect(withFee).toContain('Je inschrijvingsgeld van €\u00a015,00 is nog niet betaald.');
    expect(withFee).toContain(
      '<a class="button primary" href="/registration-fees/w-1/pay?attempt=a-123456789">Betaal je inschrijvingsgeld</a>',
    );
    expect(withFee).toContain('<a class="button" href="/walkers/w-1">Je persoonlijke pagina</a>');
    expect(withFee).toContain(`Welkom in team ${HOSTILE_ESCAPED}!`);
    expect(withFee).not.toContain('<script');
  });

  it.each([
    ['nl', 'Je inschrijvingsgeld van €\u00a015,00 is betaald. Dank je wel!', 'Kopieer de link'],
    ['fr', 'Vos frais d’inscription de 15,00\u00a0€ sont payés. Merci\u202f!', 'Copier le lien'],
    ['en', 'Your registration fee of €15.00 is paid. Thank you!', 'Copy the link'],
  ] as const)(
    'confirm a registration in %s: the fee paid, the invitation link with its copy button',
    (lang, paid, copy) => {
      const page = registered(lang, 'paid');
      expect(page).toContain(paid);
      expect(page).not.toContain('class="banner"');
      expect(page).not.toContain('/pay?');
      expect(page).toContain('<a class="button primary" href="/walkers/w-1">');
      expect(page).toContain(
        '<input id="join-url" class="share-link" type="text" readonly value="https://walk.example/teams/t-1/join?code=c"/>',
      );
      expect(page).toContain(`<button type="button" data-copy="join-url" data-copied=`);
      expect(page).toContain(`>${copy}</button>`);
    },
  );

  it('leave the invitation out when the team takes no more walkers', () => {
    const html = renderFragment(
      <RegisteredPage
        ctx={pageContextFor('nl')}
        teamName="Zon"
        walkerId="w-1"
        fee={{ status: 'free', cents: 0, payUrl: '' }}
        walkerUrl="https://walk.example/walkers/w-1"
        editUrl="/walkers/w-1/edit?token=x"
      />,
    );
    expect(html).not.toContain('join-url');
    expect(html).toContain('Je route heeft geen inschrijvingsgeld.');
  });

  it('say when the route has no fee or the fee was waived', () => {
    expect(registered('nl', 'free')).toContain('Je route heeft geen inschrijvingsgeld.');
    expect(registered('en', 'waived')).toContain('You have no registration fee to pay: it was waived for you.');
    expect(registered('fr', 'waived')).not.toContain('/pay?');
  });
});

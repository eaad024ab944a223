import { LANGUAGES } from '@rw/kernel';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from '../pages/views/page-context.fixture';
import { renderFragment } from '../views/render';
import { SandboxCheckoutPage } from './sandbox-checkout-pages';

describe('the sandbox checkout page', () => {
  it.each(LANGUAGES)('says in %s that no real money moves, and offers the three answers of a provider', (lang) => {
    const html = renderFragment(
      <SandboxCheckoutPage
        ctx={pageContextFor(lang)}
        reference="d-1"
        amountCents={2500}
        monthly={true}
        what={{ gift: true }}
        open={true}
      />,
    );
    expect(html).toContain(
      {
        nl: 'Sandbox: hier gaat geen echt geld om.',
        fr: 'Sandbox\u202f: aucun argent réel n’est en jeu.',
        en: 'Sandbox: no real money moves here.',
      }[lang],
    );
    expect(html).toContain(
      `<p class="amount">${{ nl: '€\u00a025,00 per maand', fr: '25,00\u00a0€ par mois', en: '€25.00 a month' }[lang]}</p>`,
    );
    for (const outcome of ['paid', 'failed', 'canceled']) expect(html).toContain(`name="outcome" value="${outcome}"`);
    expect(html).toContain('<form method="post" action="/sandbox/checkout/d-1">');
  });

  it.each([
    ['nl', 'walker', 'Gift aan Youssef'],
    ['fr', 'walker', 'Don à Youssef'],
    ['fr', 'team', 'Don à l’équipe Youssef'],
    ['en', 'team', 'Gift to team Youssef'],
    ['nl', 'edition', 'Gift aan de Refugee Walk'],
  ] as const)('names in %s whom the %s gift is for', (lang, type, title) => {
    const html = renderFragment(
      <SandboxCheckoutPage
        ctx={pageContextFor(lang)}
        reference="d-1"
        amountCents={2500}
        monthly={false}
        what={{ gift: true, to: { type, name: 'Youssef' } }}
        open={true}
      />,
    );
    expect(html).toContain(`<h1 dir="auto">${title}</h1>`);
  });

  it('shows a settled gift without answers, and a fee with the walker’s name as text', () => {
    const settled = renderFragment(
      <SandboxCheckoutPage
        ctx={pageContextFor('nl')}
        reference="d-1"
        amountCents={2500}
        monthly={false}
        what={{ gift: true }}
        open={false}
      />,
    );
    expect(settled).not.toContain('name="outcome"');
    expect(settled).toContain(
      'Deze betaling is al afgehandeld. <a href="/donations/d-1/result">Bekijk het resultaat</a>',
    );
    const fee = renderFragment(
      <SandboxCheckoutPage
        ctx={pageContextFor('en')}
        reference="fee-w-1"
        amountCents={1000}
        monthly={false}
        what={{ gift: false, walkerName: HOSTILE }}
        open={true}
      />,
    );
    expect(fee).toContain(`<h1 dir="auto">Registration fee of ${HOSTILE_ESCAPED}</h1>`);
    expect(fee).not.toContain('<script');
  });
});

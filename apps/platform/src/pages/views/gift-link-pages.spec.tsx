import { LANGUAGES } from '@rw/kernel';
import { renderFragment } from '../../views/render';
import { emptyForm } from '../forms';
import { CancelMonthlyPage, PayPledgePage, PledgePage } from './gift-link-pages';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from './page-context.fixture';

describe('the pages reached from a gift’s links', () => {
  it.each([
    ['nl', '€\u00a010,00 per maand', 'Stop mijn maandelijkse gift'],
    ['fr', '10,00\u00a0€ par mois', 'Arrêter mon don mensuel'],
    ['en', '€10.00 a month', 'Stop my monthly gift'],
  ] as const)('stop a monthly gift in %s', (lang, amount, button) => {
    const props = { ctx: pageContextFor(lang), donationId: 'd-1', token: 'tok', amountCents: 1000 };
    const open = renderFragment(<CancelMonthlyPage {...props} cancelled={false} />);
    expect(open).toContain(`<p class="amount">${amount}</p>`);
    expect(open).toContain(`<button class="primary" type="submit">${button}</button>`);
    expect(open).toContain('action="/donations/d-1/cancel?token=tok"');
    const done = renderFragment(<CancelMonthlyPage {...props} cancelled={true} />);
    expect(done).not.toContain('<form');
    expect(done).toContain('role="status"');
  });

  it.each([
    [
      'nl',
      '12,5 km × €\u00a02,00 per km = €\u00a025,00, meer dan het maximum van €\u00a020,00 dat je koos: je betaalt €\u00a020,00.',
    ],
    [
      'fr',
      '12,5 km × 2,00\u00a0€ par km = 25,00\u00a0€, plus que le maximum de 20,00\u00a0€ que vous avez choisi\u202f: vous payez 20,00\u00a0€.',
    ],
    ['en', '12.5 km × €2.00 per km = €25.00, more than the maximum of €20.00 you chose: you pay €20.00.'],
  ] as const)('show in %s how a pledge per km was worked out, and carry the amount shown', (lang, workedOut) => {
    const html = renderFragment(
      <PayPledgePage
        ctx={pageContextFor(lang)}
        pledgeId="p-1"
        pledge={{
          status: 'due',
          dueCents: 2000,
          whom: HOSTILE,
          sponsorName: HOSTILE,
          kind: 'per_km',
          km: 12.5,
          amountCents: 200,
          capCents: 2000,
          changed: true,
        }}
      />,
    );
    expect(html).toContain(`<p class="worked-out">${workedOut}</p>`);
    expect(html).toContain('<input type="hidden" name="amountCents" value="2000"/>');
    expect(html).toContain('<p class="error-summary" role="alert">');
    expect(html).toContain(HOSTILE_ESCAPED);
    expect(html).not.toContain('<script');
  });

  it.each([
    [
      { kind: 'per_km', km: 10, amountCents: 200, capCents: 5000 },
      2000,
      '10 km × €2.00 per km = €20.00 (below the maximum of €50.00 you chose)',
    ],
    [{ kind: 'per_km', km: 10, amountCents: 200 }, 2000, '10 km × €2.00 per km = €20.00'],
    [{ kind: 'fixed', km: 10, amountCents: 2500 }, 2500, 'You pledged a fixed amount of €25.00.'],
  ] as const)('explain the sum of each kind of pledge (%j)', (kind, dueCents, workedOut) => {
    const html = renderFragment(
      <PayPledgePage
        ctx={pageContextFor('en')}
        pledgeId="p-1"
        pledge={{ status: 'due', dueCents, sponsorName: 'Ann', changed: false, ...kind }}
      />,
    );
    expect(html).toContain(`<p class="worked-out">${workedOut}</p>`);
  });

  it.each([
    ['nl', 'Beloof team Zon een bedrag'],
    ['fr', 'Promettre un montant à l’équipe Zon'],
    ['en', 'Pledge an amount to team Zon'],
  ] as const)('take a pledge to a team in %s, called a team', (lang, title) => {
    const html = renderFragment(
      <PledgePage ctx={pageContextFor(lang)} type="team" id="t-1" name="Zon" form={emptyForm({ attempt: 'a' })} />,
    );
    expect(html).toContain(`<h1 dir="auto">${title}</h1>`);
  });

  it('say a pledge is paid, or not due yet', () => {
    const ctx = pageContextFor('en');
    expect(
      renderFragment(<PayPledgePage ctx={ctx} pledgeId="p" pledge={{ status: 'fulfilled', donationId: 'd-9' }} />),
    ).toContain('<a href="/donations/d-9/result">See the result</a>');
    expect(renderFragment(<PayPledgePage ctx={ctx} pledgeId="p" pledge={{ status: 'not_due' }} />)).toContain(
      'This pledge is not (yet) due.',
    );
  });

  it.each(LANGUAGES)('take a pledge in %s, for a name made of markup shown as text', (lang) => {
    const html = renderFragment(
      <PledgePage ctx={pageContextFor(lang)} type="team" id="t-1" name={HOSTILE} form={emptyForm({ kind: 'fixed' })} />,
    );
    expect(html).toContain(
      `<h1 dir="auto">${{ nl: 'Beloof team ', fr: 'Promettre un montant à l’équipe ', en: 'Pledge an amount to team ' }[lang]}${HOSTILE_ESCAPED}${lang === 'nl' ? ' een bedrag' : ''}</h1>`,
    );
    expect(html).toContain('<form method="post" action="/teams/t-1/pledge" novalidate>');
    expect(html).toContain('value="fixed" checked/>');
    expect(html).not.toContain('<script');
  });
});

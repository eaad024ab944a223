import { LANGUAGES } from '@rw/kernel';
import { renderFragment } from '../../views/render';
import { emptyForm } from '../forms';
import type { RegistrationFee } from './fee-status';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from './page-context.fixture';
import { WalkerEditPage } from './walker-edit-page';

const owed: RegistrationFee = {
  status: 'pending_fee',
  cents: 15_00,
  payUrl: '/registration-fees/w-1/pay?attempt=a-1234567',
};

const page = (lang: (typeof LANGUAGES)[number], fee: RegistrationFee, name = 'Ann') =>
  renderFragment(
    <WalkerEditPage
      ctx={pageContextFor(lang)}
      walkerId="w-1"
      token="tok"
      name={name}
      form={emptyForm({ target: '500', story: '' })}
      saved={false}
      fee={fee}
    />,
  );

describe('the walker’s private page: a registration fee still owed', () => {
  it.each([
    ['nl', 'Je inschrijvingsgeld van €\u00a015,00 is nog niet betaald.', 'Betaal je inschrijvingsgeld'],
    ['fr', 'Vos frais d’inscription de 15,00\u00a0€ ne sont pas encore payés.', 'Payer vos frais d’inscription'],
    ['en', 'Your registration fee of €15.00 is not paid yet.', 'Pay your registration fee'],
  ] as const)('offers in %s to pay a fee still owed', (lang, owedText, button) => {
    const html = page(lang, owed);
    expect(html).toContain(owedText);
    expect(html).toContain(
      `<a class="button primary" href="/registration-fees/w-1/pay?attempt=a-1234567">${button}</a>`,
    );
    expect(html).toContain('<form method="post" action="/walkers/w-1/edit?token=tok" novalidate>');
  });

  it.each(['paid', 'waived', 'free'] as const)('asks nothing once the fee is %s', (status) => {
    for (const lang of LANGUAGES) expect(page(lang, { ...owed, status })).not.toContain('/pay?');
  });

  it('shows a walker named with markup as text', () => {
    const html = page('fr', owed, HOSTILE);
    expect(html).not.toContain('<script');
    expect(html).toContain(`<p class="lead">${HOSTILE_ESCAPED}</p>`);
  });
});

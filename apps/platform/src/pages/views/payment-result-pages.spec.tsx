import { renderFragment } from '../../views/render';
import { HOSTILE, HOSTILE_ESCAPED, pageContextFor } from './page-context.fixture';
import { DonationResultPage, FeeResultPage } from './payment-result-pages';

describe('the payment result pages', () => {
  const base = { donationId: 'd-1', amountCents: 123450, retryable: false };

  it.each([
    ['nl', 'Dank je wel! Je gift van €\u00a01.234,50 is ontvangen.'],
    ['fr', 'Merci\u202f! Nous avons bien reçu votre don de 1\u202f234,50\u00a0€.'],
    ['en', 'Thank you! Your gift of €1,234.50 has been received.'],
  ] as const)('thank a donor in %s once the gift is paid', (lang, thanks) => {
    const html = renderFragment(
      <DonationResultPage ctx={pageContextFor(lang)} {...base} status="paid" backTo="/walkers/w-1" />,
    );
    expect(html).toContain(`<p role="status" class="notice">${thanks}</p>`);
    expect(html).toContain('<a href="/walkers/w-1">');
    expect(html).not.toContain('<form');
  });

  it('offers a failed gift again, with its reason as text', () => {
    const html = renderFragment(
      <DonationResultPage ctx={pageContextFor('fr')} {...base} status="failed" reason={HOSTILE} retryable={true} />,
    );
    expect(html).toContain(`Votre paiement de 1\u202f234,50\u00a0€ a échoué (${HOSTILE_ESCAPED}).`);
    expect(html).toContain('<form method="post" action="/donations/d-1/retry">');
    expect(html).not.toContain('<script');
  });

  it('sends a donor whose card was declined back to the same checkout', () => {
    const html = renderFragment(
      <DonationResultPage
        ctx={pageContextFor('en')}
        {...base}
        status="pending"
        declinedCheckoutUrl="https://pay.example/c/1"
      />,
    );
    expect(html).toContain('Your payment of €1,234.50 was declined. You can try again');
    expect(html).toContain('<a class="button primary" href="https://pay.example/c/1">Try again</a>');
  });

  it('says a status it has no sentence for in words around it', () => {
    expect(renderFragment(<DonationResultPage ctx={pageContextFor('nl')} {...base} status="on_hold" />)).toContain(
      'Je gift van €\u00a01.234,50: on_hold.',
    );
  });

  it.each([
    ['paid', 'Dank je wel, &lt;script>alert(&quot;x&quot;)&lt;/script>: je inschrijvingsgeld is betaald.'],
    ['pending_fee', 'Je inschrijvingsgeld van €\u00a010,00 is nog niet betaald.'],
    ['none', 'er is geen inschrijvingsgeld te betalen.'],
  ] as const)('tell a walker where their registration fee stands (%s)', (fee, text) => {
    const html = renderFragment(
      <FeeResultPage ctx={pageContextFor('nl')} walkerId="w-1" walkerName={HOSTILE} fee={fee} feeCents={1000} />,
    );
    expect(html).toContain(text);
    expect(html).not.toContain('<script');
  });
});

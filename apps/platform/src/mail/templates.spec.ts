import type { MailToSend } from '@rw/read-models';
import { PrivateLinks } from '../accounts/private-links';
import { loadConfig } from '../config/config';
import { messageIdFor, renderMail } from './templates';

const links = new PrivateLinks(loadConfig({ AUTH_TOKEN_SECRET: 'a'.repeat(40) }));
const BASE = 'https://give.example.org';

const mail = (kind: MailToSend['kind'], language: MailToSend['language'], details: Record<string, unknown>) =>
  ({
    seq: 1,
    key: `ev-1:${kind}`,
    kind,
    recipient: 'anna@example.be',
    language,
    details,
    decidedAt: '',
    dueAt: '',
  }) satisfies MailToSend;

const captain = { teamId: 't1', teamName: 'De Stappers', joinCode: 'JOIN42', walkerId: 'w1', walkerName: 'Anna' };

describe('mail templates', () => {
  it('writes each mail in Dutch, French or English', () => {
    const subjects = (language: MailToSend['language']) => [
      renderMail(mail('team-registered', language, captain), BASE, links).subject,
      renderMail(mail('walker-joined', language, captain), BASE, links).subject,
      renderMail(mail('gift-thanks', language, { donationId: 'd1', donorName: 'P', amountCents: 2500 }), BASE, links)
        .subject,
      renderMail(
        mail('monthly-gift-confirmed', language, { donationId: 'd1', donorName: 'P', amountCents: 1000 }),
        BASE,
        links,
      ).subject,
      renderMail(mail('pledge-due', language, { pledgeId: 'p1', sponsorName: 'S', dueCents: 3000 }), BASE, links)
        .subject,
    ];
    expect(subjects('nl')).toEqual([
      'Je team De Stappers is ingeschreven',
      'Welkom in team De Stappers',
      'Bedankt voor je gift',
      'Je maandelijkse gift is gestart',
      'Je belofte is nu te betalen',
    ]);
    expect(subjects('fr')).toEqual([
      'Votre équipe De Stappers est inscrite',
      'Bienvenue dans l’équipe De Stappers',
      'Merci pour votre don',
      'Votre don mensuel a commencé',
      'Votre promesse de don est à payer',
    ]);
    expect(subjects('en')).toEqual([
      'Your team De Stappers is registered',
      'Welcome to team De Stappers',
      'Thank you for your gift',
      'Your monthly gift has started',
      'Your pledge is now due',
    ]);
  });

  it('links pages in the mail’s language; Dutch, the default, needs no lang', () => {
    const nl = renderMail(mail('pledge-due', 'nl', { pledgeId: 'p1', sponsorName: 'S', dueCents: 3000 }), BASE, links);
    expect(nl.text).toContain(`${BASE}/pledges/p1/pay\n`);
    const fr = renderMail(mail('pledge-due', 'fr', { pledgeId: 'p1', sponsorName: 'S', dueCents: 3000 }), BASE, links);
    expect(fr.text).toContain(`${BASE}/pledges/p1/pay?lang=fr\n`);
    expect(fr.html).toContain(`<html lang="fr">`);
  });

  it('escapes every user value in the HTML and keeps it as written in the text', () => {
    const evil = '<script>alert(1)</script>';
    const rendered = renderMail(
      mail('team-registered', 'nl', { ...captain, teamName: evil, walkerName: evil }),
      BASE,
      links,
    );
    expect(rendered.html).not.toContain('<script>');
    expect(rendered.html).toContain('Beste &lt;script>alert(1)&lt;/script>,');
    expect(rendered.text).toContain(`Beste ${evil},`);
  });

  it('derives the Message-ID from the mail key alone', () => {
    const rendered = renderMail(mail('walker-joined', 'nl', captain), BASE, links);
    expect(rendered.messageId).toBe(messageIdFor('ev-1:walker-joined'));
    expect(messageIdFor('ev-1:walker-joined')).not.toBe(messageIdFor('ev-2:walker-joined'));
  });
});

describe('mail templates of issue 16 (receipts, pledges, fees, stopped gifts, digests)', () => {
  const thanks = {
    donationId: 'd1',
    donorName: 'Piet',
    amountCents: 483_300_97,
    beneficiaryType: 'walker',
    beneficiaryName: 'Jan',
    paidOn: '2026-05-02',
    reference: 'd1',
  };
  const perKm = {
    pledgeId: 'p1',
    sponsorName: 'Sophie',
    kind: 'per_km',
    amountCents: 150,
    capCents: 25_00,
    beneficiaryType: 'walker',
    beneficiaryName: 'Jan',
  };
  const digest = {
    walkerId: 'w2',
    walkerName: 'Jan',
    day: '2026-05-01',
    gifts: [
      { donorName: 'Marie', amountCents: 25_00 },
      { donorName: null, amountCents: null },
    ],
  };
  const render = (kind: MailToSend['kind'], language: MailToSend['language'], details: Record<string, unknown>) =>
    renderMail(mail(kind, language, details), BASE, links);

  it('makes the thank-you a receipt: beneficiary by name, amount, the day written per language, reference', () => {
    const nl = render('gift-thanks', 'nl', thanks).text;
    expect(nl).toContain('We ontvingen je gift van €\u00a0483.300,97 voor Jan.');
    expect(nl).toContain('Bedrag: €\u00a0483.300,97\nDatum: 2 mei 2026\nReferentie: d1\n');
    const fr = render('gift-thanks', 'fr', { ...thanks, beneficiaryType: 'team', beneficiaryName: 'Les Marcheurs' });
    expect(fr.text).toContain('Nous avons reçu votre don de 483\u202f300,97\u00a0€ pour l’équipe Les Marcheurs.');
    expect(fr.text).toContain('Date\u00a0: 2 mai 2026\n');
    expect(fr.html).toContain('<th scope="row"');
    const en = render('gift-thanks', 'en', {
      ...thanks,
      beneficiaryType: 'edition',
      beneficiaryName: 'Refugee Walk 2026',
    }).text;
    expect(en).toContain('We received your gift of €483,300.97 for Refugee Walk 2026.');
    expect(en).toContain('Date: May 2, 2026\nReference: d1\n');
  });

  it('thanks for the covered payment costs apart, as part of the gift, in nl, fr and en', () => {
    const covering = { ...thanks, amountCents: 50_97, coverFeesCents: 97 };
    expect(render('gift-thanks', 'nl', covering).text).toContain(
      'We ontvingen je gift van €\u00a050,97 voor Jan.\n\nDaarvan dekt €\u00a00,97 de betaalkosten: zo komt je hele gift aan. Dank je wel!',
    );
    expect(render('gift-thanks', 'fr', covering).text).toContain(
      'Dont 0,97\u00a0€ pour couvrir les frais de paiement\u00a0: ainsi, votre don arrive entier. Merci\u202f!',
    );
    expect(render('monthly-gift-confirmed', 'en', covering).text).toContain(
      'Of this, €0.97 covers the payment costs, so your whole gift arrives. Thank you!',
    );
    expect(render('gift-thanks', 'en', thanks).text).not.toContain('payment costs');
  });

  it('tells a sponsor what they pledged, how it is counted and when they hear from us, in nl, fr and en', () => {
    const made = { ...perKm, walkOn: '2026-05-10' };
    expect(render('pledge-made', 'nl', made).text).toContain(
      'Je beloofde €\u00a01,50 per gestapte kilometer voor Jan.\n\nJe betaalt nooit meer dan €\u00a025,00.',
    );
    expect(render('pledge-made', 'nl', made).text).toContain('Na de tocht van 10 mei 2026 krijg je een mail');
    expect(render('pledge-made', 'fr', made).subject).toBe('Merci pour votre promesse de don');
    expect(render('pledge-made', 'fr', made).text).toContain('Après la marche du 10 mai 2026');
    const fixed = render('pledge-made', 'en', {
      ...made,
      kind: 'fixed',
      amountCents: 20_00,
      capCents: undefined,
      beneficiaryType: 'team',
      beneficiaryName: 'De Stappers',
    }).text;
    expect(fixed).toContain('You promised €20.00 for team De Stappers.');
    expect(fixed).toContain('The amount is fixed, however far the walk goes.');
    expect(fixed).not.toContain('at most');
  });

  it('gives the walker, the km walked, the rate and the cap in the pledge-due mail', () => {
    const due = render('pledge-due', 'nl', { ...perKm, dueCents: 25_00, km: 21.5 }).text;
    expect(due).toContain('Jan stapte 21,5\u00a0km.');
    expect(due).toContain(
      'Gestapt: 21,5\u00a0km\nPer kilometer: €\u00a01,50\nMaximum: €\u00a025,00\nTe betalen: €\u00a025,00\n',
    );
    const en = render('pledge-due', 'en', { ...perKm, capCents: undefined, dueCents: 32_25, km: 21.5 }).text;
    expect(en).toContain('Walked: 21.5\u00a0km\nPer kilometre: €1.50\nTo pay: €32.25\n');
    expect(en).not.toContain('At most');
  });

  it('confirms a paid registration fee to the walker and says who stopped a monthly gift', () => {
    const fee = render('registration-fee-paid', 'fr', {
      walkerId: 'w1',
      walkerName: 'Anna',
      teamName: 'De Stappers',
      feeCents: 15_00,
      paidOn: '2026-05-01',
      reference: 'sandbox_fee-w1',
    });
    expect(fee.subject).toBe('Vos frais d’inscription sont payés');
    expect(fee.text).toContain(
      'Montant\u00a0: 15,00\u00a0€\nDate\u00a0: 1er mai 2026\nRéférence\u00a0: sandbox_fee-w1',
    );
    const stopped = (by: string, language: MailToSend['language']) =>
      render('monthly-gift-stopped', language, {
        donationId: 'd1',
        donorName: 'Piet',
        amountCents: 10_00,
        beneficiaryType: 'team',
        beneficiaryName: 'De Stappers',
        cancelledBy: by,
      }).text;
    expect(stopped('donor', 'nl')).toContain('Je stopte hem zelf.');
    expect(stopped('finance', 'fr')).toContain('Notre organisation l’a arrêté.');
    expect(stopped('provider', 'en')).toContain('Your bank or payment service ended it');
    expect(stopped('provider', 'en')).toContain('Your monthly gift of €10.00 for team De Stappers has stopped');
  });

  it('puts the fee’s pay link in the registration and join mails while a fee is owed, none on a free route', () => {
    const owed = render('walker-joined', 'fr', { ...captain, feeCents: 15_00 }).text;
    expect(owed).toContain('Vos frais d’inscription de 15,00\u00a0€ ne sont pas encore payés.');
    expect(owed).toContain(`${BASE}/registration-fees/w1/pay?lang=fr\n`);
    expect(render('team-registered', 'nl', { ...captain, feeCents: 15_00 }).text).toContain(
      `Betaal je inschrijvingsgeld: ${BASE}/registration-fees/w1/pay\n`,
    );
    expect(render('team-registered', 'nl', { ...captain, feeCents: 0 }).text).not.toContain('/pay');
  });

  it('lists the gifts of the day in the digest, with real plurals; anonymous stays anonymous', () => {
    const nl = render('gift-digest', 'nl', digest);
    expect(nl.subject).toBe('Je kreeg 2 giften');
    expect(nl.text).toContain('Op 1 mei 2026 kreeg je 2 giften:\n\n- Marie: €\u00a025,00\n- Een anonieme sponsor\n');
    expect(render('gift-digest', 'fr', { ...digest, gifts: digest.gifts.slice(0, 1) }).subject).toBe(
      'Vous avez reçu un don',
    );
    expect(render('gift-digest', 'fr', digest).text).toContain('- Un·e donateur·rice anonyme');
    expect(render('gift-digest', 'en', digest).subject).toBe('You received 2 gifts');
    expect(render('gift-digest', 'en', digest).text).toContain(`Your page: ${BASE}/walkers/w2?lang=en`);
  });

  it('escapes hostile names of beneficiaries, donors and walkers in every new mail', () => {
    const evil = '<img src=x onerror=alert(1)>';
    const rendered = [
      render('gift-thanks', 'nl', { ...thanks, beneficiaryName: evil, donorName: evil }),
      render('pledge-made', 'fr', { ...perKm, beneficiaryName: evil, sponsorName: evil }),
      render('pledge-due', 'en', { ...perKm, beneficiaryName: evil, dueCents: 100, km: 1 }),
      render('registration-fee-paid', 'nl', { walkerId: 'w1', walkerName: evil, teamName: evil, feeCents: 1 }),
      render('monthly-gift-stopped', 'nl', { ...thanks, beneficiaryName: evil, cancelledBy: 'donor' }),
      render('gift-digest', 'en', { ...digest, walkerName: evil, gifts: [{ donorName: evil, amountCents: 1 }] }),
    ];
    for (const { html, text } of rendered) {
      expect(html).not.toContain('<img');
      expect(html).toContain('&lt;img src=x onerror=alert(1)>');
      expect(text).toContain(evil);
    }
  });
});

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

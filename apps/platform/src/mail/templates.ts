import { createHash } from 'node:crypto';
import type { MailLanguage, MailToSend } from '@rw/read-models';
import type { PrivateLinks } from '../accounts/private-links';
import { escapeHtml, euros, html, raw } from '../sandbox/html';
import type { MailMessage } from './mail-sender';

/** The Message-ID of a mail, from its key alone: the same mail always has the same id. */
export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@mail.refugeewalk>`;
}

interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  links: { label: string; href: string }[];
}

type Words = Record<MailLanguage, string>;
const pick = (words: Words, language: MailLanguage) => words[language] ?? words.nl;

const signature: Words = {
  nl: 'Bedankt, het team van de Refugee Walk',
  fr: "Merci, l'équipe de la Refugee Walk",
  en: 'Thank you, the Refugee Walk team',
};

/** Renders one mail to send as text and simple accessible HTML; every user value is escaped in the HTML. */
export function renderMail(mail: MailToSend, baseUrl: string, links: PrivateLinks): MailMessage {
  const content = contentOf(mail, baseUrl, links);
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...content.links.flatMap((l) => [`${l.label}: ${l.href}`, '']),
    pick(signature, mail.language),
  ].join('\n');
  const body = html`<!doctype html>
<html lang="${mail.language}">
<head><meta charset="utf-8"><title>${content.subject}</title></head>
<body style="font-family: sans-serif; line-height: 1.5; color: #1d1d1f;">
<p>${content.greeting}</p>
${raw(content.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n'))}
${raw(content.links.map((l) => html`<p><a href="${l.href}">${l.label}</a></p>`).join('\n'))}
<p>${pick(signature, mail.language)}</p>
</body>
</html>`;
  return { messageId: messageIdFor(mail.key), to: mail.recipient, subject: content.subject, text, html: body };
}

function contentOf(mail: MailToSend, baseUrl: string, links: PrivateLinks): Content {
  const d = mail.details;
  const lang = mail.language;
  const url = (path: string, query: Record<string, string> = {}) => {
    const params = new URLSearchParams(query);
    if (lang !== 'nl') params.set('lang', lang);
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  };
  const hello = (name: unknown) => `${pick({ nl: 'Beste', fr: 'Bonjour', en: 'Dear' }, lang)} ${String(name)},`;
  switch (mail.kind) {
    case 'team-registered': {
      const walkerId = String(d.walkerId);
      return {
        subject: pick(
          {
            nl: `Je team ${d.teamName} is ingeschreven`,
            fr: `Votre équipe ${d.teamName} est inscrite`,
            en: `Your team ${d.teamName} is registered`,
          },
          lang,
        ),
        greeting: hello(d.walkerName),
        paragraphs: [
          pick(
            {
              nl: 'Je bent kapitein van je team. Met de eerste link pas je je pagina aan; deel de tweede met wie met je team mee wil stappen.',
              fr: "Vous êtes capitaine de votre équipe. Le premier lien modifie votre page ; partagez le second avec qui veut rejoindre l'équipe.",
              en: 'You are your team’s captain. The first link edits your page; share the second with whoever wants to walk with your team.',
            },
            lang,
          ),
          `${pick({ nl: 'Deelnamecode', fr: "Code d'accès", en: 'Join code' }, lang)}: ${d.joinCode}`,
        ],
        links: [
          {
            label: pick(
              { nl: 'Pas je pagina aan (privé)', fr: 'Modifier votre page (privé)', en: 'Edit your page (private)' },
              lang,
            ),
            href: url(`/walkers/${walkerId}/edit`, { token: links.token('edit-walker', walkerId) }),
          },
          {
            label: pick(
              { nl: 'Uitnodiging voor je team', fr: 'Invitation pour votre équipe', en: 'Invitation to your team' },
              lang,
            ),
            href: url(`/teams/${String(d.teamId)}/join`, { code: String(d.joinCode) }),
          },
        ],
      };
    }
    case 'walker-joined': {
      const walkerId = String(d.walkerId);
      return {
        subject: pick(
          {
            nl: `Welkom in team ${d.teamName}`,
            fr: `Bienvenue dans l'équipe ${d.teamName}`,
            en: `Welcome to team ${d.teamName}`,
          },
          lang,
        ),
        greeting: hello(d.walkerName),
        paragraphs: [
          pick(
            {
              nl: 'Je stapt mee. Met deze link pas je je pagina aan; hou hem voor jezelf.',
              fr: 'Vous marchez avec nous. Ce lien modifie votre page ; gardez-le pour vous.',
              en: 'You are walking with us. This link edits your page; keep it to yourself.',
            },
            lang,
          ),
        ],
        links: [
          {
            label: pick(
              { nl: 'Pas je pagina aan (privé)', fr: 'Modifier votre page (privé)', en: 'Edit your page (private)' },
              lang,
            ),
            href: url(`/walkers/${walkerId}/edit`, { token: links.token('edit-walker', walkerId) }),
          },
        ],
      };
    }
    case 'gift-thanks':
      return {
        subject: pick({ nl: 'Bedankt voor je gift', fr: 'Merci pour votre don', en: 'Thank you for your gift' }, lang),
        greeting: hello(d.donorName),
        paragraphs: [
          `${pick({ nl: 'We ontvingen je gift van', fr: 'Nous avons reçu votre don de', en: 'We received your gift of' }, lang)} ${euros(Number(d.amountCents), lang)}.`,
        ],
        links: [
          {
            label: pick({ nl: 'Je gift', fr: 'Votre don', en: 'Your gift' }, lang),
            href: url(`/donations/${String(d.donationId)}/result`),
          },
        ],
      };
    case 'monthly-gift-confirmed': {
      const donationId = String(d.donationId);
      return {
        subject: pick(
          {
            nl: 'Je maandelijkse gift is gestart',
            fr: 'Votre don mensuel a commencé',
            en: 'Your monthly gift has started',
          },
          lang,
        ),
        greeting: hello(d.donorName),
        paragraphs: [
          `${pick({ nl: 'Bedankt! Elke maand geef je', fr: 'Merci ! Chaque mois vous donnez', en: 'Thank you! Each month you give' }, lang)} ${euros(Number(d.amountCents), lang)}.`,
          pick(
            {
              nl: 'Wil je stoppen? Met deze link stop je je maandelijkse gift, wanneer je wil.',
              fr: 'Vous voulez arrêter ? Ce lien arrête votre don mensuel, quand vous voulez.',
              en: 'Want to stop? This link stops your monthly gift, whenever you like.',
            },
            lang,
          ),
        ],
        links: [
          {
            label: pick(
              { nl: 'Stop je maandelijkse gift', fr: 'Arrêter votre don mensuel', en: 'Stop your monthly gift' },
              lang,
            ),
            href: url(`/donations/${donationId}/cancel`, { token: links.token('cancel-monthly-gift', donationId) }),
          },
        ],
      };
    }
    case 'pledge-due':
      return {
        subject: pick(
          { nl: 'Je belofte is nu te betalen', fr: 'Votre promesse de don est à payer', en: 'Your pledge is now due' },
          lang,
        ),
        greeting: hello(d.sponsorName),
        paragraphs: [
          `${pick({ nl: 'Er werd gestapt! Je belofte bedraagt nu', fr: 'La marche a eu lieu ! Votre promesse s’élève à', en: 'The walk is done! Your pledge now comes to' }, lang)} ${euros(Number(d.dueCents), lang)}.`,
        ],
        links: [
          {
            label: pick({ nl: 'Betaal je belofte', fr: 'Payer votre promesse', en: 'Pay your pledge' }, lang),
            href: url(`/pledges/${String(d.pledgeId)}/pay`),
          },
        ],
      };
    default: {
      const _exhaustive: never = mail.kind;
      throw new Error(`no template for mail kind ${String(_exhaustive)}`);
    }
  }
}

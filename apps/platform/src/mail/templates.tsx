import { createHash } from 'node:crypto';
import type { Language } from '@rw/kernel';
import type { MailToSend } from '@rw/read-models';
import type { PrivateLinks } from '../accounts/private-links';
import { type Translate, translator } from '../i18n';
import { formatMoney } from '../views/money';
import { renderDocument } from '../views/render';
import type { MailMessage } from './mail-sender';

/** The Message-ID of a mail, from its key alone: the same mail always has the same id. */
export function messageIdFor(key: string): string {
  return `<${createHash('sha256').update(key).digest('hex').slice(0, 32)}@mail.refugeewalk>`;
}

/** What a mail says, once: the text and the HTML versions are both made from it. */
interface Content {
  subject: string;
  greeting: string;
  paragraphs: string[];
  links: { label: string; href: string }[];
}

/** Renders one mail to send as plain text and simple accessible HTML (a component: every value escaped). */
export function renderMail(mail: MailToSend, baseUrl: string, links: PrivateLinks): MailMessage {
  const say = translator(mail.language);
  const content = contentOf(mail, say, baseUrl, links);
  const signature = say('mail.signature');
  const text = [
    content.greeting,
    '',
    ...content.paragraphs.flatMap((p) => [p, '']),
    ...content.links.flatMap((l) => [`${l.label}: ${l.href}`, '']),
    signature,
  ].join('\n');
  const html = renderDocument(<MailDocument language={mail.language} content={content} signature={signature} />);
  return { messageId: messageIdFor(mail.key), to: mail.recipient, subject: content.subject, text, html };
}

function MailDocument({ language, content, signature }: { language: Language; content: Content; signature: string }) {
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <title>{content.subject}</title>
      </head>
      <body style="font-family: sans-serif; line-height: 1.5; color: #1d1d1f;">
        <p>{content.greeting}</p>
        {content.paragraphs.map((paragraph) => (
          <p>{paragraph}</p>
        ))}
        {content.links.map((link) => (
          <p>
            <a href={link.href}>{link.label}</a>
          </p>
        ))}
        <p>{signature}</p>
      </body>
    </html>
  );
}

function contentOf(mail: MailToSend, say: Translate, baseUrl: string, links: PrivateLinks): Content {
  const d = mail.details;
  const language = mail.language;
  const url = (path: string, query: Record<string, string> = {}) => {
    const params = new URLSearchParams(query);
    if (language !== 'nl') params.set('lang', language);
    const search = params.toString();
    return `${baseUrl}${path}${search ? `?${search}` : ''}`;
  };
  const greeting = (name: unknown) => say('mail.greeting', { name: String(name) });
  const money = (cents: unknown) => formatMoney(Number(cents), language);
  switch (mail.kind) {
    case 'team-registered': {
      const walkerId = String(d.walkerId);
      return {
        subject: say('mail.teamRegistered.subject', { team: String(d.teamName) }),
        greeting: greeting(d.walkerName),
        paragraphs: [
          say('mail.teamRegistered.body'),
          say('mail.teamRegistered.joinCode', { code: String(d.joinCode) }),
        ],
        links: [
          {
            label: say('mail.teamRegistered.editLink'),
            href: url(`/walkers/${walkerId}/edit`, { token: links.token('edit-walker', walkerId) }),
          },
          {
            label: say('mail.teamRegistered.inviteLink'),
            href: url(`/teams/${String(d.teamId)}/join`, { code: String(d.joinCode) }),
          },
        ],
      };
    }
    case 'walker-joined': {
      const walkerId = String(d.walkerId);
      return {
        subject: say('mail.walkerJoined.subject', { team: String(d.teamName) }),
        greeting: greeting(d.walkerName),
        paragraphs: [say('mail.walkerJoined.body')],
        links: [
          {
            label: say('mail.walkerJoined.editLink'),
            href: url(`/walkers/${walkerId}/edit`, { token: links.token('edit-walker', walkerId) }),
          },
        ],
      };
    }
    case 'gift-thanks':
      return {
        subject: say('mail.giftThanks.subject'),
        greeting: greeting(d.donorName),
        paragraphs: [say('mail.giftThanks.body', { amount: money(d.amountCents) })],
        links: [{ label: say('mail.giftThanks.link'), href: url(`/donations/${String(d.donationId)}/result`) }],
      };
    case 'monthly-gift-confirmed': {
      const donationId = String(d.donationId);
      return {
        subject: say('mail.monthlyGiftConfirmed.subject'),
        greeting: greeting(d.donorName),
        paragraphs: [
          say('mail.monthlyGiftConfirmed.body', { amount: money(d.amountCents) }),
          say('mail.monthlyGiftConfirmed.howToStop'),
        ],
        links: [
          {
            label: say('mail.monthlyGiftConfirmed.stopLink'),
            href: url(`/donations/${donationId}/cancel`, { token: links.token('cancel-monthly-gift', donationId) }),
          },
        ],
      };
    }
    case 'pledge-due':
      return {
        subject: say('mail.pledgeDue.subject'),
        greeting: greeting(d.sponsorName),
        paragraphs: [say('mail.pledgeDue.body', { amount: money(d.dueCents) })],
        links: [{ label: say('mail.pledgeDue.payLink'), href: url(`/pledges/${String(d.pledgeId)}/pay`) }],
      };
    default: {
      const _exhaustive: never = mail.kind;
      throw new Error(`no template for mail kind ${String(_exhaustive)}`);
    }
  }
}

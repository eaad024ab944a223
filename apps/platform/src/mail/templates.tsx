import { createHash } from 'node:crypto';
import type { Language } from '@rw/kernel';
import type { DigestGift, MailToSend } from '@rw/read-models';
import type { PrivateLinks } from '../accounts/private-links';
import { type Translate, translator } from '../i18n';
import { formatDay } from '../views/day';
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
  /** A receipt's lines: amount, date, reference... */
  facts?: { label: string; value: string }[];
  /** A list (the gifts of a digest). */
  items?: string[];
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
    ...(content.facts?.length
      ? [...content.facts.map((f) => say('mail.line', { label: f.label, value: f.value })), '']
      : []),
    ...(content.items?.length ? [...content.items.map((item) => `- ${item}`), ''] : []),
    ...content.links.flatMap((l) => [say('mail.line', { label: l.label, value: l.href }), '']),
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
        {content.facts?.length ? (
          <table style="border-collapse: collapse;">
            {content.facts.map((fact) => (
              <tr>
                <th scope="row" style="text-align: left; padding: 0 1em 0 0; font-weight: normal; color: #555;">
                  {fact.label}
                </th>
                <td>{fact.value}</td>
              </tr>
            ))}
          </table>
        ) : null}
        {content.items?.length ? (
          <ul>
            {content.items.map((item) => (
              <li>{item}</li>
            ))}
          </ul>
        ) : null}
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
  /** Who a gift or pledge is for, by name: "team De Stappers", "Anna", the edition's name (else the walk itself). */
  const beneficiary = () =>
    say('mail.beneficiary', {
      type: d.beneficiaryName ? String(d.beneficiaryType) : 'unknown',
      name: String(d.beneficiaryName ?? ''),
    });
  /** The part of a gift that covers the payment costs, thanked for apart (absent when the donor did not add it). */
  const coveredFees = () =>
    Number(d.coverFeesCents) > 0 ? [say('mail.giftThanks.coveredFees', { fees: money(d.coverFeesCents) })] : [];
  /** A receipt: what was paid, the day it was paid (in Brussels), the reference finance knows it by. */
  const receipt = (amountCents: unknown, day: unknown, reference: unknown) => [
    { label: say('mail.receipt.amount'), value: money(amountCents) },
    ...(typeof day === 'string' && day ? [{ label: say('mail.receipt.date'), value: formatDay(day, language) }] : []),
    ...(reference ? [{ label: say('mail.receipt.reference'), value: String(reference) }] : []),
  ];
  /** The registration fee, while the walker has not paid it: its amount and the link that pays it. */
  const fee = (walkerId: string) =>
    Number(d.feeCents) > 0
      ? {
          paragraphs: [say('mail.fee.due', { amount: money(d.feeCents) })],
          links: [{ label: say('mail.fee.payLink'), href: url(`/registration-fees/${walkerId}/pay`) }],
        }
      : { paragraphs: [], links: [] };
  /** What a pledge promised: the fixed amount, or the rate per kilometre and the cap if any. */
  const promise = () =>
    d.kind === 'per_km'
      ? [
          say('mail.pledge.perKm', { rate: money(d.amountCents), beneficiary: beneficiary() }),
          ...(d.capCents === undefined ? [] : [say('mail.pledge.cap', { cap: money(d.capCents) })]),
        ]
      : [say('mail.pledge.fixed', { amount: money(d.amountCents), beneficiary: beneficiary() })];
  switch (mail.kind) {
    case 'team-registered': {
      const walkerId = String(d.walkerId);
      const feeDue = fee(walkerId);
      return {
        subject: say('mail.teamRegistered.subject', { team: String(d.teamName) }),
        greeting: greeting(d.walkerName),
        paragraphs: [
          say('mail.teamRegistered.body'),
          say('mail.teamRegistered.joinCode', { code: String(d.joinCode) }),
          ...feeDue.paragraphs,
        ],
        links: [
          ...feeDue.links,
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
      const feeDue = fee(walkerId);
      return {
        subject: say('mail.walkerJoined.subject', { team: String(d.teamName) }),
        greeting: greeting(d.walkerName),
        paragraphs: [say('mail.walkerJoined.body'), ...feeDue.paragraphs],
        links: [
          ...feeDue.links,
          {
            label: say('mail.walkerJoined.editLink'),
            href: url(`/walkers/${walkerId}/edit`, { token: links.token('edit-walker', walkerId) }),
          },
        ],
      };
    }
    case 'registration-fee-paid':
      return {
        subject: say('mail.registrationFeePaid.subject'),
        greeting: greeting(d.walkerName),
        paragraphs: [say('mail.registrationFeePaid.body', { team: String(d.teamName) })],
        facts: receipt(d.feeCents, d.paidOn, d.reference),
        links: [{ label: say('mail.registrationFeePaid.pageLink'), href: url(`/walkers/${String(d.walkerId)}`) }],
      };
    case 'gift-thanks':
      return {
        subject: say('mail.giftThanks.subject'),
        greeting: greeting(d.donorName),
        paragraphs: [
          say('mail.giftThanks.body', { amount: money(d.amountCents), beneficiary: beneficiary() }),
          ...coveredFees(),
          say('mail.giftThanks.receipt'),
        ],
        facts: receipt(d.amountCents, d.paidOn, d.reference),
        links: [{ label: say('mail.giftThanks.link'), href: url(`/donations/${String(d.donationId)}/result`) }],
      };
    case 'monthly-gift-confirmed': {
      const donationId = String(d.donationId);
      return {
        subject: say('mail.monthlyGiftConfirmed.subject'),
        greeting: greeting(d.donorName),
        paragraphs: [
          say('mail.monthlyGiftConfirmed.body', { amount: money(d.amountCents), beneficiary: beneficiary() }),
          ...coveredFees(),
          say('mail.monthlyGiftConfirmed.howToStop'),
        ],
        facts: receipt(d.amountCents, d.paidOn, d.reference),
        links: [
          {
            label: say('mail.monthlyGiftConfirmed.stopLink'),
            href: url(`/donations/${donationId}/cancel`, { token: links.token('cancel-monthly-gift', donationId) }),
          },
        ],
      };
    }
    case 'monthly-gift-stopped':
      return {
        subject: say('mail.monthlyGiftStopped.subject'),
        greeting: greeting(d.donorName),
        paragraphs: [
          say('mail.monthlyGiftStopped.body', { amount: money(d.amountCents), beneficiary: beneficiary() }),
          say('mail.monthlyGiftStopped.by', { by: String(d.cancelledBy) }),
          say('mail.monthlyGiftStopped.thanks'),
        ],
        facts: [{ label: say('mail.receipt.reference'), value: String(d.donationId) }],
        links: [],
      };
    case 'pledge-made':
      return {
        subject: say('mail.pledgeMade.subject'),
        greeting: greeting(d.sponsorName),
        paragraphs: [
          ...promise(),
          say(d.kind === 'per_km' ? 'mail.pledgeMade.countedPerKm' : 'mail.pledgeMade.countedFixed'),
          typeof d.walkOn === 'string' && d.walkOn
            ? say('mail.pledgeMade.whenOn', { date: formatDay(d.walkOn, language) })
            : say('mail.pledgeMade.when'),
        ],
        links: [],
      };
    case 'pledge-due':
      return {
        subject: say('mail.pledgeDue.subject'),
        greeting: greeting(d.sponsorName),
        paragraphs: [
          say('mail.pledgeDue.body', { amount: money(d.dueCents) }),
          // per km: who walked how far, then the sum (km, rate, cap) below; fixed: what was promised
          ...(d.kind === 'per_km'
            ? [say('mail.pledgeDue.walked', { beneficiary: beneficiary(), km: Number(d.km) })]
            : d.kind === 'fixed'
              ? promise()
              : []),
        ],
        facts:
          d.kind === 'per_km'
            ? [
                { label: say('mail.pledgeDue.km'), value: say('mail.pledgeDue.kmValue', { km: Number(d.km) }) },
                { label: say('mail.pledgeDue.rate'), value: money(d.amountCents) },
                ...(d.capCents === undefined ? [] : [{ label: say('mail.pledgeDue.cap'), value: money(d.capCents) }]),
                { label: say('mail.pledgeDue.due'), value: money(d.dueCents) },
              ]
            : undefined,
        links: [{ label: say('mail.pledgeDue.payLink'), href: url(`/pledges/${String(d.pledgeId)}/pay`) }],
      };
    case 'gift-digest': {
      const gifts = (Array.isArray(d.gifts) ? d.gifts : []) as DigestGift[];
      return {
        subject: say('mail.giftDigest.subject', { count: gifts.length }),
        greeting: greeting(d.walkerName),
        paragraphs: [say('mail.giftDigest.body', { count: gifts.length, day: formatDay(String(d.day), language) })],
        items: gifts.map((gift) =>
          gift.donorName === null
            ? gift.amountCents === null
              ? say('mail.giftDigest.anonymous')
              : say('mail.giftDigest.unnamed', { amount: money(gift.amountCents) })
            : gift.amountCents === null
              ? gift.donorName
              : say('mail.giftDigest.named', { name: gift.donorName, amount: money(gift.amountCents) }),
        ),
        links: [{ label: say('mail.giftDigest.pageLink'), href: url(`/walkers/${String(d.walkerId)}`) }],
      };
    }
    default: {
      const _exhaustive: never = mail.kind;
      throw new Error(`no template for mail kind ${String(_exhaustive)}`);
    }
  }
}

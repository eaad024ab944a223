import type { DatabaseSync } from 'node:sqlite';
import type { Language } from '@rw/kernel';
import { cardFigures } from '@rw/read-models';
import { qrCodeSvg } from '../../screen/give-qr';
import type { PageCard } from '../views/public-pages';
import { type CardRequest, cardETag } from './card-png';
import { CARD_HEIGHT, CARD_WIDTH, cardAlt } from './share-card';

export type CardKind = 'walker' | 'team';

/** The public address of a walker's or team's page, when the platform knows its own (a QR code needs it whole). */
export function publicPageUrl(baseUrl: string | undefined, kind: CardKind, id: string): string | undefined {
  const base = baseUrl ?? '';
  return /^https?:\/\//.test(base) ? `${base}/${kind}s/${encodeURIComponent(id)}` : undefined;
}

/** What the card endpoint draws for a walker or team in a language; undefined when there is no such page. */
export function cardRequest(
  db: DatabaseSync,
  baseUrl: string | undefined,
  kind: CardKind,
  id: string,
  language: Language,
): CardRequest | undefined {
  const figures = cardFigures(db, kind, id);
  return figures && { figures: { kind, language, ...figures }, pageUrl: publicPageUrl(baseUrl, kind, id) };
}

/**
 * The share card a walker's or team's page names in its head, and its QR code. The card's address carries its
 * version (from its ETag): social networks keep an image by address, so new figures get a new address.
 */
export async function pageCard(
  db: DatabaseSync,
  baseUrl: string | undefined,
  kind: CardKind,
  id: string,
  language: Language,
): Promise<PageCard | undefined> {
  const card = cardRequest(db, baseUrl, kind, id, language);
  if (!card) return undefined;
  const version = cardETag(card).slice(6, 14);
  const path = `/${kind}s/${encodeURIComponent(id)}`;
  return {
    image: {
      url: `${baseUrl ?? ''}${path}/card.png?lang=${language}&v=${version}`,
      width: CARD_WIDTH,
      height: CARD_HEIGHT,
      alt: cardAlt(card.figures),
    },
    qr: card.pageUrl ? { svg: await qrCodeSvg(card.pageUrl), download: `${path}/qr.svg` } : undefined,
  };
}

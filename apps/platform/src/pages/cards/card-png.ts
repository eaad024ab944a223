import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { qrCodeSvg } from '../../screen/give-qr';
import { type ShareCardFigures, shareCardSvg } from './share-card';

/**
 * DejaVu Sans as Debian installs it (package fonts-dejavu-core), looked for once at start-up. Without it the card
 * still renders, shapes and QR code, without its words: the server's fonts are never guessed at.
 */
const FONT_FILES = [
  '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf',
  '/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf',
].filter((file) => existsSync(file));

/** Rendered cards kept in memory, most recently asked for last: 128 cards of about 40 kB at most (~5 MB). */
export const CARDS_KEPT = 128;

/**
 * A version of the card's look: changing the drawing changes every ETag, so no browser or social network keeps a
 * card drawn the old way.
 */
const CARD_LOOK = 1;

export interface CardRequest {
  figures: ShareCardFigures;
  /** The public page the QR code leads to; none when the platform has no public address. */
  pageUrl?: string;
}

/** The ETag of a card: its figures (name, raised, target, language, walk) and where its QR code leads. */
export function cardETag({ figures, pageUrl }: CardRequest): string {
  const hash = createHash('sha256')
    .update(JSON.stringify([CARD_LOOK, figures, pageUrl ?? '']))
    .digest('base64url')
    .slice(0, 27);
  return `"card-${hash}"`;
}

/** A small least-recently-used store of PNGs by ETag: a Map keeps insertion order, its first key is the oldest. */
export class CardCache {
  private readonly cards = new Map<string, Promise<Buffer>>();

  constructor(private readonly kept = CARDS_KEPT) {}

  get size(): number {
    return this.cards.size;
  }

  get(key: string, draw: () => Promise<Buffer>): Promise<Buffer> {
    let card = this.cards.get(key);
    if (card) {
      this.cards.delete(key);
    } else {
      card = draw();
      // a failure is not kept: the next request draws again
      card.catch(() => this.cards.delete(key));
    }
    this.cards.set(key, card);
    while (this.cards.size > this.kept) {
      const oldest = this.cards.keys().next().value as string;
      this.cards.delete(oldest);
    }
    return card;
  }
}

/** Draws a card as a PNG of 1200×630 (with the fonts found at start-up; without any, shapes and QR code only). */
export async function drawCard({ figures, pageUrl }: CardRequest, fontFiles: string[] = FONT_FILES): Promise<Buffer> {
  const qr = pageUrl ? await qrCodeSvg(pageUrl) : undefined;
  const svg = shareCardSvg(figures, qr);
  const resvg = new Resvg(svg, {
    font: { loadSystemFonts: false, fontFiles, defaultFontFamily: 'DejaVu Sans' },
    background: '#f6f4f1',
  });
  return resvg.render().asPng();
}

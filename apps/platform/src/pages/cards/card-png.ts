import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import { qrCodeSvg } from '../../screen/give-qr';
import { DrawnCache } from '../../views/drawn-cache';
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

/** Rendered PNGs by ETag (see CARDS_KEPT). */
export class CardCache extends DrawnCache<Buffer> {
  constructor(kept = CARDS_KEPT) {
    super(kept);
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

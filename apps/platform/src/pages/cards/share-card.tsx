import type { Language } from '@rw/kernel';
import { ERASED_WALKER_NAME } from '@rw/read-models';
import { t } from '../../i18n';
import { formatMoney } from '../../views/money';
import { renderFragment } from '../../views/render';

/** The size Facebook, LinkedIn, WhatsApp and X show large (1.91:1). */
export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** The family the card asks for: DejaVu Sans, the font found on the server (see card-png.ts). */
const FONT = 'DejaVu Sans';
/** The longest name shown whole, and at full size up to NAME_LARGE; longer ones end in "…" (SVG text does not wrap). */
const NAME_MAX = 24;
const NAME_LARGE = 16;

export interface ShareCardFigures {
  kind: 'walker' | 'team';
  /** The walker's or team's name as the read model holds it (an erased walker's is ERASED_WALKER_NAME). */
  name: string;
  raisedCents: number;
  targetCents: number;
  /** The walk (edition) the page belongs to. */
  walkName: string;
  language: Language;
}

/** The name a card shows: an erased walker's name is gone, they read as "anonymous". */
export function cardName(figures: Pick<ShareCardFigures, 'name' | 'language' | 'kind'>): string {
  const name = figures.name === ERASED_WALKER_NAME ? t(figures.language, 'pages.anonymous') : figures.name;
  const letters = [...name];
  const shown =
    letters.length > NAME_MAX
      ? `${letters
          .slice(0, NAME_MAX - 1)
          .join('')
          .trimEnd()}…`
      : name;
  return figures.kind === 'team' ? t(figures.language, 'pages.teamTitle', { name: shown }) : shown;
}

/** The card in words: its SVG title, and the og:image:alt of the pages that show it. */
export function cardAlt(figures: ShareCardFigures): string {
  return t(figures.language, 'pages.cardAlt', {
    name: cardName(figures),
    raised: formatMoney(figures.raisedCents, figures.language),
    walk: figures.walkName,
  });
}

/** Whole percent of the target reached, 0 without a target, never above 100 (the bar is full). */
export function cardPercent(raisedCents: number, targetCents: number): number {
  return targetCents > 0 ? Math.min(100, Math.floor((raisedCents * 100) / targetCents)) : 0;
}

/**
 * The share card as an SVG component: the walk's name, the walker's or team's name, what is raised of the target as
 * the language writes money, a progress bar, and the page's QR code. Every text is a text child, so preact escapes a
 * name made of markup or an ampersand; the QR code comes in as an image (a data address the `qrcode` package drew).
 */
export function ShareCard({ figures, qrSvg }: { figures: ShareCardFigures; qrSvg?: string }) {
  const { language, raisedCents, targetCents } = figures;
  const percent = cardPercent(raisedCents, targetCents);
  const barWidth = 600;
  const name = cardName(figures);
  const filled = Math.round((barWidth * percent) / 100);
  const raised = `${formatMoney(raisedCents, language)} ${t(language, 'pages.raised')}`;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" width={CARD_WIDTH} height={CARD_HEIGHT} viewBox="0 0 1200 630">
      <title>{cardAlt(figures)}</title>
      <rect width="1200" height="630" fill="#f6f4f1" />
      <rect width="1200" height="18" fill="#b3261e" />
      <text x="80" y="110" font-family={FONT} font-size="34" fill="#4a4a4f">
        {figures.walkName}
      </text>
      <text
        x="80"
        y="210"
        font-family={FONT}
        font-size={[...name].length > NAME_LARGE ? 48 : 64}
        font-weight="bold"
        fill="#1d1d1f"
      >
        {name}
      </text>
      <text x="80" y="320" font-family={FONT} font-size="52" font-weight="bold" fill="#1f6f43">
        {raised}
      </text>
      {targetCents > 0 && (
        <>
          <text x="80" y="380" font-family={FONT} font-size="34" fill="#4a4a4f">
            {t(language, 'pages.ofTarget', { target: formatMoney(targetCents, language) })}
          </text>
          <rect x="80" y="420" width={barWidth} height="44" rx="22" fill="#d5d5da" />
          {filled > 0 && <rect x="80" y="420" width={Math.max(filled, 44)} height="44" rx="22" fill="#1f6f43" />}
          <text x={80 + barWidth + 24} y="455" font-family={FONT} font-size="34" font-weight="bold" fill="#1d1d1f">
            {`${percent}%`}
          </text>
        </>
      )}
      <text x="80" y="570" font-family={FONT} font-size="30" fill="#b3261e" font-weight="bold">
        {t(language, 'common.siteName')}
      </text>
      {qrSvg && (
        <>
          <rect x="880" y="130" width="260" height="260" rx="12" fill="#ffffff" />
          <image
            x="890"
            y="140"
            width="240"
            height="240"
            href={`data:image/svg+xml;base64,${Buffer.from(qrSvg).toString('base64')}`}
          />
          <text x="1010" y="440" text-anchor="middle" font-family={FONT} font-size="30" fill="#1d1d1f">
            {t(language, 'pages.cardScan')}
          </text>
        </>
      )}
    </svg>
  );
}

/** The card's SVG document, for the PNG renderer. */
export function shareCardSvg(figures: ShareCardFigures, qrSvg?: string): string {
  return renderFragment(<ShareCard figures={figures} qrSvg={qrSvg} />);
}

import { LOCALE } from '@rw/kernel';
import type { LeaderboardEntry } from '@rw/read-models';
import type { LeaderboardSnapshot, LiveGift } from '../live/live-view';
import type { Lang } from '../pages/i18n';
import { euros, html, raw } from '../sandbox/html';
import { screenMessages } from './screen-messages';

/** Rows on each board: what fits at 1920x1080 in letters readable from ten metres. */
export const SCREEN_ROWS = 8;
export const SCREEN_GIFTS = 5;

function board(lang: Lang, entries: LeaderboardEntry[], empty: string): string {
  if (entries.length === 0) return html`<li class="empty">${empty}</li>`;
  return entries
    .slice(0, SCREEN_ROWS)
    .map(
      (e) =>
        html`<li><span class="rank">${e.rank}</span><span class="name">${e.name}</span><span class="money">${euros(e.raisedCents, lang)}</span></li>`,
    )
    .join('');
}

function giftLine(lang: Lang, gift: LiveGift): string {
  const t = screenMessages[lang];
  const donor = gift.donorName === 'anonymous' ? t.anonymous : gift.donorName;
  // the id lets the script show a gift the stream sends again (a snapshot after a reconnect) only once
  return html`<li data-donation="${gift.donationId}"><span class="who">${t.forWhom(donor, gift.beneficiaryName)}</span>${
    gift.amountCents === undefined ? '' : raw(html`<span class="money">${euros(gift.amountCents, lang)}</span>`)
  }</li>`;
}

/**
 * The full-screen leaderboard, rendered with the state of now so it shows without JavaScript; /assets/screen.js
 * then follows the live stream. Its own document (no site header): it runs on a big screen at the event.
 */
export function screenPage(
  lang: Lang,
  editionName: string,
  snapshot: LeaderboardSnapshot,
  gifts: LiveGift[],
  position: bigint,
): string {
  const t = screenMessages[lang];
  const giftItems =
    gifts.length === 0 ? html`<li class="empty">${t.noGiftsYet}</li>` : gifts.map((g) => giftLine(lang, g)).join('');
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${t.title} · ${editionName}</title>
<link rel="stylesheet" href="/assets/screen.css">
<link rel="icon" href="data:,">
<script src="/assets/screen.js" defer></script>
</head>
<body class="screen" data-edition="${snapshot.editionId}" data-position="${position.toString()}" data-anonymous="${t.anonymous}" data-nobody="${t.nobodyYet}" data-for="${t.forWhom('{donor}', '{beneficiary}')}">
<main class="screen-grid">
  <header class="screen-total">
    <h1>${editionName}</h1>
    <p class="total"><strong id="total" data-cents="${snapshot.raisedCents}" data-locale="${LOCALE[lang]}">${euros(snapshot.raisedCents, lang)}</strong> <span>${t.raised}</span></p>
    <p class="supporters"><span id="supporters">${snapshot.supporters}</span> ${t.supporters}</p>
    <p id="offline" class="offline" role="status" hidden>${t.offline}</p>
  </header>
  <section class="screen-board" aria-labelledby="teams-title">
    <h2 id="teams-title">${t.topTeams}</h2>
    <ol id="top-teams" class="board">${raw(board(lang, snapshot.topTeams, t.nobodyYet))}</ol>
  </section>
  <section class="screen-board" aria-labelledby="walkers-title">
    <h2 id="walkers-title">${t.topWalkers}</h2>
    <ol id="top-walkers" class="board">${raw(board(lang, snapshot.topWalkers, t.nobodyYet))}</ol>
  </section>
  <section class="screen-ticker" aria-labelledby="gifts-title">
    <h2 id="gifts-title">${t.latestGifts}</h2>
    <ul id="gifts" class="ticker" aria-live="polite">${raw(giftItems)}</ul>
  </section>
</main>
</body>
</html>`;
}

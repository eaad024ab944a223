import { type Language, LOCALE } from '@rw/kernel';
import type { LeaderboardEntry } from '@rw/read-models';
import { type Translate, translator } from '../i18n';
import { pluralForms } from '../i18n/plural-forms';
import { type LeaderboardSnapshot, type LiveGift, TOP_ENTRIES } from '../live/live-view';
import { assetUrl } from '../views/assets';
import { JsonIsland } from '../views/json-island';
import { formatMoney } from '../views/money';
import { renderDocument } from '../views/render';

/**
 * Rows on each board and gifts on the ticker: at 1920x1080 they all fit, every name whole (wrapped on two lines,
 * and made smaller by the script when even that is too long).
 */
export const SCREEN_ROWS = TOP_ENTRIES;
export const SCREEN_GIFTS = 5;

/** The share of the goal raised, in whole percents rounded down (99.6 % is not yet the goal). */
export function goalShare(raisedCents: number, goalCents: number): number {
  return Math.floor((raisedCents * 100) / goalCents) / 100;
}

const percent = (share: number, language: Language) =>
  new Intl.NumberFormat(LOCALE[language], { style: 'percent', maximumFractionDigits: 0 }).format(share);

/** What the screen's script needs to say things as the page does: the words, the locale and the sizes. */
export interface ScreenWords {
  locale: string;
  rows: number;
  gifts: number;
  anonymous: string;
  nobodyYet: string;
  /** `{donor} voor {beneficiary}`: the script fills the two names in. */
  forWhom: string;
  sponsors: Record<string, string>;
  /** `{percent} … {goal}`: the script fills in the share and the goal as it formats them. */
  goalProgress: string;
}

export function screenWords(language: Language): ScreenWords {
  const t = translator(language);
  return {
    locale: LOCALE[language],
    rows: SCREEN_ROWS,
    gifts: SCREEN_GIFTS,
    anonymous: t('screen.anonymous'),
    nobodyYet: t('screen.nobodyYet'),
    forWhom: t('screen.forWhom', { donor: '{donor}', beneficiary: '{beneficiary}' }),
    sponsors: pluralForms(language, 'common.sponsors'),
    goalProgress: t('screen.goalProgress', { percent: '{percent}', goal: '{goal}' }),
  };
}

function Board({
  id,
  entries,
  language,
  t,
}: {
  id: string;
  entries: LeaderboardEntry[];
  language: Language;
  t: Translate;
}) {
  return (
    <ol id={id} class="board">
      {entries.length === 0 ? (
        <li class="empty">{t('screen.nobodyYet')}</li>
      ) : (
        entries.slice(0, SCREEN_ROWS).map((entry) => (
          <li key={entry.id}>
            <span class="rank">{entry.rank}</span>
            <span class="name" dir="auto">
              {entry.name}
            </span>
            <span class="money">{formatMoney(entry.raisedCents, language)}</span>
          </li>
        ))
      )}
    </ol>
  );
}

function GiftLine({ gift, language, t }: { gift: LiveGift; language: Language; t: Translate }) {
  const donor = gift.donorName === 'anonymous' ? t('screen.anonymous') : gift.donorName;
  // the id lets the script show a gift the stream sends again (a snapshot after a reconnect) only once
  return (
    <li data-donation={gift.donationId}>
      <span class="who" dir="auto">
        {t('screen.forWhom', { donor, beneficiary: gift.beneficiaryName })}
      </span>
      {gift.amountCents === undefined ? null : <span class="money">{formatMoney(gift.amountCents, language)}</span>}
    </li>
  );
}

export interface ScreenPageProps {
  language: Language;
  editionName: string;
  snapshot: LeaderboardSnapshot;
  gifts: LiveGift[];
  /** The read models' position the page shows: the stream goes on from there. */
  position: bigint;
  /** What the goal bar measures against; no bar without one. */
  goalCents?: number;
  /** The QR code to the edition's giving page (SVG made by the platform from its own address), with that address. */
  giveQr?: { url: string; svg: string };
}

/** Raised against the goal: a bar that stops full, and the share in words (past 100 % when the goal is beaten). */
function GoalBar({
  raisedCents,
  goalCents,
  language,
  t,
}: {
  raisedCents: number;
  goalCents: number;
  language: Language;
  t: Translate;
}) {
  return (
    <div class="goal">
      <progress
        id="goal"
        max={goalCents}
        value={Math.min(raisedCents, goalCents)}
        aria-label={t('screen.goalLabel')}
        aria-describedby="goal-text"
      />
      <p id="goal-text" data-goal={goalCents}>
        {t('screen.goalProgress', {
          percent: percent(goalShare(raisedCents, goalCents), language),
          goal: formatMoney(goalCents, language),
        })}
      </p>
    </div>
  );
}

/** The code a sponsor in the crowd scans to give, with what it is for. */
function GiveQr({ qr, t }: { qr: { url: string; svg: string }; t: Translate }) {
  return (
    <figure class="qr">
      <div
        class="qr-code"
        role="img"
        aria-label={t('screen.qrLabel', { url: qr.url })}
        data-url={qr.url}
        // markup the qrcode package made from an address the platform built: nothing a person typed
        dangerouslySetInnerHTML={{ __html: qr.svg }}
      />
      <figcaption>{t('screen.scanToGive')}</figcaption>
    </figure>
  );
}

/**
 * The full-screen leaderboard, rendered with the state of now so it shows without JavaScript; assets/screen.js then
 * follows the live stream. Its own document (no site header): it runs on a big screen at the event.
 */
export function ScreenPage({ language, editionName, snapshot, gifts, position, goalCents, giveQr }: ScreenPageProps) {
  const t = translator(language);
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${t('screen.title')} · ${editionName}`}</title>
        <link rel="stylesheet" href={assetUrl('screen.css')} />
        <link rel="icon" href="data:," />
        <script src={assetUrl('screen.js')} defer />
      </head>
      <body class="screen" data-edition={snapshot.editionId} data-position={position.toString()}>
        <main class="screen-grid">
          <header class="screen-total">
            <div class="headline">
              <h1 dir="auto">{editionName}</h1>
              <p class="total">
                <strong id="total" data-cents={snapshot.raisedCents}>
                  {formatMoney(snapshot.raisedCents, language)}
                </strong>{' '}
                <span>{t('screen.raised')}</span>
              </p>
              <p class="supporters" id="supporters">
                {t('common.sponsors', { count: snapshot.supporters })}
              </p>
              {goalCents === undefined ? null : (
                <GoalBar raisedCents={snapshot.raisedCents} goalCents={goalCents} language={language} t={t} />
              )}
            </div>
            {giveQr ? <GiveQr qr={giveQr} t={t} /> : null}
            <p id="offline" class="offline" role="status" hidden>
              {t('screen.offline')}
            </p>
          </header>
          <section class="screen-board" aria-labelledby="teams-title">
            <h2 id="teams-title">{t('screen.topTeams')}</h2>
            <Board id="top-teams" entries={snapshot.topTeams} language={language} t={t} />
          </section>
          <section class="screen-board" aria-labelledby="walkers-title">
            <h2 id="walkers-title">{t('screen.topWalkers')}</h2>
            <Board id="top-walkers" entries={snapshot.topWalkers} language={language} t={t} />
          </section>
          <section class="screen-ticker" aria-labelledby="gifts-title">
            <h2 id="gifts-title">{t('screen.latestGifts')}</h2>
            <ul id="gifts" class="ticker" aria-live="polite">
              {gifts.length === 0 ? (
                <li class="empty">{t('screen.noGiftsYet')}</li>
              ) : (
                gifts.map((gift) => <GiftLine key={gift.donationId} gift={gift} language={language} t={t} />)
              )}
            </ul>
          </section>
        </main>
        <JsonIsland id="screen-words" data={screenWords(language)} />
      </body>
    </html>
  );
}

export const renderScreenPage = (props: ScreenPageProps): string => renderDocument(<ScreenPage {...props} />);

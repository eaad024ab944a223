import type {
  EditionStats,
  LeaderboardEntry,
  PublicGift,
  TeamPageFacts,
  TeamView,
  Wall,
  WalkerView,
} from '@rw/read-models';
import { formatMoney } from '../../views/money';
import { Progress } from '../../views/progress';
import { richText } from '../../views/rich-text';
import { type OpenGraphImage, type PageContext, renderPage, walkDay } from '../layout';
import { LatestGifts, SearchForm, TopList } from './find-pages';

/** The words of a progress bar on the public pages. */
export const progressWords = ({ t }: PageContext) => ({
  raised: t('pages.raised'),
  ofTarget: (target: string) => t('pages.ofTarget', { target }),
  label: (percent: number) => t('pages.progressLabel', { percent }),
});

function PageProgress({
  ctx,
  raisedCents,
  targetCents,
}: {
  ctx: PageContext;
  raisedCents: number;
  targetCents: number;
}) {
  return (
    <Progress raisedCents={raisedCents} targetCents={targetCents} language={ctx.lang} words={progressWords(ctx)} />
  );
}

/** A share box: the address in a field to copy, and plain links (no third-party scripts). */
export function ShareBox({ ctx, url, text }: { ctx: PageContext; url: string; text: string }) {
  const { t } = ctx;
  const encoded = encodeURIComponent(url);
  const message = encodeURIComponent(`${text} ${url}`);
  return (
    <section class="card" aria-labelledby="share-title">
      <h2 id="share-title">{t('pages.share')}</h2>
      <label for="share-url">{t('pages.shareLink')}</label>
      <input id="share-url" class="share-link" type="text" readonly value={url} />
      <div class="actions">
        <button type="button" data-copy="share-url" data-copied={t('pages.linkCopied')} hidden>
          {t('pages.copyLink')}
        </button>
        <a class="button" href={`mailto:?subject=${encodeURIComponent(text)}&body=${message}`}>
          E-mail
        </a>
        <a class="button" href={`https://wa.me/?text=${message}`}>
          WhatsApp
        </a>
        <a class="button" href={`https://www.facebook.com/sharer/sharer.php?u=${encoded}`}>
          Facebook
        </a>
      </div>
    </section>
  );
}

/** A walker's or team's share card (the page's og:image) and, when the platform has a public address, its QR code. */
export interface PageCard {
  image: OpenGraphImage;
  /** SVG markup the qrcode package drew from the page's public address, and where to download it for print. */
  qr?: { svg: string; download: string };
}

/** The page's QR code, to print on a poster or flyer, with a link to download it. */
export function QrBox({ ctx, qr }: { ctx: PageContext; qr: NonNullable<PageCard['qr']> }) {
  const { t } = ctx;
  return (
    <section class="card page-qr" aria-labelledby="qr-title">
      <h2 id="qr-title">{t('pages.qrTitle')}</h2>
      <div
        class="page-qr-code"
        role="img"
        aria-label={t('pages.qrTitle')}
        // markup the qrcode package made from an address the platform built: nothing a person typed
        dangerouslySetInnerHTML={{ __html: qr.svg }}
      />
      <p>{t('pages.qrHint')}</p>
      <a class="button" href={qr.download} download>
        {t('pages.qrDownload')}
      </a>
    </section>
  );
}

/** A figure of the edition with its word, the word's plural chosen by the figure ("1 team", "0 équipe"). */
function Stat({
  ctx,
  count,
  word,
}: {
  ctx: PageContext;
  count: number;
  word: 'statTeams' | 'statWalkers' | 'statSponsors';
}) {
  return (
    <li>
      <strong>{ctx.t('pages.figure', { count })}</strong> {ctx.t(`pages.${word}`, { count })}
    </li>
  );
}

/** What the edition's home shows beyond its figures: the goal, the best teams and walkers, the latest gifts. */
export interface EditionHome {
  /** The edition's goal, or the sum of its teams' targets; 0: no bar. */
  goalCents: number;
  topTeams: LeaderboardEntry[];
  topWalkers: LeaderboardEntry[];
  latestGifts: PublicGift[];
}

export interface EditionPageProps {
  ctx: PageContext;
  edition: { id: string; name: string; walkOn: string };
  stats: EditionStats;
  home: EditionHome;
  url: string;
  /** After the walk: what was raised, no more invitations to register (the best teams and walkers stay below). */
  walkOver?: boolean;
}

/**
 * An edition's home page: the day, what is raised towards the goal, the figures, the ways to take part, a search
 * for anyone, the best teams and walkers and the latest gifts.
 */
export function EditionPage({ ctx, edition, stats, home, url, walkOver }: EditionPageProps) {
  const { t } = ctx;
  const date = walkDay(ctx, edition.walkOn);
  return (
    <>
      <h1>{edition.name}</h1>
      {walkOver ? (
        <p class="lead" id="results">
          {t('pages.resultsIntro', { date, amount: formatMoney(stats.raisedCents, ctx.lang) })}
        </p>
      ) : (
        <p class="lead">
          <strong>{date}</strong> · {t('pages.editionIntro')}
        </p>
      )}
      <section class="card" aria-label={t('pages.raised')}>
        <PageProgress ctx={ctx} raisedCents={stats.raisedCents} targetCents={home.goalCents} />
      </section>
      <ul class="stats">
        <Stat ctx={ctx} count={stats.teams} word="statTeams" />
        <Stat ctx={ctx} count={stats.walkers} word="statWalkers" />
        <Stat ctx={ctx} count={stats.supporters} word="statSponsors" />
      </ul>
      <div class="actions">
        {!walkOver && (
          <a class="button primary" href={`/editions/${edition.id}/register`}>
            {t('pages.registerTeam')}
          </a>
        )}
        <a class={walkOver ? 'button primary' : 'button'} href={`/editions/${edition.id}/give`}>
          {t('pages.give')}
        </a>
      </div>
      <section class="card" aria-labelledby="search-title">
        <h2 id="search-title">{t('pages.searchTitle')}</h2>
        <SearchForm ctx={ctx} editionId={edition.id} />
        <p>
          <a href={`/editions/${edition.id}/teams`}>{t('pages.allTeams')}</a>
        </p>
      </section>
      <div class="columns even">
        <TopList ctx={ctx} id="top-teams" title={t('pages.topTeams')} kind="teams" entries={home.topTeams} />
        <TopList ctx={ctx} id="top-walkers" title={t('pages.topWalkers')} kind="walkers" entries={home.topWalkers} />
      </div>
      <LatestGifts ctx={ctx} gifts={home.latestGifts} />
      <ShareBox ctx={ctx} url={url} text={edition.name} />
    </>
  );
}

export function editionPage(props: EditionPageProps): string {
  const { ctx, edition, url } = props;
  const og = { title: edition.name, description: ctx.t('pages.editionIntro'), url };
  return renderPage(ctx, { title: edition.name, og }, <EditionPage {...props} />);
}

/**
 * A wall of gifts: the newest, then how many more there are ("and 130 more gifts") instead of a silent cut. Names
 * and messages are typed by people in any script: `dir="auto"` lets each take its own direction.
 */
export function GiftWall({ ctx, wall, empty }: { ctx: PageContext; wall: Wall; empty: string }) {
  const { t } = ctx;
  if (wall.supporters.length === 0) return <p>{empty}</p>;
  const more = wall.total - wall.supporters.length;
  return (
    <>
      <ul class="wall">
        {wall.supporters.map((sponsor) => (
          <li>
            {sponsor.amountCents !== undefined && (
              <span class="gift">{formatMoney(sponsor.amountCents, ctx.lang)}</span>
            )}
            <span class="who" dir="auto">
              {sponsor.name === 'anonymous' ? t('pages.anonymous') : sponsor.name}
            </span>
            {sponsor.message && <q dir="auto">{sponsor.message}</q>}
          </li>
        ))}
      </ul>
      {more > 0 && (
        <p class="wall-more" data-more={more}>
          {t('pages.wallMore', { count: more })}
        </p>
      )}
    </>
  );
}

export interface WalkerPageProps {
  ctx: PageContext;
  walker: WalkerView;
  /** The wall of gifts to the walker, with how many there are in all. */
  wall: Wall;
  team?: { id: string; name: string };
  url: string;
  card?: PageCard;
}

export function walkerPage(props: WalkerPageProps): string {
  const { ctx, walker, url, card } = props;
  const og = {
    title: ctx.t('pages.giveTo', { name: walker.name }),
    description: walker.story.slice(0, 200) || ctx.t('pages.editionIntro'),
    url,
    image: card?.image,
  };
  return renderPage(ctx, { title: walker.name, og }, <WalkerPage {...props} />);
}

/** A walker's page: their team, what they raised, their story and the wall of their sponsors. */
export function WalkerPage({ ctx, walker, wall, team, url, card }: WalkerPageProps) {
  const { t } = ctx;
  const giveTo = t('pages.giveTo', { name: walker.name });
  return (
    <>
      <h1 dir="auto">{walker.name}</h1>
      {team && (
        <p class="lead">
          {richText((values) => t('pages.walkerOf', values), {
            team: (
              <a href={`/teams/${team.id}`} dir="auto">
                {team.name}
              </a>
            ),
          })}
        </p>
      )}
      <div class="columns">
        <div>
          <section class="card" aria-label={t('pages.raised')}>
            <PageProgress ctx={ctx} raisedCents={walker.raisedCents} targetCents={walker.targetCents} />
            <div class="actions">
              <a class="button primary" href={`/walkers/${walker.id}/give`}>
                {giveTo}
              </a>
            </div>
          </section>
          {walker.story && (
            <>
              <h2>{t('pages.story')}</h2>
              <p class="story" dir="auto">
                {walker.story}
              </p>
            </>
          )}
          <h2>{t('pages.sponsorsWall')}</h2>
          <GiftWall ctx={ctx} wall={wall} empty={t('pages.noSponsorsYet')} />
        </div>
        <div>
          <ShareBox ctx={ctx} url={url} text={giveTo} />
          {card?.qr && <QrBox ctx={ctx} qr={card.qr} />}
        </div>
      </div>
    </>
  );
}

export interface TeamPageProps {
  ctx: PageContext;
  team: TeamView;
  facts: TeamPageFacts;
  /** The wall of gifts to the team itself. */
  wall: Wall;
  /** The invitation link, for those who have the code (opened with it, or the captain's private page). */
  joinUrl?: string;
  url: string;
  card?: PageCard;
}

export function teamPage(props: TeamPageProps): string {
  const { ctx, team, facts, url, card } = props;
  const og = {
    title: ctx.t('pages.giveToTeam', { name: team.name }),
    description: facts.story.slice(0, 200) || ctx.t('pages.editionIntro'),
    url,
    image: card?.image,
  };
  return renderPage(ctx, { title: team.name, og }, <TeamPage {...props} />);
}

/**
 * A team's page: what the team raised, its story (its captain's), its walkers by what they raised with the captain
 * marked, and the wall of gifts to the team itself.
 */
export function TeamPage({ ctx, team, facts, wall, joinUrl, url, card }: TeamPageProps) {
  const { t } = ctx;
  const giveTo = t('pages.giveToTeam', { name: team.name });
  return (
    <>
      <h1 dir="auto">{t('pages.teamTitle', { name: team.name })}</h1>
      <div class="columns">
        <div>
          <section class="card" aria-label={t('pages.raised')}>
            <PageProgress ctx={ctx} raisedCents={team.raisedCents} targetCents={team.targetCents} />
            <div class="actions">
              <a class="button primary" href={`/teams/${team.id}/give`}>
                {giveTo}
              </a>
              {joinUrl && (
                <a class="button" href={joinUrl} id="join-team">
                  {t('pages.joinThisTeam')}
                </a>
              )}
            </div>
          </section>
          {facts.story && (
            <>
              <h2>{t('pages.teamStory')}</h2>
              <p class="story" dir="auto">
                {facts.story}
              </p>
            </>
          )}
          <h2>{t('pages.teamWalkers')}</h2>
          <ul class="walkers">
            {facts.members.map((walker) => (
              <li data-walker={walker.id}>
                <a href={`/walkers/${walker.id}`} dir="auto">
                  {walker.name}
                </a>
                {walker.captain && (
                  <>
                    {' '}
                    <span class="badge" data-captain="">
                      {t('pages.captainMark')}
                    </span>
                  </>
                )}
                <PageProgress ctx={ctx} raisedCents={walker.raisedCents} targetCents={walker.targetCents} />
              </li>
            ))}
          </ul>
          <h2>{t('pages.teamSponsorsWall')}</h2>
          <p class="hint">{t('pages.teamWallNote')}</p>
          <GiftWall ctx={ctx} wall={wall} empty={t('pages.noSponsorsYet')} />
        </div>
        <div>
          <ShareBox ctx={ctx} url={url} text={giveTo} />
          {card?.qr && <QrBox ctx={ctx} qr={card.qr} />}
        </div>
      </div>
    </>
  );
}

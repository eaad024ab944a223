import {
  ERASED_WALKER_NAME,
  type LeaderboardEntry,
  type PublicGift,
  type SearchResults,
  TEAMS_PER_PAGE,
  type TeamListing,
  type TeamOrder,
} from '@rw/read-models';
import { formatMoney } from '../../views/money';
import { richText } from '../../views/rich-text';
import { type PageContext, renderPage } from '../layout';

/** The longest query search takes (the JSON API refuses longer ones; the page says so). */
export const SEARCH_MAX = 100;

/** The search box: a plain GET form, so it works without JavaScript and its result page can be shared. */
export function SearchForm({
  ctx,
  editionId,
  query,
  error,
}: {
  ctx: PageContext;
  editionId: string;
  query?: string;
  /** Why the query was refused, shown under the field. */
  error?: string;
}) {
  const { t } = ctx;
  return (
    <search>
      <form class="search" method="get" action={`/editions/${editionId}/search`}>
        <label for="search-q">{t('pages.searchLabel')}</label>
        <p class="hint" id="search-hint">
          {t('pages.searchHint')}
        </p>
        {error && (
          <p class="field-error" id="search-error">
            {error}
          </p>
        )}
        <div class="search-row">
          <input
            id="search-q"
            type="search"
            name="q"
            value={query ?? ''}
            required
            maxLength={SEARCH_MAX}
            aria-describedby={error ? 'search-hint search-error' : 'search-hint'}
            aria-invalid={error ? 'true' : undefined}
            autocomplete="off"
          />
          <button type="submit" class="primary">
            {t('pages.searchButton')}
          </button>
        </div>
      </form>
    </search>
  );
}

/** A name as the pages show it: an erased walker's in the visitor's language. */
function shownName(ctx: PageContext, name: string): string {
  return name === ERASED_WALKER_NAME ? ctx.t('pages.anonymous') : name;
}

/** A name with its amount on one line of a list: the name links to its page. */
function Entry({
  ctx,
  href,
  name,
  raisedCents,
  detail,
}: {
  ctx: PageContext;
  href: string;
  name: string;
  raisedCents: number;
  detail?: string;
}) {
  return (
    <li>
      <span class="who">
        <a href={href}>{shownName(ctx, name)}</a>
        {detail && <span class="detail"> · {detail}</span>}
      </span>
      <span class="money">{formatMoney(raisedCents, ctx.lang)}</span>
    </li>
  );
}

export interface SearchPageProps {
  ctx: PageContext;
  edition: { id: string; name: string };
  query?: string;
  results?: SearchResults;
  error?: string;
}

/** The search page: the form, and what it found for the query (walkers, then teams). */
export function SearchPage({ ctx, edition, query, results, error }: SearchPageProps) {
  const { t } = ctx;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/editions/${edition.id}`}>{edition.name}</a>
      </p>
      <h1>{t('pages.searchTitle')}</h1>
      <SearchForm ctx={ctx} editionId={edition.id} query={query} error={error} />
      {query !== undefined && results && (
        <section aria-labelledby="results-title" class="search-results">
          <h2 id="results-title">{t('pages.searchResultsFor', { query })}</h2>
          <h3 id="walkers-found">{t('pages.walkersFound', { count: results.walkers.length })}</h3>
          {results.walkers.length > 0 && (
            <ul class="entries" aria-labelledby="walkers-found" data-found="walkers">
              {results.walkers.map((walker) => (
                <Entry
                  ctx={ctx}
                  href={`/walkers/${walker.slug}`}
                  name={walker.name}
                  raisedCents={walker.raisedCents}
                  detail={t('pages.inTeam', { team: walker.teamName })}
                />
              ))}
            </ul>
          )}
          <h3 id="teams-found">{t('pages.teamsFound', { count: results.teams.length })}</h3>
          {results.teams.length > 0 && (
            <ul class="entries" aria-labelledby="teams-found" data-found="teams">
              {results.teams.map((team) => (
                <Entry ctx={ctx} href={`/teams/${team.slug}`} name={team.name} raisedCents={team.raisedCents} />
              ))}
            </ul>
          )}
        </section>
      )}
      <p>
        <a href={`/editions/${edition.id}/teams`}>{t('pages.allTeams')}</a>
      </p>
    </>
  );
}

export function searchPage(props: SearchPageProps): string {
  return renderPage(props.ctx, { title: props.ctx.t('pages.searchTitle') }, <SearchPage {...props} />);
}

export interface TeamsPageProps {
  ctx: PageContext;
  edition: { id: string; name: string; routes: { routeId: string; name: string }[] };
  routeId?: string;
  order: TeamOrder;
  page: number;
  pages: number;
  total: number;
  teams: TeamListing[];
}

/** The address of a page of the team list, keeping the other choices. */
function teamsHref(editionId: string, choice: { routeId?: string; order: TeamOrder; page: number }): string {
  const query = new URLSearchParams();
  if (choice.routeId) query.set('route', choice.routeId);
  if (choice.order !== 'raised') query.set('sort', choice.order);
  if (choice.page > 1) query.set('page', String(choice.page));
  const text = query.toString();
  return `/editions/${editionId}/teams${text ? `?${text}` : ''}`;
}

/** Every team of the edition (of a route when chosen), by raised amount or by name, a page at a time, with walkers. */
export function TeamsPage({ ctx, edition, routeId, order, page, pages, total, teams }: TeamsPageProps) {
  const { t } = ctx;
  return (
    <>
      <p class="breadcrumb">
        <a href={`/editions/${edition.id}`}>{edition.name}</a>
      </p>
      <h1>{t('pages.teamsTitle', { edition: edition.name })}</h1>
      <form class="list-choice" method="get" action={`/editions/${edition.id}/teams`}>
        <div class="field">
          <label for="teams-route">{t('pages.routeFilter')}</label>
          <select id="teams-route" name="route">
            <option value="" selected={!routeId}>
              {t('pages.allRoutes')}
            </option>
            {edition.routes.map((route) => (
              <option value={route.routeId} selected={route.routeId === routeId}>
                {route.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="teams-sort">{t('pages.sortBy')}</label>
          <select id="teams-sort" name="sort">
            <option value="raised" selected={order === 'raised'}>
              {t('pages.sortRaised')}
            </option>
            <option value="name" selected={order === 'name'}>
              {t('pages.sortName')}
            </option>
          </select>
        </div>
        <button type="submit">{t('pages.show')}</button>
      </form>
      <p class="count">{t('pages.teamCount', { count: total })}</p>
      <ol class="team-list" start={(page - 1) * TEAMS_PER_PAGE + 1}>
        {teams.map((team) => (
          <li data-team={team.id}>
            <h2>
              <a href={`/teams/${team.slug}`}>{team.name}</a>
              <span class="money">{formatMoney(team.raisedCents, ctx.lang)}</span>
            </h2>
            {team.walkers.length > 0 && (
              <ul class="entries">
                {team.walkers.map((walker) => (
                  <Entry
                    ctx={ctx}
                    href={`/walkers/${walker.slug}`}
                    name={walker.name}
                    raisedCents={walker.raisedCents}
                  />
                ))}
              </ul>
            )}
          </li>
        ))}
      </ol>
      {pages > 1 && (
        <nav class="pager" aria-label={t('pages.pages')}>
          {page > 1 && (
            <a class="button" rel="prev" href={teamsHref(edition.id, { routeId, order, page: page - 1 })}>
              {t('pages.previousPage')}
            </a>
          )}
          <span aria-current="page">{t('pages.pageOf', { page, pages })}</span>
          {page < pages && (
            <a class="button" rel="next" href={teamsHref(edition.id, { routeId, order, page: page + 1 })}>
              {t('pages.nextPage')}
            </a>
          )}
        </nav>
      )}
    </>
  );
}

export function teamsPage(props: TeamsPageProps): string {
  const title = props.ctx.t('pages.teamsTitle', { edition: props.edition.name });
  return renderPage(props.ctx, { title }, <TeamsPage {...props} />);
}

/** A short ranking on the edition's home: names linked to their pages, with what each raised. */
export function TopList({
  ctx,
  title,
  id,
  kind,
  entries,
}: {
  ctx: PageContext;
  title: string;
  id: string;
  kind: 'teams' | 'walkers';
  entries: LeaderboardEntry[];
}) {
  return (
    <section class="card" aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ol class="entries">
        {entries.map((entry) => (
          <Entry ctx={ctx} href={`/${kind}/${entry.id}`} name={entry.name} raisedCents={entry.raisedCents} />
        ))}
      </ol>
    </section>
  );
}

/** Where a gift went, linked when it has a page (a walker or a team; an erased walker shows no name). */
function beneficiaryOf(ctx: PageContext, gift: PublicGift) {
  const { beneficiary } = gift;
  const name = shownName(ctx, beneficiary.name);
  if (beneficiary.type === 'edition') return <span>{name}</span>;
  return <a href={`/${beneficiary.type}s/${beneficiary.slug ?? beneficiary.id}`}>{name}</a>;
}

/** The latest gifts: an anonymous gift shows neither name nor amount; an erased donor's name shows as anonymous. */
export function LatestGifts({ ctx, gifts }: { ctx: PageContext; gifts: PublicGift[] }) {
  const { t } = ctx;
  return (
    <section class="card" aria-labelledby="latest-gifts">
      <h2 id="latest-gifts">{t('pages.latestGifts')}</h2>
      {gifts.length ? (
        <ul class="latest">
          {gifts.map((gift) => (
            <li>
              {gift.amountCents === undefined
                ? richText((values) => t('pages.latestGiftAnonymous', values), {
                    beneficiary: beneficiaryOf(ctx, gift),
                  })
                : richText((values) => t('pages.latestGift', values), {
                    donor: <strong>{gift.donorName ?? t('pages.anonymous')}</strong>,
                    amount: <strong class="gift">{formatMoney(gift.amountCents, ctx.lang)}</strong>,
                    beneficiary: beneficiaryOf(ctx, gift),
                  })}
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('pages.noGiftsYet')}</p>
      )}
    </section>
  );
}

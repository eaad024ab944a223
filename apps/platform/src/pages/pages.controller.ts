import {
  BadRequestException,
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { teamInvitation } from '@rw/fundraising';
import { brusselsDay, isLanguage } from '@rw/kernel';
import {
  editionGoal,
  editionStats,
  editionSummary,
  fundraiserIdOf,
  latestEditionId,
  latestPublicGifts,
  leaderboard,
  registrationClosed,
  searchEdition,
  TEAMS_PER_PAGE,
  type TeamOrder,
  teamsOfEdition,
  teamPageFacts,
  teamView,
  wallOf,
  walkerView,
} from '@rw/read-models';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { chooseLanguage } from '../i18n';
import { pageCard } from './cards/page-card';
import { CsrfGuard, CsrfTokens } from './csrf';
import { type PageContext, pageContext } from './layout';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { PageErrorFilter } from './page-errors';
import { SEARCH_MAX, searchPage, teamsPage } from './views/find-pages';
import { type EditionHome, editionPage, teamPage, walkerPage } from './views/public-pages';

/** How many teams and walkers the edition's home ranks, and how many of the latest gifts it shows. */
const HOME_TOP = 5;
const HOME_GIFTS = 10;
/** The furthest page of the team list asked for (4 digits); past the last page, the list is empty. */
const MAX_PAGE = 9_999;

/** One value of a query parameter: absent, or one string (`?q=a&q=b` is refused, not guessed at). */
function oneValue(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new BadRequestException(`${name} must be given once`);
  return value;
}

/** The public pages: server-rendered HTML in the visitor's language, working without JavaScript. */
@Controller()
@UseGuards(CsrfGuard)
@UseFilters(PageErrorFilter)
export class PagesController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly projections: ProjectionService,
    private readonly csrf: CsrfTokens,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Whether the edition's walk is over (Brussels days): its pages then show results and invite no one to register. */
  private isOver(walkOn: string): boolean {
    return registrationClosed(walkOn, brusselsDay(this.clock()));
  }

  private context(request: Request, response: Response): PageContext {
    return pageContext(request, response, this.csrf, this.baseUrl);
  }

  private get baseUrl(): string {
    return this.config.PUBLIC_BASE_URL ?? '';
  }

  @Get()
  home(@Req() request: Request, @Res() response: Response) {
    const editionId = latestEditionId(this.projections.db);
    if (!editionId) throw new NotFoundException('no edition yet');
    // a language asked for on the way in is remembered (its cookie) and carried to the edition's page
    const asked = isLanguage(request.query.lang) ? chooseLanguage(request, response) : undefined;
    response.redirect(302, `/editions/${encodeURIComponent(editionId)}${asked ? `?lang=${asked}` : ''}`);
  }

  @Get('editions/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  edition(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const edition = editionSummary(this.projections.db, id);
    // the same figures as GET /api/editions/:id/stats, computed once per read-model position
    const stats = this.projections.fromReadModels(JSON.stringify(['stats', id]), () =>
      editionStats(this.projections.db, id),
    );
    if (!edition || !stats) throw new NotFoundException(`no edition ${id}`);
    // read models only, and once per read-model position: the home is the page most visitors open
    const home = this.projections.fromReadModels(
      JSON.stringify(['edition-home', id]),
      (): EditionHome => ({
        goalCents: editionGoal(this.projections.db, id)?.goalCents ?? 0,
        topTeams: leaderboard(this.projections.db, id, { kind: 'teams', limit: HOME_TOP }),
        topWalkers: leaderboard(this.projections.db, id, { kind: 'walkers', limit: HOME_TOP }),
        latestGifts: latestPublicGifts(this.projections.db, id, HOME_GIFTS),
      }),
    );
    const ctx = this.context(request, response);
    const url = `${this.baseUrl}/editions/${id}`;
    return editionPage({ ctx, edition, stats, home, url, walkOver: this.isOver(edition.walkOn) });
  }

  /** Search for a walker or a team by name: the form alone, or with what a query found. */
  @Get('editions/:id/search')
  @Header('Content-Type', 'text/html; charset=utf-8')
  search(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const edition = editionSummary(this.projections.db, id);
    if (!edition) throw new NotFoundException(`no edition ${id}`);
    const query = oneValue(request.query.q, 'q')?.trim();
    const ctx = this.context(request, response);
    if (query && query.length > SEARCH_MAX) {
      // the form again, with the reason under the field (the browser's maxlength keeps most people from this)
      response.status(400);
      const error = ctx.t('pages.searchTooLong', { max: SEARCH_MAX });
      return searchPage({ ctx, edition, query: query.slice(0, SEARCH_MAX), error });
    }
    const results = query ? searchEdition(this.projections.db, id, query) : undefined;
    return searchPage({ ctx, edition, query: query || undefined, results });
  }

  /** The teams of the edition or of one route, by raised amount or by name, a page at a time, with walkers. */
  @Get('editions/:id/teams')
  @Header('Content-Type', 'text/html; charset=utf-8')
  teams(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const edition = editionSummary(this.projections.db, id);
    if (!edition) throw new NotFoundException(`no edition ${id}`);
    const routeId = oneValue(request.query.route, 'route') || undefined;
    if (routeId && !edition.routes.some((route) => route.routeId === routeId)) {
      throw new BadRequestException(`route ${routeId} is not a route of this edition`);
    }
    const sort = oneValue(request.query.sort, 'sort') ?? 'raised';
    if (sort !== 'raised' && sort !== 'name') throw new BadRequestException('sort must be raised or name');
    const pageText = oneValue(request.query.page, 'page') ?? '1';
    if (!/^[1-9]\d{0,3}$/.test(pageText)) throw new BadRequestException(`page must be a number from 1 to ${MAX_PAGE}`);
    const page = Number(pageText);
    const order: TeamOrder = sort;
    const listing = teamsOfEdition(this.projections.db, id, { routeId, order, page });
    const pages = Math.max(1, Math.ceil(listing.total / TEAMS_PER_PAGE));
    const ctx = this.context(request, response);
    return teamsPage({ ctx, edition, routeId, order, page, pages, total: listing.total, teams: listing.teams });
  }

  /** A walker's page, by id or by slug (`/walkers/anna-peeters`). */
  @Get('walkers/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async walker(@Param('id') idOrSlug: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const id = fundraiserIdOf(this.projections.db, 'walker', idOrSlug);
    const walker = id ? walkerView(this.projections.db, id) : undefined;
    if (!walker) throw new NotFoundException(`no walker ${idOrSlug}`);
    const team = teamView(this.projections.db, walker.teamId);
    const ctx = this.context(request, response);
    const wall = wallOf(this.projections.db, 'walker', walker.id);
    const card = await pageCard(this.projections.db, this.config.PUBLIC_BASE_URL, 'walker', walker.id, ctx.lang);
    return walkerPage({ ctx, walker, wall, team, url: `${this.baseUrl}/walkers/${walker.id}`, card });
  }

  /** A team's page, by id or by slug (`/teams/de-zonnestappers`). */
  @Get('teams/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async team(
    @Param('id') idOrSlug: string,
    @Query('code') code: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const id = fundraiserIdOf(this.projections.db, 'team', idOrSlug);
    const team = id ? teamView(this.projections.db, id) : undefined;
    const facts = id ? teamPageFacts(this.projections.db, id) : undefined;
    if (!team || !facts || !id) throw new NotFoundException(`no team ${idOrSlug}`);
    const ctx = this.context(request, response);
    const wall = wallOf(this.projections.db, 'team', id);
    const joinUrl = typeof code === 'string' && code ? await this.joinUrl(id, code, facts.closed) : undefined;
    const url = `${this.baseUrl}/teams/${team.id}`;
    const card = await pageCard(this.projections.db, this.config.PUBLIC_BASE_URL, 'team', id, ctx.lang);
    return teamPage({ ctx, team, facts, wall, ...(joinUrl ? { joinUrl } : {}), url, card });
  }

  /**
   * The "join this team" link, only for whoever opened the page with the team's own invitation code (the code is
   * the team's secret: it is read from the team's stream, never kept in the read models), while the team takes
   * walkers and the walk is still ahead.
   */
  private async joinUrl(teamId: string, code: string, closed: boolean): Promise<string | undefined> {
    if (closed) return undefined;
    const team = await teamInvitation(this.store, teamId);
    if (!team || team.joinCode !== code) return undefined;
    const edition = editionSummary(this.projections.db, team.editionId);
    if (!edition || this.isOver(edition.walkOn)) return undefined;
    return `/teams/${encodeURIComponent(teamId)}/join?code=${encodeURIComponent(code)}`;
  }
}

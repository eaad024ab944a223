import {
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
import { EVENT_STORE, type EventStore, loadState } from '@rw/event-store';
import { teamDecider, teamStream } from '@rw/fundraising';
import { brusselsDay, isLanguage } from '@rw/kernel';
import {
  editionStats,
  leaderboard,
  registrationClosed,
  teamPageFacts,
  teamView,
  wallOf,
  walkerView,
} from '@rw/read-models';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { chooseLanguage } from '../i18n';
import { CsrfGuard, CsrfTokens } from './csrf';
import { type PageContext, pageContext } from './layout';
import { PageErrorFilter } from './page-errors';
import { editionSummary, latestEditionId } from '@rw/read-models';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { editionPage, teamPage, walkerPage } from './views/public-pages';

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
    const ctx = this.context(request, response);
    const url = `${this.baseUrl}/editions/${id}`;
    const results = this.isOver(edition.walkOn)
      ? { topTeams: leaderboard(this.projections.db, id, { kind: 'teams', limit: 10 }) }
      : undefined;
    return editionPage({ ctx, edition, stats, url, ...(results ? { results } : {}) });
  }

  @Get('walkers/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  walker(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const walker = walkerView(this.projections.db, id);
    if (!walker) throw new NotFoundException(`no walker ${id}`);
    const team = teamView(this.projections.db, walker.teamId);
    const ctx = this.context(request, response);
    const wall = wallOf(this.projections.db, 'walker', id);
    return walkerPage({ ctx, walker, wall, team, url: `${this.baseUrl}/walkers/${id}` });
  }

  @Get('teams/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  async team(
    @Param('id') id: string,
    @Query('code') code: unknown,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const team = teamView(this.projections.db, id);
    const facts = teamPageFacts(this.projections.db, id);
    if (!team || !facts) throw new NotFoundException(`no team ${id}`);
    const ctx = this.context(request, response);
    const wall = wallOf(this.projections.db, 'team', id);
    const joinUrl = typeof code === 'string' && code ? await this.joinUrl(id, code, facts.closed) : undefined;
    return teamPage({ ctx, team, facts, wall, ...(joinUrl ? { joinUrl } : {}), url: `${this.baseUrl}/teams/${id}` });
  }

  /**
   * The "join this team" link, only for whoever opened the page with the team's own invitation code (the code is
   * the team's secret: it is read from the team's stream, never kept in the read models), while the team takes
   * walkers and the walk is still ahead.
   */
  private async joinUrl(teamId: string, code: string, closed: boolean): Promise<string | undefined> {
    if (closed) return undefined;
    const { state } = await loadState(this.store, teamStream(teamId), teamDecider);
    if (state.status !== 'registered' || state.joinCode !== code) return undefined;
    const edition = editionSummary(this.projections.db, state.editionId);
    if (!edition || this.isOver(edition.walkOn)) return undefined;
    return `/teams/${encodeURIComponent(teamId)}/join?code=${encodeURIComponent(code)}`;
  }
}

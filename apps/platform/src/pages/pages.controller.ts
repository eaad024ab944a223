import { Controller, Get, Header, NotFoundException, Param, Req, Res, UseFilters, UseGuards } from '@nestjs/common';
import { isLanguage } from '@rw/kernel';
import { editionStats, teamView, walkerView } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { chooseLanguage } from '../i18n';
import { CsrfGuard, CsrfTokens } from './csrf';
import { type PageContext, pageContext } from './layout';
import { PageErrorFilter } from './page-errors';
import { editionSummary, latestEditionId, walkerTargets } from '@rw/read-models';
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
  ) {}

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
    return editionPage({ ctx, edition, stats, url });
  }

  @Get('walkers/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  walker(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const walker = walkerView(this.projections.db, id);
    if (!walker) throw new NotFoundException(`no walker ${id}`);
    const team = teamView(this.projections.db, walker.teamId);
    const ctx = this.context(request, response);
    return walkerPage({ ctx, walker, team, url: `${this.baseUrl}/walkers/${id}` });
  }

  @Get('teams/:id')
  @Header('Content-Type', 'text/html; charset=utf-8')
  team(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const team = teamView(this.projections.db, id);
    if (!team) throw new NotFoundException(`no team ${id}`);
    const ctx = this.context(request, response);
    const walkers = walkerTargets(this.projections.db, id);
    return teamPage({ ctx, team, walkerTargets: walkers, url: `${this.baseUrl}/teams/${id}` });
  }
}

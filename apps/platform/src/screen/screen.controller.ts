import { Controller, Get, Header, NotFoundException, Param, Req, Res, UseFilters } from '@nestjs/common';
import type { Request, Response } from 'express';
import { ProjectionService } from '../infrastructure/projection.service';
import { LiveBroadcaster } from '../live/live-broadcaster';
import { leaderboardSnapshot } from '../live/live-view';
import { chooseLanguage } from '../i18n';
import { PageErrorFilter } from '../pages/page-errors';
import { editionSummary } from '@rw/read-models';
import { renderScreenPage, SCREEN_GIFTS } from './screen-page';

/** The leaderboard screen for the big screen at the event. */
@Controller('editions')
@UseFilters(PageErrorFilter)
export class ScreenController {
  constructor(
    private readonly projections: ProjectionService,
    private readonly broadcaster: LiveBroadcaster,
  ) {}

  @Get(':id/screen')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  screen(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response): string {
    const edition = editionSummary(this.projections.db, id);
    if (!edition) throw new NotFoundException(`no edition ${id}`);
    // read the position first: the stream then sends anything applied after it, never less
    const position = this.broadcaster.readModelPosition() ?? 0n;
    const db = this.projections.db;
    return renderScreenPage({
      language: chooseLanguage(request, response),
      editionName: edition.name,
      snapshot: leaderboardSnapshot(db, id),
      gifts: this.broadcaster.latestGifts(id, SCREEN_GIFTS),
      position,
    });
  }
}

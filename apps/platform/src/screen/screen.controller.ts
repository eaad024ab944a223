import { Controller, Get, Header, NotFoundException, Param, Req, Res, UseFilters } from '@nestjs/common';
import { editionGoal } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { LiveBroadcaster } from '../live/live-broadcaster';
import { leaderboardSnapshot } from '../live/live-view';
import { chooseLanguage } from '../i18n';
import { PageErrorFilter } from '../pages/page-errors';
import { editionSummary } from '@rw/read-models';
import { qrCodeSvg } from './give-qr';
import { renderScreenPage, SCREEN_GIFTS } from './screen-page';

/** The leaderboard screen for the big screen at the event. */
@Controller('editions')
@UseFilters(PageErrorFilter)
export class ScreenController {
  constructor(
    private readonly projections: ProjectionService,
    private readonly broadcaster: LiveBroadcaster,
    private readonly config: PlatformConfig,
  ) {}

  @Get(':id/screen')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async screen(
    @Param('id') id: string,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const edition = editionSummary(this.projections.db, id);
    if (!edition) throw new NotFoundException(`no edition ${id}`);
    // read the position first: the stream then sends anything applied after it, never less
    const position = this.broadcaster.readModelPosition() ?? 0n;
    const db = this.projections.db;
    const snapshot = leaderboardSnapshot(db, edition.id);
    const gifts = this.broadcaster.latestGifts(edition.id, SCREEN_GIFTS);
    const goal = editionGoal(db, edition.id);
    // a code is only worth showing with the platform's public address: a phone cannot open a path alone
    const base = this.config.PUBLIC_BASE_URL ?? '';
    const giveUrl = /^https?:\/\//.test(base) ? `${base}/editions/${encodeURIComponent(edition.id)}/give` : undefined;
    return renderScreenPage({
      language: chooseLanguage(request, response),
      editionName: edition.name,
      snapshot,
      gifts,
      position,
      goalCents: goal?.goalCents,
      giveQr: giveUrl ? { url: giveUrl, svg: await qrCodeSvg(giveUrl) } : undefined,
    });
  }
}

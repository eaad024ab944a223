import { createHash } from 'node:crypto';
import { moneyInputText } from '@rw/kernel';
import {
  Controller,
  ForbiddenException,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { DomainError } from '@rw/event-store';
import {
  ExecuteWalkerCommand,
  MAX_KM,
  MAX_TRACK_BYTES,
  MAX_WALKING_KMH,
  readTrack,
  type TrackProblem,
} from '@rw/fundraising';
import { distanceProposalOf, walkerView } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import type { Translate } from '../i18n';
import { refusal } from '../i18n';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { CsrfTokens } from './csrf';
import { emptyForm } from './forms';
import { pageContext } from './layout';
import { readUpload } from './multipart';
import { PageErrorFilter } from './page-errors';
import { walkerEditPage } from './views/walker-edit-page';

const MB = MAX_TRACK_BYTES / 1024 / 1024;

/**
 * A walker uploads the track of their walk from their private edit page: it is measured and proposed as their
 * distance, for an organiser to accept on the desk. Only the numbers the track summary keeps are written.
 */
@Controller('walkers/:id/edit/track')
@UseFilters(PageErrorFilter)
export class WalkerTrackController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly csrf: CsrfTokens,
    private readonly links: PrivateLinks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  async upload(
    @Param('id') id: string,
    @Query('token') token: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    if (!this.links.verify('edit-walker', id, token)) throw new ForbiddenException('this link does not edit this page');
    const walker = walkerView(this.projections.db, id);
    if (!walker) throw new NotFoundException(`no walker ${id}`);
    // the form is multipart: its CSRF token can only be checked once the body is read (a guard runs before)
    const upload = await readUpload(request, response, 'track', MAX_TRACK_BYTES);
    if (!this.csrf.verify(request)) throw new ForbiddenException('the form token is missing or wrong');
    const ctx = pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
    const refuse = (message: string) =>
      response
        .status(400)
        .type('text/html; charset=utf-8')
        .send(
          walkerEditPage({
            ctx,
            walkerId: id,
            token: token as string,
            name: walker.name,
            form: emptyForm({ story: walker.story, target: moneyInputText(walker.targetCents, ctx.lang) }),
            saved: false,
            proposal: distanceProposalOf(this.projections.db, id),
            trackForm: { values: {}, errors: { track: message } },
          }),
        );
    if (upload.tooLarge) return refuse(ctx.t('pages.trackTooLarge', { mb: MB }));
    if (!upload.file || upload.file.size === 0) return refuse(ctx.t('pages.trackMissing'));
    const reading = readTrack(upload.file.buffer);
    if (!reading.ok) return refuse(problemMessage(ctx.t, reading.problem));
    const { track } = reading;
    try {
      const outcome = await this.commands.execute(
        new ExecuteWalkerCommand(
          {
            type: 'ProposeDistance',
            walkerId: id,
            // the same file sent twice (a double click, a reload) is the same proposal
            proposalId: createHash('sha256').update(upload.file.buffer).digest('hex'),
            km: track.km,
            source: 'gpx',
            points: track.points,
            ...(track.durationSeconds === undefined ? {} : { durationSeconds: track.durationSeconds }),
            ...(track.profile === undefined ? {} : { profile: track.profile }),
            at: this.clock().toISOString(),
          },
          { correlationId: String(request.id) },
        ),
      );
      await this.projections.settled(outcome.position);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      return refuse(refusal(ctx.lang, error).message);
    }
    response.redirect(
      303,
      `/walkers/${encodeURIComponent(id)}/edit?token=${encodeURIComponent(token as string)}#track`,
    );
  }
}

function problemMessage(t: Translate, problem: TrackProblem): string {
  switch (problem) {
    case 'too_large':
      return t('pages.trackTooLarge', { mb: MB });
    case 'not_gpx':
      return t('pages.trackNotGpx');
    case 'no_points':
      return t('pages.trackNoPoints');
    case 'one_point':
      return t('pages.trackOnePoint');
    case 'too_fast':
      return t('pages.trackTooFast', { kmh: MAX_WALKING_KMH });
    case 'too_long':
      return t('pages.trackTooLong', { max: MAX_KM });
    default: {
      const _exhaustive: never = problem;
      return _exhaustive;
    }
  }
}

import { createHash } from 'node:crypto';
import { brusselsDay, centsOf, moneyInputText } from '@rw/kernel';
import {
  Body,
  Controller,
  ForbiddenException,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { type CommandOutcome, DomainError, EVENT_STORE, type EventStore } from '@rw/event-store';
import {
  ChangeWalkerPageCommand,
  ExecuteWalkerCommand,
  MAX_KM,
  MAX_TRACK_BYTES,
  MAX_WALKING_KMH,
  readTrack,
  STORY_MAX_LENGTH,
  teamInvitation,
  type WalkerEvent,
  WalkerPageRefused,
  type TrackProblem,
  type WalkerState,
} from '@rw/fundraising';
import { distanceProposalOf, walkerView } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import { refusal, type Translate } from '../i18n';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { CsrfGuard, CsrfTokens } from './csrf';
import { refuseInto } from './form-refusals';
import { emptyForm, type FormState, formValues } from './forms';
import { type PageContext, pageContext } from './layout';
import { readUpload } from './multipart';
import { PageErrorFilter } from './page-errors';
import { editionSummary, registrationClosed, walkerEdition } from '@rw/read-models';
import { walkerEditPage } from './views/walker-edit-page';

/**
 * A walker edits their story and target through the private link from their confirmation (no password), and
 * proposes the distance they walked from their GPX track.
 */
@Controller('walkers/:id/edit')
@UseFilters(PageErrorFilter)
export class WalkerEditController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly csrf: CsrfTokens,
    private readonly links: PrivateLinks,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  async show(
    @Param('id') id: string,
    @Query('token') token: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    this.checkLink(id, token);
    const walker = walkerView(this.projections.db, id);
    if (!walker) throw new NotFoundException(`no walker ${id}`);
    const ctx = pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
    return this.render(
      ctx,
      id,
      token as string,
      walker.name,
      emptyForm({ story: walker.story, target: moneyInputText(walker.targetCents, ctx.lang) }),
      await this.inviteUrl(id, walker.teamId),
    );
  }

  @Post()
  @UseGuards(CsrfGuard)
  async save(
    @Param('id') id: string,
    @Query('token') token: string | undefined,
    @Body() body: unknown,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.checkLink(id, token);
    const walker = walkerView(this.projections.db, id);
    const edition = walkerEdition(this.projections.db, id);
    if (!walker || !edition) throw new NotFoundException(`no walker ${id}`);
    const ctx = pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
    const { t } = ctx;
    const form = emptyForm(formValues(body, ['story', 'target']));
    const targetCents = centsOf(form.values.target ?? '');
    if (targetCents === undefined) form.errors.target = t('pages.errorTarget');
    if ((form.values.story ?? '').length > STORY_MAX_LENGTH)
      form.errors.story = t('pages.errorTooLong', { max: STORY_MAX_LENGTH });
    let saved: CommandOutcome<WalkerEvent, WalkerState> | undefined;
    if (Object.keys(form.errors).length === 0) {
      try {
        saved = await this.commands.execute(
          new ChangeWalkerPageCommand(
            {
              type: 'ChangeWalkerPage',
              walkerId: id,
              story: form.values.story ?? '',
              targetCents: targetCents ?? 0,
              walkerMinimumCents: edition.walkerMinimumCents,
              at: this.clock().toISOString(),
            },
            { correlationId: String(request.id) },
          ),
        );
      } catch (error) {
        // both changes are refused together: a refused target leaves the story unchanged too
        if (!(error instanceof WalkerPageRefused)) throw error;
        for (const refused of error.refusals)
          refuseInto(form, ctx.lang, refused.error, () => refused.field, refused.field);
      }
    }
    if (!saved) {
      response
        .status(400)
        .type('text/html; charset=utf-8')
        .send(this.render(ctx, id, token as string, walker.name, form));
      return;
    }
    await this.projections.settled(saved.position);
    response.redirect(
      303,
      `/walkers/${encodeURIComponent(id)}/edit?token=${encodeURIComponent(token as string)}&saved=1`,
    );
  }

  /**
   * The walker's GPX track: measured and proposed as their distance, for an organiser to accept on the desk. Only
   * the numbers the track summary keeps are written. The form is multipart, so its CSRF token is checked here once
   * the body is read (a guard runs before the body is), before anything else.
   */
  @Post('track')
  async uploadTrack(
    @Param('id') id: string,
    @Query('token') token: string | undefined,
    @Req() request: Request,
    @Res() response: Response,
  ) {
    this.checkLink(id, token);
    const walker = walkerView(this.projections.db, id);
    if (!walker) throw new NotFoundException(`no walker ${id}`);
    const upload = await readUpload(request, response, 'track', MAX_TRACK_BYTES);
    if (!this.csrf.verify(request)) throw new ForbiddenException('the form token is missing or wrong');
    const ctx = pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
    const refuse = async (message: string) => {
      const form = emptyForm({ story: walker.story, target: moneyInputText(walker.targetCents, ctx.lang) });
      const trackForm = { values: {}, errors: { track: message } };
      const invite = await this.inviteUrl(id, walker.teamId);
      response
        .status(400)
        .type('text/html; charset=utf-8')
        .send(this.render(ctx, id, token as string, walker.name, form, invite, trackForm));
    };
    if (upload.tooLarge) return refuse(ctx.t('pages.trackTooLarge', { mb: TRACK_MB }));
    if (!upload.file || upload.file.size === 0) return refuse(ctx.t('pages.trackMissing'));
    const reading = readTrack(upload.file.buffer);
    if (!reading.ok) return refuse(trackProblemMessage(ctx.t, reading.problem));
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

  private checkLink(id: string, token: string | undefined): void {
    if (!this.links.verify('edit-walker', id, token)) throw new ForbiddenException('this link does not edit this page');
  }

  /**
   * The captain's private page carries the team's invitation link (the code is the team's secret, read from its
   * stream): the captain can share it again while the team takes walkers and the walk is ahead. Other walkers get
   * none.
   */
  private async inviteUrl(walkerId: string, teamId: string): Promise<string | undefined> {
    const team = await teamInvitation(this.store, teamId);
    if (!team || team.captainWalkerId !== walkerId || team.closed) return undefined;
    const edition = editionSummary(this.projections.db, team.editionId);
    if (!edition || registrationClosed(edition.walkOn, brusselsDay(this.clock()))) return undefined;
    const base = this.config.PUBLIC_BASE_URL ?? '';
    return `${base}/teams/${encodeURIComponent(teamId)}/join?code=${encodeURIComponent(team.joinCode)}`;
  }

  private render(
    ctx: PageContext,
    id: string,
    token: string,
    name: string,
    form: FormState,
    inviteUrl?: string,
    trackForm?: FormState,
  ): string {
    const saved = new URLSearchParams(ctx.url.split('?')[1] ?? '').get('saved') === '1';
    const proposal = distanceProposalOf(this.projections.db, id);
    return walkerEditPage({
      ctx,
      walkerId: id,
      token,
      name,
      form,
      saved,
      ...(inviteUrl ? { inviteUrl } : {}),
      ...(proposal ? { proposal } : {}),
      ...(trackForm ? { trackForm } : {}),
    });
  }
}

const TRACK_MB = MAX_TRACK_BYTES / 1024 / 1024;

function trackProblemMessage(t: Translate, problem: TrackProblem): string {
  switch (problem) {
    case 'too_large':
      return t('pages.trackTooLarge', { mb: TRACK_MB });
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

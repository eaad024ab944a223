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
import type { CommandOutcome } from '@rw/event-store';
import {
  ChangeWalkerPageCommand,
  STORY_MAX_LENGTH,
  type WalkerEvent,
  WalkerPageRefused,
  type WalkerState,
} from '@rw/fundraising';
import { walkerView } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { html, raw } from '../sandbox/html';
import { CsrfGuard, CsrfTokens } from './csrf';
import { emptyForm, errorSummary, field, type FormState, formValues, parseEuros } from './forms';
import { csrfField, layout, type PageContext, pageContext } from './layout';
import { PageErrorFilter } from './page-errors';
import { walkerEdition } from '@rw/read-models';

/** Cents as the form shows them: "250" or "250,50". */
const eurosField = (cents: number) =>
  cents % 100 ? `${Math.floor(cents / 100)},${String(cents % 100).padStart(2, '0')}` : String(cents / 100);

/** A walker edits their story and target through the private link from their confirmation (no password). */
@Controller('walkers/:id/edit')
@UseGuards(CsrfGuard)
@UseFilters(PageErrorFilter)
export class WalkerEditController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly csrf: CsrfTokens,
    private readonly links: PrivateLinks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  show(
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
      emptyForm({ story: walker.story, target: eurosField(walker.targetCents) }),
    );
  }

  @Post()
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
    const targetCents = parseEuros(form.values.target ?? '');
    if (targetCents === undefined) form.errors.target = t.errorTarget;
    if ((form.values.story ?? '').length > STORY_MAX_LENGTH) form.errors.story = t.errorTooLong(STORY_MAX_LENGTH);
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
        for (const refusal of error.refusals) form.errors[refusal.field] = refusal.message;
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

  private checkLink(id: string, token: string | undefined): void {
    if (!this.links.verify('edit-walker', id, token)) throw new ForbiddenException('this link does not edit this page');
  }

  private render(ctx: PageContext, id: string, token: string, name: string, form: FormState): string {
    const { t } = ctx;
    const saved = new URLSearchParams(ctx.url.split('?')[1] ?? '').get('saved') === '1';
    return layout(ctx, {
      title: t.editTitle,
      body: html`<div class="narrow">
<h1>${t.editTitle}</h1>
<p class="lead">${name}</p>
${raw(saved ? html`<p class="notice" role="status">${t.saved}</p>` : '')}
${errorSummary(form, t)}
<form method="post" action="/walkers/${id}/edit?token=${token}" novalidate>
${csrfField(ctx)}
${field(form, t, 'target', t.target, { required: true, inputmode: 'decimal' })}
${field(form, t, 'story', t.story, { type: 'textarea', maxlength: STORY_MAX_LENGTH })}
<div class="actions"><button class="primary" type="submit">${t.save}</button> <a class="button" href="/walkers/${id}">${t.yourPage}</a></div>
</form>
</div>`,
    });
  }
}

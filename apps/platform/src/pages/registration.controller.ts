import {
  Body,
  Controller,
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
import { DomainError } from '@rw/event-store';
import {
  JoinTeamCommand,
  PERSON_NAME_MAX_LENGTH,
  type Registration,
  RegisterTeamCommand,
  STORY_MAX_LENGTH,
  TEAM_NAME_MAX_LENGTH,
  RETURN_ID,
} from '@rw/fundraising';
import { teamView } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import { PublicPostRateLimit } from '../http/rate-limits';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { euros, html, raw } from '../sandbox/html';
import { CsrfGuard, CsrfTokens } from './csrf';
import { checkPerson, choices, emptyForm, errorSummary, field, type FormState, formValues, parseEuros } from './forms';
import { csrfField, layout, type PageContext, pageContext } from './layout';
import { PageErrorFilter } from './page-errors';
import { shareBox } from './pages.controller';
import { type EditionSummary, editionSummary } from '@rw/read-models';

const MAX_TARGET_CENTS = 100_000_000;
const REGISTER_FIELDS = ['teamName', 'routeId', 'teamTarget', 'name', 'email'];
const JOIN_FIELDS = ['code', 'name', 'email', 'target', 'story'];

/** Register a team (the captain) or join one with the captain's invitation link; then the fee step if any. */
@Controller()
@UseGuards(CsrfGuard)
@UseFilters(PageErrorFilter)
export class RegistrationController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly csrf: CsrfTokens,
    private readonly links: PrivateLinks,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  private context(request: Request, response: Response): PageContext {
    return pageContext(request, response, this.csrf, this.baseUrl);
  }

  private get baseUrl(): string {
    return this.config.PUBLIC_BASE_URL ?? '';
  }

  private edition(id: string): EditionSummary {
    const edition = editionSummary(this.projections.db, id);
    if (!edition) throw new NotFoundException(`no edition ${id}`);
    return edition;
  }

  @Get('editions/:id/register')
  @Header('Content-Type', 'text/html; charset=utf-8')
  registerForm(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const edition = this.edition(id);
    return this.renderRegister(
      this.context(request, response),
      edition,
      emptyForm({ routeId: edition.routes[0]?.routeId ?? '' }),
    );
  }

  @Post('editions/:id/register')
  @PublicPostRateLimit()
  async register(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const edition = this.edition(id);
    const ctx = this.context(request, response);
    const { t } = ctx;
    const form = emptyForm(formValues(body, REGISTER_FIELDS));
    const teamName = form.values.teamName ?? '';
    if (!teamName) form.errors.teamName = t.errorNameNeeded;
    else if (teamName.length > TEAM_NAME_MAX_LENGTH) form.errors.teamName = t.errorTooLong(TEAM_NAME_MAX_LENGTH);
    if (!edition.routes.some((route) => route.routeId === form.values.routeId)) form.errors.routeId = t.errorChoose;
    const targetCents = form.values.teamTarget ? parseEuros(form.values.teamTarget) : 0;
    if (targetCents === undefined || targetCents > MAX_TARGET_CENTS) form.errors.teamTarget = t.errorTarget;
    checkPerson(form, t, 'name', 'email', PERSON_NAME_MAX_LENGTH);
    if (Object.keys(form.errors).length) {
      response
        .status(400)
        .type('text/html; charset=utf-8')
        .send(this.renderRegister(ctx, edition, form));
      return;
    }
    let registration: Registration;
    try {
      registration = await this.commands.execute(
        new RegisterTeamCommand(
          id,
          { name: teamName, routeId: form.values.routeId, targetCents: targetCents ?? 0 },
          { name: form.values.name, email: form.values.email, language: ctx.lang },
          this.feeReturnUrl(),
          this.clock().toISOString(),
          { correlationId: String(request.id) },
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      form.errors.teamName = error.message;
      response
        .status(400)
        .type('text/html; charset=utf-8')
        .send(this.renderRegister(ctx, edition, form));
      return;
    }
    await this.projections.settled(registration.position);
    response
      .status(200)
      .type('text/html; charset=utf-8')
      .send(this.confirmation(ctx, registration, teamName));
  }

  @Get('teams/:id/join')
  @Header('Content-Type', 'text/html; charset=utf-8')
  joinForm(
    @Param('id') id: string,
    @Query('code') code: string | undefined,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ) {
    const team = this.team(id);
    return this.renderJoin(this.context(request, response), id, team.name, emptyForm({ code: code ?? '' }));
  }

  @Post('teams/:id/join')
  @PublicPostRateLimit()
  async join(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const team = this.team(id);
    const ctx = this.context(request, response);
    const { t } = ctx;
    const form = emptyForm(formValues(body, JOIN_FIELDS));
    if (!form.values.code || form.values.code.length > 64) form.errors.code = t.joinCodeInvalid;
    checkPerson(form, t, 'name', 'email', PERSON_NAME_MAX_LENGTH);
    const targetCents = form.values.target ? parseEuros(form.values.target) : undefined;
    if (form.values.target && (targetCents === undefined || targetCents > MAX_TARGET_CENTS))
      form.errors.target = t.errorTarget;
    if ((form.values.story ?? '').length > STORY_MAX_LENGTH) form.errors.story = t.errorTooLong(STORY_MAX_LENGTH);
    if (Object.keys(form.errors).length) {
      response
        .status(400)
        .type('text/html; charset=utf-8')
        .send(this.renderJoin(ctx, id, team.name, form));
      return;
    }
    let registration: Registration;
    try {
      registration = await this.commands.execute(
        new JoinTeamCommand(
          id,
          {
            name: form.values.name,
            email: form.values.email,
            joinCode: form.values.code,
            ...(targetCents === undefined ? {} : { targetCents }),
            ...(form.values.story ? { story: form.values.story } : {}),
            language: ctx.lang,
          },
          this.feeReturnUrl(),
          this.clock().toISOString(),
          { correlationId: String(request.id) },
        ),
      );
    } catch (error) {
      if (!(error instanceof DomainError) || error.kind === 'not_found') throw error;
      form.errors[error.kind === 'forbidden' ? 'code' : 'email'] =
        error.kind === 'forbidden' ? t.joinCodeInvalid : error.message;
      response
        .status(400)
        .type('text/html; charset=utf-8')
        .send(this.renderJoin(ctx, id, team.name, form));
      return;
    }
    await this.projections.settled(registration.position);
    response
      .status(200)
      .type('text/html; charset=utf-8')
      .send(this.confirmation(ctx, registration, team.name));
  }

  private team(id: string) {
    const team = teamView(this.projections.db, id);
    if (!team) throw new NotFoundException(`no team ${id}`);
    return team;
  }

  private feeReturnUrl(): string {
    return `${this.baseUrl}/registration-fees/${RETURN_ID}/result`;
  }

  private renderRegister(ctx: PageContext, edition: EditionSummary, form: FormState): string {
    const { t } = ctx;
    const routes = edition.routes.map((route) => ({
      value: route.routeId,
      label: `${route.name} (${route.distanceKm} km, ${
        route.registrationFeeCents ? t.routeFee(euros(route.registrationFeeCents)) : t.routeFree
      })`,
    }));
    return layout(ctx, {
      title: t.registerTeam,
      body: html`<div class="narrow">
<h1>${t.registerTeam}</h1>
<p class="lead">${edition.name}</p>
${errorSummary(form, t)}
<form method="post" action="/editions/${edition.id}/register" novalidate>
${csrfField(ctx)}
${field(form, t, 'teamName', t.teamName, { required: true, maxlength: TEAM_NAME_MAX_LENGTH })}
${choices(form, 'routeId', t.route, routes)}
${field(form, t, 'teamTarget', t.teamTarget, { inputmode: 'decimal' })}
<fieldset><legend>${t.captain}</legend>
${field(form, t, 'name', t.name, { required: true, autocomplete: 'name', maxlength: PERSON_NAME_MAX_LENGTH })}
${field(form, t, 'email', t.email, { type: 'email', required: true, autocomplete: 'email' })}
</fieldset>
<div class="actions"><button class="primary" type="submit">${t.register}</button></div>
</form>
</div>`,
    });
  }

  private renderJoin(ctx: PageContext, teamId: string, teamName: string, form: FormState): string {
    const { t } = ctx;
    const codeError = form.errors.code;
    return layout(ctx, {
      title: t.joinTeam(teamName),
      body: html`<div class="narrow">
<h1>${t.joinTeam(teamName)}</h1>
${errorSummary(form, t)}
${raw(codeError ? html`<p class="field-error" id="field-code-error">${codeError}</p>` : '')}
<form method="post" action="/teams/${teamId}/join" novalidate>
${csrfField(ctx)}
<input type="hidden" name="code" value="${form.values.code ?? ''}">
${field(form, t, 'name', t.name, { required: true, autocomplete: 'name', maxlength: PERSON_NAME_MAX_LENGTH })}
${field(form, t, 'email', t.email, { type: 'email', required: true, autocomplete: 'email' })}
${field(form, t, 'target', t.target, { inputmode: 'decimal' })}
${field(form, t, 'story', t.story, { type: 'textarea', maxlength: STORY_MAX_LENGTH })}
<div class="actions"><button class="primary" type="submit">${t.join}</button></div>
</form>
</div>`,
    });
  }

  /** After registering: the fee step when the route has one, the personal page, the edit and invitation links. */
  private confirmation(ctx: PageContext, registration: Registration, teamName: string): string {
    const { t } = ctx;
    const walkerUrl = `${this.baseUrl}/walkers/${registration.walkerId}`;
    const editUrl = `/walkers/${registration.walkerId}/edit?token=${this.links.token('edit-walker', registration.walkerId)}`;
    const joinUrl = `${this.baseUrl}/teams/${registration.teamId}/join?code=${encodeURIComponent(registration.joinCode)}`;
    const fee = registration.feeCheckoutUrl
      ? html`<p class="banner">${t.feeStep}</p><p><a class="button primary" href="${registration.feeCheckoutUrl}">${t.payFeeButton}</a></p>`
      : '';
    return layout(ctx, {
      title: t.registeredTitle,
      body: html`<div class="narrow">
<h1>${t.registeredTitle}</h1>
<p class="notice" role="status">${t.registeredIn(teamName)}</p>
${raw(fee)}
<div class="actions">
  <a class="button${registration.feeCheckoutUrl ? '' : ' primary'}" href="/walkers/${registration.walkerId}">${t.yourPage}</a>
  <a class="button" href="${editUrl}">${t.editTitle}</a>
</div>
<section class="card" aria-labelledby="invite-title">
<h2 id="invite-title">${t.inviteWalkers}</h2>
<label for="join-url">${t.shareLink}</label>
<input id="join-url" class="share-link" type="text" readonly value="${joinUrl}">
</section>
${shareBox(ctx, walkerUrl, t.giveTo(teamName))}
</div>`,
    });
  }
}

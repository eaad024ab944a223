import { brusselsDay, centsOf, formatMoney, TARGET_MAX_CENTS } from '@rw/kernel';
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
  type Registration,
  RegisterTeamCommand,
  STORY_MAX_LENGTH,
  TEAM_NAME_MAX_LENGTH,
  UniqueValueTaken,
  RETURN_ID,
} from '@rw/fundraising';
import { teamView } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import { PublicPostRateLimit } from '../http/rate-limits';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { CsrfGuard, CsrfTokens } from './csrf';
import { JoinTeamDto, RegisterTeamDto } from '../fundraisers/fundraisers.controller';
import { domainField, refuseInto } from './form-refusals';
import { addDtoErrors, dtoProblems, emptyForm, type FormState, formValues, personFields } from './forms';
import { type PageContext, pageContext } from './layout';
import { PageErrorFilter } from './page-errors';
import { type EditionSummary, editionSummary, registrationClosed, teamEdition } from '@rw/read-models';
import { registrationClosedPage } from './views/registration-closed-page';
import { joinPage, registeredPage, registerPage } from './views/registration-pages';

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

  /**
   * After the walk the register and join pages say that registration is closed, in the visitor's language; a form
   * posted then is answered 409 with the same page and writes nothing (the domain refuses it too).
   */
  private closed(ctx: PageContext, edition: EditionSummary | undefined): string | undefined {
    if (!edition || !registrationClosed(edition.walkOn, brusselsDay(this.clock()))) return undefined;
    return registrationClosedPage({ ctx, edition });
  }

  private refuseClosed(response: Response, page: string): void {
    response.status(409).type('text/html; charset=utf-8').send(page);
  }

  @Get('editions/:id/register')
  @Header('Content-Type', 'text/html; charset=utf-8')
  registerForm(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const edition = this.edition(id);
    const ctx = this.context(request, response);
    const closed = this.closed(ctx, edition);
    if (closed) return closed;
    return this.renderRegister(ctx, edition, emptyForm({ routeId: edition.routes[0]?.routeId ?? '' }));
  }

  @Post('editions/:id/register')
  @PublicPostRateLimit()
  async register(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const edition = this.edition(id);
    const ctx = this.context(request, response);
    const closed = this.closed(ctx, edition);
    if (closed) return this.refuseClosed(response, closed);
    const { t } = ctx;
    const form = emptyForm(formValues(body, REGISTER_FIELDS));
    const teamName = form.values.teamName ?? '';
    if (!edition.routes.some((route) => route.routeId === form.values.routeId))
      form.errors.routeId = t('pages.errorChoose');
    const targetCents = form.values.teamTarget ? centsOf(form.values.teamTarget) : 0;
    // the API's registration body, checked by its own DTO
    addDtoErrors(
      form,
      dtoProblems(RegisterTeamDto, {
        name: teamName,
        routeId: form.values.routeId ?? '',
        targetCents,
        captain: { name: form.values.name ?? '', email: form.values.email ?? '' },
        language: ctx.lang,
      }),
      {
        name: [
          'teamName',
          (rules) =>
            rules.has('maxLength')
              ? t('pages.errorTooLong', { max: TEAM_NAME_MAX_LENGTH })
              : t('pages.errorNameNeeded'),
        ],
        routeId: ['routeId', () => t('pages.errorChoose')],
        targetCents: ['teamTarget', (rules) => targetProblem(ctx, rules)],
        ...personFields(t, 'captain'),
      },
    );
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
      refuseInto(form, ctx.lang, error, registrationFieldOf, 'teamName');
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
    const ctx = this.context(request, response);
    const closed = this.closed(ctx, teamEdition(this.projections.db, id));
    if (closed) return closed;
    return this.renderJoin(ctx, id, team.name, emptyForm({ code: code ?? '' }));
  }

  @Post('teams/:id/join')
  @PublicPostRateLimit()
  async join(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const team = this.team(id);
    const ctx = this.context(request, response);
    const closed = this.closed(ctx, teamEdition(this.projections.db, id));
    if (closed) return this.refuseClosed(response, closed);
    const { t } = ctx;
    const form = emptyForm(formValues(body, JOIN_FIELDS));
    const targetCents = form.values.target ? centsOf(form.values.target) : undefined;
    if (form.values.target && targetCents === undefined) form.errors.target = t('pages.errorTarget');
    // the API's join body, checked by its own DTO
    addDtoErrors(
      form,
      dtoProblems(JoinTeamDto, {
        name: form.values.name ?? '',
        email: form.values.email ?? '',
        joinCode: form.values.code ?? '',
        ...(targetCents === undefined ? {} : { targetCents }),
        ...(form.values.story ? { story: form.values.story } : {}),
        language: ctx.lang,
      }),
      {
        ...personFields(t, ''),
        joinCode: ['code', () => t('pages.joinCodeInvalid')],
        targetCents: ['target', (rules) => targetProblem(ctx, rules)],
        story: ['story', () => t('pages.errorTooLong', { max: STORY_MAX_LENGTH })],
      },
    );
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
      refuseInto(form, ctx.lang, error, joinFieldOf, 'email');
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
    return registerPage(ctx, edition, form);
  }

  private renderJoin(ctx: PageContext, teamId: string, teamName: string, form: FormState): string {
    return joinPage({ ctx, teamId, teamName, form });
  }

  /** After registering: the fee step when the route has one, the personal page, the edit and invitation links. */
  private confirmation(ctx: PageContext, registration: Registration, teamName: string): string {
    return registeredPage({
      ctx,
      teamName,
      walkerId: registration.walkerId,
      ...(registration.feeCheckoutUrl ? { feeCheckoutUrl: registration.feeCheckoutUrl } : {}),
      walkerUrl: `${this.baseUrl}/walkers/${registration.walkerId}`,
      editUrl: `/walkers/${registration.walkerId}/edit?token=${this.links.token('edit-walker', registration.walkerId)}`,
      joinUrl: `${this.baseUrl}/teams/${registration.teamId}/join?code=${encodeURIComponent(registration.joinCode)}`,
    });
  }
}

/** A target the DTO refuses: above the highest target, or not an amount at all. */
const targetProblem = ({ t, lang }: PageContext, rules: ReadonlySet<string>): string =>
  rules.has('max')
    ? t('pages.errorTargetTooHigh', { max: formatMoney(TARGET_MAX_CENTS, lang) })
    : t('pages.errorTarget');

/** A name or an address already taken in the edition: the team's name, or the walker's e-mail address. */
const takenField = (error: DomainError) =>
  error instanceof UniqueValueTaken && error.scope.startsWith('team-name:') ? 'teamName' : 'email';

/** Which field of the registration form a refusal is about (when the refusal does not say). */
function registrationFieldOf(code: string, error: DomainError): string | undefined {
  if (code === 'unique_value_taken') return takenField(error);
  if (code === 'email_already_has_account') return 'email';
  if (code === 'route_not_in_edition') return 'routeId';
  if (code === 'invalid_team') return domainField(error) === 'targetCents' ? 'teamTarget' : 'teamName';
  // the captain is the team's first walker: what is refused of them is their name
  if (code === 'invalid_walker') return 'name';
  return undefined;
}

/** The join form's field for each field of a walker the domain may refuse. */
const WALKER_FIELDS: Record<string, string> = { targetCents: 'target', name: 'name', story: 'story', email: 'email' };

/** Which field of the join form a refusal is about; the code and the team's own state are said above the form. */
function joinFieldOf(code: string, error: DomainError): string | undefined {
  if (code === 'unique_value_taken') return takenField(error);
  if (code === 'email_already_has_account') return 'email';
  if (code === 'invalid_walker') return WALKER_FIELDS[domainField(error) ?? ''] ?? 'target';
  if (error.kind === 'forbidden' || code === 'team_full' || code === 'team_closed') return 'code';
  return undefined;
}

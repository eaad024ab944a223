import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ExecuteWalkerCommand,
  JoinTeamCommand,
  MAX_KM,
  RegisterTeamCommand,
  STORY_MAX_LENGTH,
  TEAM_NAME_MAX_LENGTH,
  RETURN_ID,
} from '@rw/fundraising';
import { distanceProposalOf, pendingDistanceProposals, teamView, walkerView } from '@rw/read-models';
import { IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Request } from 'express';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { PublicPostRateLimit } from '../http/rate-limits';
import { PlatformConfig } from '../config/config';
import { NestedObject } from '../http/nested';
import { PersonDto } from '../http/person.dto';
import { ProjectionService } from '../infrastructure/projection.service';
import { ReactorRunner } from '@rw/runtime/reactors/reactor-runner';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import type { MailLanguage } from '@rw/fundraising';
import { OptionalMailLanguage } from '../mail/language.dto';
import { TARGET_MAX_CENTS } from '@rw/kernel';

/** The domain's upper bound of a target (EUR 1,000,000), checked here too so that the API documents it. */
export const MAX_TARGET_CENTS = TARGET_MAX_CENTS;

export class RegisterTeamDto {
  @IsString()
  @MinLength(1, { message: 'a team needs a name' })
  @MaxLength(TEAM_NAME_MAX_LENGTH)
  name!: string;

  @IsString()
  @MinLength(1, { message: 'routeId must name a route of the edition' })
  routeId!: string;

  @IsInt({ message: 'targetCents must be a whole number of cents' })
  @Min(0)
  @Max(MAX_TARGET_CENTS, { message: 'targetCents must be at most 100000000 (EUR 1,000,000)' })
  targetCents!: number;

  @NestedObject(() => PersonDto)
  captain!: PersonDto;

  /** Extension of the contract: the most walkers the team takes (no limit when absent). */
  @IsOptional()
  @Min(1, { message: 'maxWalkers must be 1 or more' })
  @Max(1000, { message: 'maxWalkers must be at most 1000' })
  @IsInt({ message: 'maxWalkers must be a whole number' })
  maxWalkers?: number;

  @OptionalMailLanguage()
  language?: MailLanguage;
}

export class JoinTeamDto extends PersonDto {
  @IsString()
  @MinLength(1, { message: 'joinCode is the code from the captain’s invitation' })
  @MaxLength(64)
  joinCode!: string;

  @IsOptional()
  @IsInt({ message: 'targetCents must be a whole number of cents' })
  @Max(MAX_TARGET_CENTS, { message: 'targetCents must be at most 100000000 (EUR 1,000,000)' })
  targetCents?: number;

  @IsOptional()
  @IsString()
  @MaxLength(STORY_MAX_LENGTH)
  story?: string;

  @OptionalMailLanguage()
  language?: MailLanguage;
}

class FeeWaiverDto {
  @IsString()
  @MinLength(1, { message: 'say why the fee is waived (for example: refugee)' })
  @MaxLength(200)
  reason!: string;
}

class DistanceDto {
  @IsNumber({ allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 }, { message: 'km must be a number of km' })
  @Min(0, { message: 'km must be 0 or more' })
  @Max(MAX_KM, { message: `km must be at most ${MAX_KM}` })
  km!: number;
}

class AcceptDistanceProposalDto {
  @IsString({ message: 'proposalId must be a string' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'proposalId must be a proposal id: 64 lower-case hexadecimal characters' })
  proposalId!: string;
}

/** Teams and walkers: registration (public), their pages' data, what organisers record. */
@Controller('api')
export class FundraisersController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly reactions: ReactorRunner,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post('editions/:id/teams')
  @PublicPostRateLimit()
  async registerTeam(@Param('id') editionId: string, @Body() body: RegisterTeamDto, @Req() request: Request) {
    const registration = await this.commands.execute(
      new RegisterTeamCommand(
        editionId,
        {
          name: body.name,
          routeId: body.routeId,
          targetCents: body.targetCents,
          ...(body.maxWalkers === undefined ? {} : { maxWalkers: body.maxWalkers }),
        },
        {
          name: body.captain.name,
          email: body.captain.email,
          ...(body.language ? { language: body.language } : {}),
        },
        this.feeReturnUrl(),
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(registration.position);
    return {
      id: registration.teamId,
      slug: registration.teamSlug,
      captainWalkerId: registration.walkerId,
      joinCode: registration.joinCode,
      ...(registration.feeCheckoutUrl ? { feeCheckoutUrl: registration.feeCheckoutUrl } : {}),
    };
  }

  @Post('teams/:id/walkers')
  @PublicPostRateLimit()
  async joinTeam(@Param('id') teamId: string, @Body() body: JoinTeamDto, @Req() request: Request) {
    const registration = await this.commands.execute(
      new JoinTeamCommand(
        teamId,
        {
          name: body.name,
          email: body.email,
          joinCode: body.joinCode,
          targetCents: body.targetCents,
          story: body.story,
          ...(body.language ? { language: body.language } : {}),
        },
        this.feeReturnUrl(),
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(registration.position);
    return {
      id: registration.walkerId,
      slug: registration.walkerSlug,
      ...(registration.feeCheckoutUrl ? { feeCheckoutUrl: registration.feeCheckoutUrl } : {}),
    };
  }

  @Post('walkers/:id/distance')
  @HttpCode(200)
  @RequireRole('organiser')
  async recordDistance(@Param('id') walkerId: string, @Body() body: DistanceDto, @Req() request: AuthenticatedRequest) {
    const outcome = await this.commands.execute(
      new ExecuteWalkerCommand(
        {
          type: 'RecordDistance',
          walkerId,
          km: body.km,
          by: request.staff?.accountId ?? 'unknown',
          at: this.clock().toISOString(),
        },
        { correlationId: String(request.id) },
      ),
    );
    // the pledges on this walker fall due in a reaction: the answer waits for it, as for the read models
    await this.projections.settled(outcome.position);
    await this.reactions.settledAndRead(outcome.position);
    const state = outcome.state;
    return { walkerId, km: state.status === 'none' ? body.km : state.km };
  }

  /** The distances walkers proposed from their GPX tracks, waiting for an organiser, oldest first. */
  @Get('distance-proposals')
  @RequireRole('organiser')
  distanceProposals() {
    return pendingDistanceProposals(this.projections.db);
  }

  /**
   * Accepts a walker's proposed distance: recorded as a typed distance is, so their per-km pledges fall due; the
   * same proposal again changes nothing, a proposal replaced meanwhile is refused (409).
   */
  @Post('walkers/:id/distance-proposals/accept')
  @HttpCode(200)
  @RequireRole('organiser')
  async acceptDistanceProposal(
    @Param('id') walkerId: string,
    @Body() body: AcceptDistanceProposalDto,
    @Req() request: AuthenticatedRequest,
  ) {
    const outcome = await this.commands.execute(
      new ExecuteWalkerCommand(
        {
          type: 'RecordDistance',
          walkerId,
          km: distanceProposalOf(this.projections.db, walkerId)?.km ?? 0,
          by: request.staff?.accountId ?? 'unknown',
          at: this.clock().toISOString(),
          proposalId: body.proposalId,
        },
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(outcome.position);
    await this.reactions.settledAndRead(outcome.position);
    return { walkerId, km: outcome.state.status === 'none' ? null : outcome.state.km };
  }

  /** An organiser waives a walker's registration fee: refugees walk free. */
  @Post('walkers/:id/fee-waiver')
  @HttpCode(200)
  @RequireRole('organiser')
  async waiveFee(@Param('id') walkerId: string, @Body() body: FeeWaiverDto, @Req() request: AuthenticatedRequest) {
    const outcome = await this.commands.execute(
      new ExecuteWalkerCommand(
        {
          type: 'WaiveRegistrationFee',
          walkerId,
          by: request.staff?.accountId ?? 'unknown',
          reason: body.reason,
          at: this.clock().toISOString(),
        },
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(outcome.position);
    return { walkerId, fee: outcome.state.status === 'none' ? 'none' : outcome.state.fee };
  }

  private feeReturnUrl(): string {
    return `${this.config.PUBLIC_BASE_URL}/registration-fees/${RETURN_ID}/result`;
  }

  @Get('teams/:id')
  team(@Param('id') id: string) {
    const team = teamView(this.projections.db, id);
    if (!team) throw new NotFoundException(`no team ${id}`);
    return team;
  }

  @Get('walkers/:id')
  walker(@Param('id') id: string) {
    const walker = walkerView(this.projections.db, id);
    if (!walker) throw new NotFoundException(`no walker ${id}`);
    return walker;
  }
}

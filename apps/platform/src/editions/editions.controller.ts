import { Body, Controller, Get, Inject, NotFoundException, Param, Post, Query, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecuteEditionCommand, type RouteKind } from '@rw/fundraising';
import { editionExists, editionStats, leaderboard, searchEdition } from '@rw/read-models';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { randomUUID } from 'node:crypto';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { ProjectionService } from '../infrastructure/projection.service';
import { memoizeQueryValidation } from '../http/validation';
import { CLOCK, type Clock } from '../infrastructure/tokens';

class RouteDto {
  @IsString()
  @MinLength(1, { message: 'a route needs a name' })
  @MaxLength(120)
  name!: string;

  @IsNumber(
    { allowNaN: false, allowInfinity: false, maxDecimalPlaces: 2 },
    { message: 'distanceKm must be a number of km' },
  )
  @Min(0.1, { message: 'distanceKm must be at least 0.1' })
  @Max(500, { message: 'distanceKm must be at most 500' })
  distanceKm!: number;

  @IsIn(['official', 'own'], { message: 'kind must be official or own' })
  kind!: RouteKind;

  @IsOptional()
  @IsInt({ message: 'registrationFeeCents must be a whole number of cents' })
  @Min(0)
  @Max(100_000)
  registrationFeeCents?: number;
}

class LeaderboardQueryDto {
  @IsOptional()
  @IsIn(['teams', 'walkers'], { message: 'kind must be teams or walkers' })
  kind?: 'teams' | 'walkers';

  @IsOptional()
  @Type(() => Number)
  @Min(1, { message: 'limit must be between 1 and 100' })
  @Max(100, { message: 'limit must be between 1 and 100' })
  @IsInt({ message: 'limit must be a whole number' })
  limit?: number;

  @IsOptional()
  @IsString()
  @MaxLength(100)
  routeId?: string;
}

// asked many times a second by screens and phones at the walk, with the same few queries
memoizeQueryValidation(LeaderboardQueryDto);

class SearchQueryDto {
  @IsString({ message: 'q must be one text to look for' })
  @MinLength(1, { message: 'q must be 1 to 100 characters' })
  @MaxLength(100, { message: 'q must be 1 to 100 characters' })
  @Matches(/\S/, { message: 'q must contain something to look for, not only spaces' })
  q!: string;
}

/** A walker found by `GET /api/editions/:id/search`. */
export class WalkerFoundDto {
  @IsUUID()
  id!: string;
  @IsString()
  slug!: string;
  @IsString()
  name!: string;
  @IsString()
  teamName!: string;
  @IsInt()
  @Min(0)
  raisedCents!: number;
}

/** A team found by `GET /api/editions/:id/search`. */
export class TeamFoundDto {
  @IsUUID()
  id!: string;
  @IsString()
  slug!: string;
  @IsString()
  name!: string;
  @IsInt()
  @Min(0)
  raisedCents!: number;
}

/** The answer of `GET /api/editions/:id/search`: at most 20 of each, the names that start with the query first. */
export class SearchAnswerDto {
  @ValidateNested({ each: true })
  @Type(() => WalkerFoundDto)
  walkers!: WalkerFoundDto[];
  @ValidateNested({ each: true })
  @Type(() => TeamFoundDto)
  teams!: TeamFoundDto[];
}

class CreateEditionDto {
  @IsString()
  @MinLength(1, { message: 'an edition needs a name' })
  @MaxLength(120)
  name!: string;

  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'date must be a day as YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'date must be a day that exists, as YYYY-MM-DD' })
  date!: string;

  @IsArray()
  @ArrayMinSize(1, { message: 'an edition needs at least one route' })
  @ArrayMaxSize(20)
  @IsObject({ each: true, message: 'each route must be an object' })
  @ValidateNested({ each: true })
  @Type(() => RouteDto)
  routes!: RouteDto[];

  @IsOptional()
  @IsInt({ message: 'walkerMinimumCents must be a whole number of cents' })
  @Min(0)
  @Max(10_000_000)
  walkerMinimumCents?: number;

  @IsOptional()
  @IsInt({ message: 'goalCents must be a whole number of cents' })
  @Min(1, { message: 'goalCents must be 1 or more' })
  @Max(100_000_000_000, { message: 'goalCents must be at most 100000000000' })
  goalCents?: number;
}

@Controller('api/editions')
export class EditionsController {
  constructor(
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @RequireRole('organiser')
  async create(@Body() body: CreateEditionDto, @Req() request: AuthenticatedRequest) {
    const editionId = randomUUID();
    const routes = body.routes.map((route) => ({
      routeId: randomUUID(),
      name: route.name,
      distanceKm: route.distanceKm,
      kind: route.kind,
      ...(route.registrationFeeCents === undefined ? {} : { registrationFeeCents: route.registrationFeeCents }),
    }));
    const outcome = await this.commands.execute(
      new ExecuteEditionCommand(
        {
          type: 'CreateEdition',
          editionId,
          name: body.name,
          walkOn: body.date,
          routes,
          walkerMinimumCents: body.walkerMinimumCents,
          ...(body.goalCents === undefined ? {} : { goalCents: body.goalCents }),
          at: this.clock().toISOString(),
          by: request.staff?.accountId ?? 'unknown',
        },
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(outcome.position);
    return {
      id: editionId,
      routes: routes.map((r) => ({ id: r.routeId, name: r.name.trim(), distanceKm: r.distanceKm, kind: r.kind })),
    };
  }

  /** Served from what the read models last produced: the board changes only when events are applied. */
  @Get(':id/leaderboard')
  board(@Param('id') id: string, @Query() query: LeaderboardQueryDto) {
    const kind = query.kind ?? 'teams';
    const limit = query.limit ?? 10;
    const answer = this.projections.fromReadModels(
      JSON.stringify(['leaderboard', id, kind, limit, query.routeId ?? null]),
      () =>
        editionExists(this.projections.db, id)
          ? { entries: leaderboard(this.projections.db, id, { kind, limit, routeId: query.routeId }) }
          : undefined,
    );
    if (!answer) throw new NotFoundException(`no edition ${id}`);
    return answer;
  }

  /**
   * Walkers and teams of the edition by name, accents and case ignored (a sponsor's first step). Not kept per
   * read-model position like the leaderboard: every visitor types their own query, and one search is cheap.
   */
  @Get(':id/search')
  search(@Param('id') id: string, @Query() query: SearchQueryDto): SearchAnswerDto {
    if (!editionExists(this.projections.db, id)) throw new NotFoundException(`no edition ${id}`);
    return searchEdition(this.projections.db, id, query.q);
  }

  /** Like the leaderboard: computed once per read-model position. */
  @Get(':id/stats')
  stats(@Param('id') id: string) {
    const stats = this.projections.fromReadModels(JSON.stringify(['stats', id]), () =>
      editionStats(this.projections.db, id),
    );
    if (!stats) throw new NotFoundException(`no edition ${id}`);
    return stats;
  }
}

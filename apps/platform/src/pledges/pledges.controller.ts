import { Body, Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ExecutePledgeCommand, MakePledgeCommand } from '@rw/fundraising';
import { pledgeStatus } from '@rw/read-models';
import { IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength } from 'class-validator';
import type { Request } from 'express';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { NestedObject } from '../http/nested';
import { PersonDto } from '../http/person.dto';
import { PublicPostRateLimit } from '../http/rate-limits';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import type { MailLanguage } from '@rw/fundraising';
import { OptionalMailLanguage } from '../mail/language.dto';

class PledgeBeneficiaryDto {
  @IsIn(['walker', 'team'], { message: 'beneficiary.type must be walker or team' })
  type!: 'walker' | 'team';

  @IsString()
  @MinLength(1)
  @MaxLength(100)
  id!: string;
}

export class MakePledgeDto {
  @NestedObject(() => PledgeBeneficiaryDto)
  beneficiary!: PledgeBeneficiaryDto;

  @NestedObject(() => PersonDto)
  sponsor!: PersonDto;

  @IsIn(['fixed', 'per_km'], { message: 'kind must be fixed or per_km' })
  kind!: 'fixed' | 'per_km';

  @Min(1, { message: 'amountCents must be 1 or more' })
  @Max(10_000_000, { message: 'amountCents must be at most 10000000' })
  @IsInt({ message: 'amountCents must be a whole number of cents' })
  amountCents!: number;

  @IsOptional()
  @Min(100, { message: 'capCents must be at least 100 (1.00 EUR)' })
  @Max(10_000_000, { message: 'capCents must be at most 10000000 (100000.00 EUR)' })
  @IsInt({ message: 'capCents must be a whole number of cents' })
  capCents?: number;

  @OptionalMailLanguage()
  language?: MailLanguage;
}

@Controller('api/pledges')
export class PledgesController {
  constructor(
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Post()
  @PublicPostRateLimit()
  async make(@Body() body: MakePledgeDto, @Req() request: Request) {
    const made = await this.commands.execute(
      new MakePledgeCommand(
        {
          beneficiary: { type: body.beneficiary.type, id: body.beneficiary.id },
          sponsor: { name: body.sponsor.name, email: body.sponsor.email },
          kind: body.kind,
          amountCents: body.amountCents,
          ...(body.capCents === undefined ? {} : { capCents: body.capCents }),
          ...(body.language ? { language: body.language } : {}),
        },
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(made.position);
    return { id: made.pledgeId };
  }

  /** An organiser cancels a pledge (the sponsor withdrew it, or it will never be paid). */
  @Post(':id/cancel')
  @HttpCode(200)
  @RequireRole('organiser')
  async cancel(@Param('id') id: string, @Req() request: AuthenticatedRequest) {
    const outcome = await this.commands.execute(
      new ExecutePledgeCommand(
        {
          type: 'CancelPledge',
          pledgeId: id,
          by: request.staff?.accountId ?? 'unknown',
          at: this.clock().toISOString(),
        },
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(outcome.position);
    return { id, status: outcome.state.status };
  }

  @Get(':id')
  get(@Param('id') id: string) {
    const pledge = pledgeStatus(this.projections.db, id);
    if (!pledge) throw new NotFoundException(`no pledge ${id}`);
    return { id, ...pledge };
  }
}

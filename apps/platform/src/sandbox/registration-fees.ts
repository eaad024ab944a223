import { Body, Controller, HttpCode, Inject, Injectable, NotFoundException, Param, Post, Req } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { SettleSandboxRegistrationFeeCommand, walkerFeeNow } from '@rw/fundraising';
import { IsIn } from 'class-validator';
import type { Request } from 'express';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';

/** What the payment provider says of a registration fee: paid settles it; a failed payment leaves it owed. */
@Injectable()
export class RegistrationFees {
  constructor(
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  walker(walkerId: string) {
    return walkerFeeNow(this.store, walkerId);
  }

  async settle(walkerId: string, outcome: 'paid' | 'failed' | 'canceled', correlationId: string) {
    const settled = await this.commands.execute(
      new SettleSandboxRegistrationFeeCommand(walkerId, outcome, this.clock().toISOString(), { correlationId }),
    );
    await this.projections.settled(settled.position);
    return settled.state;
  }
}

class FeeOutcomeDto {
  @IsIn(['paid', 'failed', 'canceled'], { message: 'outcome must be paid, failed or canceled' })
  outcome!: 'paid' | 'failed' | 'canceled';
}

@Controller('api/sandbox/registration-fees')
export class SandboxRegistrationFeesController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly fees: RegistrationFees,
  ) {}

  /** As if the sandbox provider called our webhook for a registration fee. */
  @Post(':walkerId/settle')
  @HttpCode(200)
  async settle(@Param('walkerId') walkerId: string, @Body() body: FeeOutcomeDto, @Req() request: Request) {
    if (this.config.PAYMENT_PROVIDER !== 'sandbox') throw new NotFoundException('the sandbox is not enabled');
    const state = await this.fees.settle(walkerId, body.outcome, String(request.id));
    return { walkerId, fee: state.status === 'none' ? 'none' : state.fee };
  }
}

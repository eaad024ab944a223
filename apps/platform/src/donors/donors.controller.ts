import { truncateWriteAheadLog } from '@rw/read-models';
import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Post,
  Query,
  Req,
  Res,
  ServiceUnavailableException,
} from '@nestjs/common';
import { MAIL_SENDER, type MailSender } from '../mail/mail-sender';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, PersonalDataVault } from '@rw/event-store';
import { EraseDonorCommand, personalDataOf } from '@rw/fundraising';
import { MaxLength } from 'class-validator';
import type { Response } from 'express';
import { IsEmailAddress } from '@rw/kernel';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';

class DonorEmailDto {
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmailAddress({ message: 'email must be an e-mail address' })
  email!: string;
}

/**
 * GDPR requests of people who gave, pledged or walked, handled by finance: erasure (art. 17) and right of access
 * (art. 15). A person is found by their e-mail address, whatever their roles: one key seals all of them.
 */
@Controller('api/donors')
export class DonorsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(MAIL_SENDER) private readonly mail: MailSender,
  ) {}

  private vault(): PersonalDataVault {
    if (!(this.store instanceof PersonalDataVault)) {
      throw new ServiceUnavailableException('this event store was opened without the personal-data vault');
    }
    return this.store;
  }

  private async donorIdOf(email: string): Promise<string> {
    const donorId = await this.vault().donorIdOf(email);
    // an erased address has no key any more either: the two cases cannot be told apart, by design
    if (!donorId) throw new NotFoundException('no personal data is held for this e-mail address (or it was erased)');
    return donorId;
  }

  /**
   * Erases the person (`EraseDonorCommand`: the record, then their key); asked again afterwards: 404. The read
   * models' and the outbox's copies go too.
   */
  @Post('erase')
  @HttpCode(200)
  @RequireRole('finance')
  async erase(@Body() body: DonorEmailDto, @Req() request: AuthenticatedRequest) {
    const donorId = await this.donorIdOf(body.email);
    const outcome = await this.commands.execute(
      new EraseDonorCommand(donorId, request.staff?.accountId ?? 'unknown', this.clock().toISOString(), {
        correlationId: String(request.id),
      }),
    );
    await this.projections.settled(outcome.position);
    // the blanked rows' old pages can still be in the read models' WAL: fold it in and empty it
    truncateWriteAheadLog(this.projections.db);
    // the sandbox outbox keeps copies of sent mail: those to this address go too
    this.mail.forgetRecipient?.(body.email);
    return { donorId, erased: true };
  }

  /** Everything held about one donor, as a JSON file: their details, gifts with their history, pledges. */
  @Get('access')
  @RequireRole('finance')
  async access(@Query() query: DonorEmailDto, @Res({ passthrough: true }) response: Response) {
    const donorId = await this.donorIdOf(query.email);
    const records = await personalDataOf(this.store, donorId);
    response.setHeader('Content-Disposition', `attachment; filename="donor-${donorId}.json"`);
    return { donorId, exportedAt: this.clock().toISOString(), ...records };
  }
}

import { Inject, Injectable, NotFoundException, ServiceUnavailableException } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore, PersonalDataVault } from '@rw/event-store';
import { EraseDonorCommand, personalDataOf } from '@rw/fundraising';
import { mailKeysNaming, truncateWriteAheadLog } from '@rw/read-models';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { MAIL_SENDER, type MailSender } from '../mail/mail-sender';
import { messageIdFor } from '../mail/templates';

/**
 * GDPR requests of people who gave, pledged or walked, as the API and the finance desk both handle them: erasure
 * (art. 17, `EraseDonorCommand`) and right of access (art. 15, `personalDataOf`). A person is found by their e-mail
 * address, whatever their roles: one key seals all of them.
 */
@Injectable()
export class DonorRecords {
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

  /** The donor's id, or 404 (NoPersonalData) when nothing is held for the address. */
  async donorIdOf(email: string): Promise<string> {
    const donorId = await this.vault().donorIdOf(email);
    // an erased address has no key any more either: the two cases cannot be told apart, by design
    if (!donorId) throw new NoPersonalData();
    return donorId;
  }

  /**
   * Erases the person (the record, then their key); asked again afterwards: 404. The read models' and the outbox's
   * copies go too.
   */
  async erase(email: string, by: string, correlationId: string): Promise<{ donorId: string; erased: true }> {
    const donorId = await this.donorIdOf(email);
    const outcome = await this.commands.execute(
      new EraseDonorCommand(donorId, by, this.clock().toISOString(), { correlationId }),
    );
    await this.projections.settled(outcome.position);
    // the blanked rows' old pages can still be in the read models' WAL: fold it in and empty it
    truncateWriteAheadLog(this.projections.db);
    // the sandbox outbox keeps copies of sent mail: those to this address go too, and those to others naming them
    this.mail.forgetRecipient?.(email);
    this.mail.forgetMessages?.(mailKeysNaming(this.projections.db, donorId).map(messageIdFor));
    return { donorId, erased: true };
  }

  /** Everything held about one donor: their details, gifts with their history, pledges, walks. */
  async access(email: string) {
    const donorId = await this.donorIdOf(email);
    const records = await personalDataOf(this.store, donorId);
    return { donorId, exportedAt: this.clock().toISOString(), ...records };
  }
}

/** Nothing is held for this address (or it was erased). */
export class NoPersonalData extends NotFoundException {
  constructor() {
    super('no personal data is held for this e-mail address (or it was erased)');
  }
}

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
import { messageIdFor } from '../mail/templates';
import { mailKeysNaming } from '@rw/read-models';
import { EVENT_STORE, type EventStore, executeCommand, PersonalDataVault, type RecordedEvent } from '@rw/event-store';
import {
  type DonationEvent,
  type Donor,
  donationEventTypes,
  donationHistory,
  donorDecider,
  donorStreamId,
  pledgeStream,
  type WalkerRegistered,
} from '@rw/fundraising';
import { MaxLength } from 'class-validator';
import type { Response } from 'express';
import { IsEmailAddress } from '../http/email';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';

class DonorEmailDto {
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmailAddress({ message: 'email must be an e-mail address' })
  email!: string;
}

const PERSONAL_KEYS = new Set(['donor', 'sponsor']);

/** The donor or sponsor objects in event data that belong to this donor, at any depth. */
function personsOf(value: unknown, donorId: string, found: Donor[] = []): Donor[] {
  if (Array.isArray(value)) for (const v of value) personsOf(v, donorId, found);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, inner] of Object.entries(value)) {
      if (PERSONAL_KEYS.has(key) && (inner as Donor | null)?.donorId === donorId) found.push(inner as Donor);
      else personsOf(inner, donorId, found);
    }
  }
  return found;
}

/**
 * GDPR requests of people who gave, pledged or walked, handled by finance: erasure (art. 17) and right of access
 * (art. 15). A person is found by their e-mail address, whatever their roles: one key seals all of them.
 */
@Controller('api/donors')
export class DonorsController {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
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
   * Records the erasure, then deletes the donor's key. Retried after a crash in between, the record is not
   * written twice (the donor's stream says it is done) and the key is deleted; asked again afterwards: 404.
   */
  @Post('erase')
  @HttpCode(200)
  @RequireRole('finance')
  async erase(@Body() body: DonorEmailDto, @Req() request: AuthenticatedRequest) {
    const donorId = await this.donorIdOf(body.email);
    const outcome = await executeCommand(
      this.store,
      donorStreamId(donorId),
      donorDecider,
      {
        type: 'EraseDonor',
        donorId,
        by: request.staff?.accountId ?? 'unknown',
        erasedAt: this.clock().toISOString(),
      },
      { metadata: { correlationId: String(request.id) } },
    );
    await this.vault().eraseDonor(donorId);
    await this.projections.settled(outcome.position);
    // the blanked rows' old pages can still be in the read models' WAL: fold it in and empty it
    this.projections.db.exec('PRAGMA wal_checkpoint(TRUNCATE)');
    // the sandbox outbox keeps copies of sent mail: those to this address go too, and those to others naming them
    this.mail.forgetRecipient?.(body.email);
    this.mail.forgetMessages?.(mailKeysNaming(this.projections.db, donorId).map(messageIdFor));
    return { donorId, erased: true };
  }

  /** Everything held about one donor, as a JSON file: their details, gifts with their history, pledges. */
  @Get('access')
  @RequireRole('finance')
  async access(@Query() query: DonorEmailDto, @Res({ passthrough: true }) response: Response) {
    const donorId = await this.donorIdOf(query.email);
    let personalData: Donor | undefined;
    // each of the donor's gifts and its events, wherever they are stored: an imported gift's creation and payment
    // are in the import's stream, not in a stream of the gift's own
    const giftEvents = new Map<string, RecordedEvent[]>();
    const pledgeIds: string[] = [];
    const otherRecords: { type: string; streamId: string; recordedAt: string; data: unknown }[] = [];
    const walkers: { walkerId: string; teamId: string; editionId: string; role: string; registeredAt: string }[] = [];
    // a rare request: one pass over the events finds every record that names the donor, whatever its kind
    for await (const event of this.store.readAll()) {
      if (event.type === 'WalkerRegistered') {
        // the same person as a walker (or captain): their registration, sealed with the same key
        const d = event.data as WalkerRegistered['data'];
        if (d.personId !== donorId) continue;
        personalData = { ...personalData, name: d.name, email: d.email };
        const { walkerId, teamId, editionId, role, registeredAt } = d;
        walkers.push({ walkerId, teamId, editionId, role, registeredAt });
        continue;
      }
      const data = event.data as { donationId?: string; pledgeId?: string };
      const ofGift = data.donationId ? giftEvents.get(data.donationId) : undefined;
      if (ofGift && DONATION_EVENT_TYPES.has(event.type)) ofGift.push(event);
      const persons = personsOf(event.data, donorId);
      if (persons.length === 0) continue;
      // the latest details win; an address or national number given once stays (as in the donors read model)
      for (const person of persons) personalData = { ...personalData, ...person };
      if (event.type === 'DonationCreated' && data.donationId) {
        if (!giftEvents.has(data.donationId)) giftEvents.set(data.donationId, [event]);
      } else if (event.type === 'PledgeMade' && data.pledgeId) pledgeIds.push(data.pledgeId);
      else otherRecords.push({ type: event.type, streamId: event.streamId, recordedAt: event.recordedAt, data });
    }
    const donations = [...giftEvents.values()].map((events) => {
      const created = events[0].data as Extract<DonationEvent, { type: 'DonationCreated' }>['data'];
      const { donor: _donor, ...gift } = created;
      return { ...gift, history: donationHistory(events.map(asDomainEvent) as DonationEvent[]) };
    });
    const pledges = await Promise.all(
      pledgeIds.map(async (id) =>
        (await this.store.readStream(pledgeStream(id))).map((e) => {
          const { sponsor: _sponsor, ...data } = e.data as { sponsor?: unknown };
          return { type: e.type, recordedAt: e.recordedAt, ...data };
        }),
      ),
    );
    response.setHeader('Content-Disposition', `attachment; filename="donor-${donorId}.json"`);
    return {
      donorId,
      exportedAt: this.clock().toISOString(),
      personalData: personalData ? withoutDonorId(personalData) : null,
      donations,
      pledges,
      walkers,
      otherRecords,
    };
  }
}

const DONATION_EVENT_TYPES = new Set<string>(donationEventTypes);

const asDomainEvent = (e: RecordedEvent) => ({ type: e.type, data: e.data });

function withoutDonorId(person: Donor): Omit<Donor, 'donorId'> {
  const { donorId: _id, ...rest } = person;
  return rest;
}

import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  type CommandOutcome,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  executeCommand,
  PersonalDataVault,
  type RecordedEvent,
} from '@rw/event-store';
import { type DonationEvent, type Donor, donationEventTypes } from '../donation/events';
import { donationHistory } from '../donation/history';
import { pledgeStream } from '../pledge/events';
import type { WalkerRegistered } from '../walker/events';
import { donorDecider, type DonorState } from './decider';
import { type DonorEvent, donorStreamId } from './events';

/**
 * Erase a person (GDPR art. 17): the erasure is recorded in their own stream, then their key is deleted, which
 * leaves every event about them unreadable. Retried after a crash in between, the record is not written twice
 * and the key is deleted.
 */
export class EraseDonorCommand extends Command<CommandOutcome<DonorEvent, DonorState>> {
  constructor(
    readonly donorId: string,
    /** Account id of the finance member. */
    readonly by: string,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(EraseDonorCommand)
export class EraseDonorHandler implements ICommandHandler<EraseDonorCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ donorId, by, at, metadata }: EraseDonorCommand) {
    if (!(this.store instanceof PersonalDataVault)) {
      throw new Error('this event store was opened without the personal-data vault');
    }
    const outcome = await executeCommand(
      this.store,
      donorStreamId(donorId),
      donorDecider,
      { type: 'EraseDonor', donorId, by, erasedAt: at },
      { metadata },
    );
    await this.store.eraseDonor(donorId);
    return outcome;
  }
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
 * Everything held about one person (GDPR art. 15): their details, their gifts with their history, their pledges,
 * their registrations as a walker and any other record that names them. A rare request: one pass over the events
 * finds every record that names the person, whatever its kind.
 */
export async function personalDataOf(store: EventStore, donorId: string) {
  let personalData: Donor | undefined;
  // each of the donor's gifts and its events, wherever they are stored: an imported gift's creation and payment
  // are in the import's stream, not in a stream of the gift's own
  const giftEvents = new Map<string, RecordedEvent[]>();
  const pledgeIds: string[] = [];
  const otherRecords: { type: string; streamId: string; recordedAt: string; data: unknown }[] = [];
  const walkers: { walkerId: string; teamId: string; editionId: string; role: string; registeredAt: string }[] = [];
  for await (const event of store.readAll()) {
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
      (await store.readStream(pledgeStream(id))).map((e) => {
        const { sponsor: _sponsor, ...data } = e.data as { sponsor?: unknown };
        return { type: e.type, recordedAt: e.recordedAt, ...data };
      }),
    ),
  );
  return {
    personalData: personalData ? withoutDonorId(personalData) : null,
    donations,
    pledges,
    walkers,
    otherRecords,
  };
}

const DONATION_EVENT_TYPES = new Set<string>(donationEventTypes);

const asDomainEvent = (e: RecordedEvent) => ({ type: e.type, data: e.data });

function withoutDonorId(person: Donor): Omit<Donor, 'donorId'> {
  const { donorId: _id, ...rest } = person;
  return rest;
}

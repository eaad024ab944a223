import { Inject } from '@nestjs/common';
import { Command, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  DomainError,
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  executeCommand,
  type GlobalPosition,
} from '@rw/event-store';
import { type Attribution, attribute } from '../beneficiary';
import { GIFT_IMPORTS_STREAM, giftImportDecider, type ImportedGift } from './decider';
import { parseGiftCsv } from './gift-csv';

export interface GiftImportResult {
  imported: number;
  /** Good lines imported before (or twice in this file): counted once. */
  skipped: number;
  errors: { line: number; reason: string }[];
  position: GlobalPosition | null;
}

export class ImportGiftsCommand extends Command<GiftImportResult> {
  constructor(
    readonly csv: string,
    readonly editionId: string | undefined,
    readonly by: string,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

@CommandHandler(ImportGiftsCommand)
export class ImportGiftsHandler implements ICommandHandler<ImportGiftsCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ csv, editionId, by, at, metadata }: ImportGiftsCommand): Promise<GiftImportResult> {
    const { gifts, errors } = parseGiftCsv(csv, editionId);
    const attributions = new Map<string, Promise<Attribution>>();
    const accepted: ImportedGift[] = [];
    for (const gift of gifts) {
      const key = `${gift.beneficiary.type}:${gift.beneficiary.id}`;
      if (!attributions.has(key)) attributions.set(key, attribute(this.store, gift.beneficiary));
      let whom: Attribution;
      try {
        whom = await (attributions.get(key) as Promise<Attribution>);
      } catch (error) {
        if (!(error instanceof DomainError)) throw error;
        errors.push({ line: gift.line, reason: error.message });
        continue;
      }
      accepted.push({
        donationId: gift.donationId,
        editionId: whom.editionId,
        beneficiary: gift.beneficiary,
        ...(whom.teamId ? { teamId: whom.teamId } : {}),
        ...(whom.walkerId ? { walkerId: whom.walkerId } : {}),
        amountCents: gift.amountCents,
        frequency: gift.frequency,
        donor: gift.donor,
        receivedOn: gift.receivedOn,
        ...(gift.reference ? { reference: gift.reference } : {}),
      });
    }
    const outcome = await executeCommand(
      this.store,
      GIFT_IMPORTS_STREAM,
      giftImportDecider,
      { type: 'ImportGifts', gifts: accepted, by, at },
      { metadata },
    );
    const imported = outcome.events.length / 2;
    return {
      imported,
      skipped: accepted.length - imported,
      errors: errors.sort((a, b) => a.line - b.line),
      position: outcome.position,
    };
  }
}

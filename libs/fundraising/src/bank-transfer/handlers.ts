import { randomUUID } from 'node:crypto';
import { Inject } from '@nestjs/common';
import { Command, CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import {
  EVENT_STORE,
  type EventMetadata,
  type EventStore,
  executeCommand,
  type GlobalPosition,
  loadState,
} from '@rw/event-store';
import { aggregateCommands } from '../aggregate-commands';
import { attribute } from '../beneficiary';
import { donationDecider, isPaid } from '../donation/decider';
import { type DonationBeneficiary, donationStream } from '../donation/events';
import {
  CreateDonationCommand,
  donationIdForKey,
  openDonation,
  SettleDonationCommand,
  SettleDonationHandler,
} from '../donation/handlers';
import { candidateCommunication, type StructuredCommunication } from '../donation/structured-communication';
import type { BankLineCommand } from './commands';
import { bankLineDecider, transferCommunicationDecider } from './decider';
import { BankLineNotAssignable, BankLineNotFound, CommunicationTaken } from './errors';
import { type BankLineFacts, bankLineStream, transferCommunicationStream, type UnmatchedReason } from './events';
import type { StatementLine } from './statement-line';

/** The provider name of a gift the donor pays by bank transfer with its structured communication. */
export const BANK_TRANSFER_PROVIDER = 'bank_transfer';

const bankLine = aggregateCommands('BankLine', bankLineDecider, (command: BankLineCommand) =>
  bankLineStream(command.type === 'RecordBankLine' ? command.line.lineId : command.lineId),
);
export const ExecuteBankLineCommand = bankLine.Execute;
export const BankLineCommandHandler = bankLine.Handler;

export interface NewTransferGift {
  beneficiary: DonationBeneficiary;
  amountCents: number;
  donor: { name: string; email: string };
  message?: string;
  anonymous: boolean;
}

export interface TransferInstructions {
  donationId: string;
  communication: StructuredCommunication;
  position: GlobalPosition | null;
}

/** A pending one-off gift the donor pays by bank transfer, with a structured communication of its own. */
export class RequestTransferGiftCommand extends Command<TransferInstructions> {
  constructor(
    readonly gift: NewTransferGift,
    readonly idempotencyKey: string | undefined,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

/** How many candidates to try before giving up: with 9 billion numbers a collision is already rare. */
const COMMUNICATION_ATTEMPTS = 20;

@CommandHandler(RequestTransferGiftCommand)
export class RequestTransferGiftHandler implements ICommandHandler<RequestTransferGiftCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ gift, idempotencyKey, at, metadata }: RequestTransferGiftCommand): Promise<TransferInstructions> {
    const donationId = idempotencyKey ? donationIdForKey(idempotencyKey) : randomUUID();
    const whom = await attribute(this.store, gift.beneficiary);
    const created = await openDonation(
      this.store,
      whom,
      {
        donationId,
        beneficiary: gift.beneficiary,
        amountCents: gift.amountCents,
        frequency: 'one_off',
        donor: gift.donor,
        message: gift.message,
        anonymous: gift.anonymous,
        provider: BANK_TRANSFER_PROVIDER,
        method: 'bank_transfer',
        at,
      },
      metadata,
    );
    // The same donation always tries the same candidates in the same order: a retry finds the one it holds.
    for (let attempt = 0; attempt < COMMUNICATION_ATTEMPTS; attempt++) {
      const communication = candidateCommunication(donationId, attempt);
      try {
        const issued = await executeCommand(
          this.store,
          transferCommunicationStream(communication),
          transferCommunicationDecider,
          { type: 'IssueTransferCommunication', communication, donationId, at },
          { metadata },
        );
        return { donationId, communication, position: issued.position ?? created.position };
      } catch (error) {
        if (!(error instanceof CommunicationTaken)) throw error;
      }
    }
    throw new Error(`no free structured communication found for donation ${donationId}`);
  }
}

/** The donation a structured communication was given to, if any. */
export async function donationOfCommunication(store: EventStore, communication: string): Promise<string | undefined> {
  const { state } = await loadState(store, transferCommunicationStream(communication), transferCommunicationDecider);
  return state.status === 'issued' ? state.donationId : undefined;
}

export interface BankStatementImport {
  /** Lines read from the statement. */
  lines: number;
  /** Credit lines that paid a pending transfer gift. */
  matched: number;
  /** Credit lines kept for a person to assign. */
  unmatched: number;
  /** Lines of an earlier import of the same statement: counted once, the first time. */
  alreadyImported: number;
  /** Money going out: not gifts, only counted. */
  debitsIgnored: number;
  position: GlobalPosition | null;
}

export class ImportBankStatementCommand extends Command<BankStatementImport> {
  constructor(
    readonly lines: readonly StatementLine[],
    readonly by: string,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

/**
 * Each credit line: the pending transfer gift its structured communication names is paid with what came in (bank
 * reference as provider reference, value date as paid date); any other credit is kept as unmatched. Line by line,
 * each step idempotent: the gift is settled before its line is recorded, so after a crash the same import finds
 * the gift paid by this very line and records it as matched.
 */
@CommandHandler(ImportBankStatementCommand)
export class ImportBankStatementHandler implements ICommandHandler<ImportBankStatementCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ lines, by, at, metadata }: ImportBankStatementCommand): Promise<BankStatementImport> {
    const summary: BankStatementImport = {
      lines: lines.length,
      matched: 0,
      unmatched: 0,
      alreadyImported: 0,
      debitsIgnored: 0,
      position: null,
    };
    const settler = new SettleDonationHandler(this.store);
    for (const line of lines) {
      if (line.amountCents <= 0) {
        summary.debitsIgnored++;
        continue;
      }
      const known = await loadState(this.store, bankLineStream(line.lineId), bankLineDecider);
      if (known.state.status !== 'none') {
        summary.alreadyImported++;
        continue;
      }
      const facts = factsOf(line);
      const outcome = await this.match(facts, settler, metadata);
      if (outcome.position !== null) summary.position = outcome.position;
      const recorded = await executeCommand(
        this.store,
        bankLineStream(line.lineId),
        bankLineDecider,
        {
          type: 'RecordBankLine',
          line: facts,
          outcome: outcome.matched
            ? { matched: true, donationId: outcome.donationId }
            : {
                matched: false,
                reason: outcome.reason,
                ...(outcome.donationId ? { donationId: outcome.donationId } : {}),
              },
          by,
          at,
        },
        { metadata },
      );
      if (recorded.position !== null) summary.position = recorded.position;
      if (outcome.matched) summary.matched++;
      else summary.unmatched++;
    }
    return summary;
  }

  private async match(
    line: BankLineFacts,
    settler: SettleDonationHandler,
    metadata: EventMetadata,
  ): Promise<
    | { matched: true; donationId: string; position: GlobalPosition | null }
    | { matched: false; reason: UnmatchedReason; donationId?: string; position: null }
  > {
    if (!line.structuredCommunication) return { matched: false, reason: 'no_communication', position: null };
    const donationId = await donationOfCommunication(this.store, line.structuredCommunication);
    if (!donationId) return { matched: false, reason: 'unknown_communication', position: null };
    const { state } = await loadState(this.store, donationStream(donationId), donationDecider);
    const providerReference = providerReferenceOf(line);
    if (isPaid(state) && state.providerReference === providerReference) {
      return { matched: true, donationId, position: null };
    }
    if (state.status !== 'pending' || state.gift.provider !== BANK_TRANSFER_PROVIDER) {
      return { matched: false, reason: 'donation_not_pending', donationId, position: null };
    }
    const settled = await settler.execute(
      new SettleDonationCommand(
        {
          type: 'SettleDonation',
          donationId,
          outcome: 'paid',
          providerReference,
          receivedCents: line.amountCents,
          paidOn: line.valueOn,
          at: `${line.valueOn}T00:00:00.000Z`,
        },
        metadata,
      ),
    );
    return { matched: true, donationId, position: settled.position };
  }
}

function providerReferenceOf(line: BankLineFacts): string {
  return line.bankReference ? line.bankReference : `bank-line:${line.lineId}`;
}

function factsOf(line: StatementLine): BankLineFacts {
  const { fileLine: _fileLine, ...facts } = line;
  return facts;
}

export class AssignBankLineCommand extends Command<{
  lineId: string;
  donationId: string;
  position: GlobalPosition | null;
}> {
  constructor(
    readonly lineId: string,
    readonly beneficiary: DonationBeneficiary,
    readonly donor: { name: string; email: string },
    readonly by: string,
    readonly at: string,
    readonly metadata: EventMetadata = {},
  ) {
    super();
  }
}

/**
 * A person says whose gift an unmatched line is: it becomes an offline bank-transfer gift of the amount received
 * on its value date. The gift's id comes from the line, so a double click creates one gift.
 */
@CommandHandler(AssignBankLineCommand)
export class AssignBankLineHandler implements ICommandHandler<AssignBankLineCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly commands: CommandBus,
  ) {}

  async execute({ lineId, beneficiary, donor, by, at, metadata }: AssignBankLineCommand) {
    const { state } = await loadState(this.store, bankLineStream(lineId), bankLineDecider);
    if (state.status === 'none') throw new BankLineNotFound(lineId);
    if (state.status === 'matched') throw new BankLineNotAssignable(lineId, `it paid gift ${state.donationId} already`);
    const { line } = state;
    const gift = await this.commands.execute(
      new CreateDonationCommand(
        {
          beneficiary,
          amountCents: line.amountCents,
          frequency: 'one_off',
          donor,
          anonymous: false,
          offline: {
            by,
            method: 'bank_transfer',
            receivedOn: line.valueOn,
            reference: line.bankReference ?? line.communication ?? `bank-line:${lineId}`,
          },
        },
        `bank-line:${lineId}`,
        '',
        `${line.valueOn}T00:00:00.000Z`,
        metadata,
      ),
    );
    const assigned = await executeCommand(
      this.store,
      bankLineStream(lineId),
      bankLineDecider,
      { type: 'AssignBankLine', lineId, donationId: gift.donationId, beneficiary, by, at },
      { metadata },
    );
    return { lineId, donationId: gift.donationId, position: assigned.position ?? gift.position };
  }
}

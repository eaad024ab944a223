import type { DatabaseSync } from 'node:sqlite';
import { Injectable } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import type { RecordedEvent } from '@rw/event-store';
import { ExecutePledgeCommand, type PledgeMade, type WalkerDistanceRecorded } from '@rw/fundraising';
import { teamAverageKm, unpaidPledgesOn, walkerKm } from '@rw/read-models';
import type { Effect, Reactor } from './reactor';

/**
 * When a walker's distance is recorded, the open pledges on that walker and on their team fall due: a pledge to a
 * walker for the walker's distance, a pledge to a team for the team's average. A pledge made once the distance is
 * known (a sponsor late to the party) falls due at once, the same way. A reaction, not the work of the request that
 * recorded the distance or made the pledge: a crash between the two leaves nothing open.
 */
@Injectable()
export class PledgesDueReactor implements Reactor {
  readonly name = 'pledges-due';
  readonly eventTypes = ['WalkerDistanceRecorded', 'PledgeMade'] satisfies (
    | WalkerDistanceRecorded['type']
    | PledgeMade['type']
  )[];

  constructor(private readonly commands: CommandBus) {}

  effectsOf(recorded: RecordedEvent, db: DatabaseSync): Effect[] {
    if (recorded.type === 'PledgeMade') return this.effectsOfPledge(recorded, db);
    const { walkerId, teamId, km, recordedAt } = (recorded as unknown as WalkerDistanceRecorded).data;
    const effects: Effect[] = [];
    for (const pledge of unpaidPledgesOn(db, walkerId, teamId)) {
      // the team's average as the read models know it now (this distance included)
      const due = pledge.beneficiaryType === 'walker' ? km : teamAverageKm(db, teamId);
      if (due === null) continue;
      effects.push({
        key: `pledge-due-${pledge.pledgeId}-${recorded.id}`,
        payload: { pledgeId: pledge.pledgeId, km: due, at: recordedAt, correlationId: recorded.metadata.correlationId },
      });
    }
    return effects;
  }

  /** A pledge made after its walker's distance (or one of its team's) was recorded is due at once. */
  private effectsOfPledge(recorded: RecordedEvent, db: DatabaseSync): Effect[] {
    const { pledgeId, beneficiary, teamId, madeAt } = (recorded as unknown as PledgeMade).data;
    const km = beneficiary.type === 'walker' ? walkerKm(db, beneficiary.id) : teamAverageKm(db, teamId);
    if (km === null) return [];
    return [
      {
        key: `pledge-due-${pledgeId}-${recorded.id}`,
        payload: { pledgeId, km, at: madeAt, correlationId: recorded.metadata.correlationId },
      },
    ];
  }

  async perform(payload: Record<string, unknown>, key: string): Promise<void> {
    const { pledgeId, km, at, correlationId } = payload as {
      pledgeId: string;
      km: number;
      at: string;
      correlationId?: string;
    };
    // a pledge already due for this distance, paid or cancelled meanwhile: the decider answers with no event
    await this.commands.execute(
      new ExecutePledgeCommand(
        { type: 'MarkPledgeDue', pledgeId, km, at },
        { ...(correlationId ? { correlationId } : {}), causationId: key },
      ),
    );
  }
}

import { randomUUID } from 'node:crypto';
import type { INestApplicationContext } from '@nestjs/common';
import { type Command, CommandBus } from '@nestjs/cqrs';
import { ConcurrencyConflict, EVENT_STORE, type EventMetadata, type EventStore } from '@rw/event-store';
import {
  CreateDonationCommand,
  ExecuteDonationCommand,
  ExecuteEditionCommand,
  ExecuteWalkerCommand,
  JoinTeamCommand,
  RegisterTeamCommand,
  type Registration,
} from '@rw/fundraising';
import { type EditionStats, editionStats, ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import type { PlatformConfig } from '@rw/runtime/config/config';
import { DataDirLock } from '@rw/runtime/infrastructure/data-dir-lock';
import { openEventStore } from '@rw/runtime/infrastructure/event-store.factory';
import type { Logger } from '@rw/runtime/logging/logger';
import { openCliContext } from '../context';
import { type Progress, type ProgressBar, silentProgress } from '../progress';
import { type DemoBeneficiary, type DemoFigures, type DemoGift, type DemoPlan, type DemoScale, demoPlan } from './plan';

/** seed-demo only writes into an empty event store: demo gifts must never mix with real ones. */
export class EventStoreNotEmpty extends Error {
  override name = 'EventStoreNotEmpty';
}

/** The ids the handlers made, by the plan's indices. */
export interface SeededIds {
  editionId: string;
  routeIds: string[];
  teamIds: string[];
  walkerIds: string[];
  donationIds: string[];
}

export interface SeedReport {
  scale: DemoScale;
  ids: SeededIds;
  /** What the read models show once they caught up. */
  stats: EditionStats;
  /** What the plan adds up to; `stats` must agree with it. */
  expected: DemoFigures;
  /** Commands sent through the command bus. */
  commands: number;
  milliseconds: number;
}

export interface SeedOptions {
  logger: Logger;
  /** Commands in flight at once (the SQLite store commits concurrent appends together). */
  concurrency?: number;
  /** Where each phase shows how far it is (a bar per phase on a terminal); nothing by default. */
  progress?: Progress;
}

/**
 * `seed-demo`: opens the CLI's context on the configured store and writes a deterministic demo edition through the
 * real command handlers: the edition, its teams and walkers, their registration fees, gifts settled through the
 * sandbox and monthly charges. Refuses an event store that already holds events.
 */
export async function seedDemo(config: PlatformConfig, scale: DemoScale, options: SeedOptions): Promise<SeedReport> {
  await ensureEmpty(config);
  const app = await openCliContext({ config, logger: options.logger, holder: 'seed-demo' });
  try {
    return await seedInto(app, demoPlan(scale), options);
  } finally {
    await app.close();
  }
}

/** Number of events in the configured store; opens it on its own, and refuses while the platform runs on DATA_DIR. */
export async function ensureEmpty(config: PlatformConfig): Promise<void> {
  const lock = DataDirLock.acquire(config.DATA_DIR, 'seed-demo');
  const store = await openEventStore(config);
  try {
    const head = await store.headPosition();
    if (head !== null) {
      const where = config.EVENT_STORE === 'sqlite' ? `DATA_DIR ${config.DATA_DIR}` : 'the EventStoreDB server';
      throw new EventStoreNotEmpty(
        `${where} already holds events (up to position ${head}): seed-demo writes only into an empty event store, ` +
          'so that demo gifts never mix with real ones; point DATA_DIR at a new folder',
      );
    }
  } finally {
    await store.close();
    lock.release();
  }
}

/** Writes `plan` into an initialised context (the CLI's or the platform's) and waits for its read models. */
export async function seedInto(
  app: INestApplicationContext,
  plan: DemoPlan,
  options: SeedOptions,
): Promise<SeedReport> {
  const started = Date.now();
  const seeder = new Seeder(app.get(CommandBus), plan, options);
  const ids = await seeder.run();
  await readModelsCaughtUp(app, options.progress ?? silentProgress);
  const stats = editionStats(app.get(ReadModelDatabase).db, ids.editionId);
  if (!stats) throw new Error(`the read models do not know edition ${ids.editionId}`);
  return {
    scale: plan.scale,
    ids,
    stats,
    expected: plan.expected,
    commands: seeder.commands,
    milliseconds: Date.now() - started,
  };
}

/** Waits for the read models, showing the position they reached against the store's head. */
async function readModelsCaughtUp(app: INestApplicationContext, progress: Progress): Promise<void> {
  const runner = app.get(ProjectionRunner);
  const head = await app.get<EventStore>(EVENT_STORE).headPosition();
  const bar = progress.bar('read models', Number(head ?? 0n));
  const timer = setInterval(() => bar.update(Number(runner.position() ?? 0n)), 200);
  try {
    await runner.catchUp(10 * 60_000);
  } finally {
    clearInterval(timer);
  }
  bar.stop();
}

class Seeder {
  commands = 0;
  private readonly metadata: EventMetadata;
  private readonly concurrency: number;
  private readonly progress: Progress;
  /** The bar of the phase under way. */
  private bar: ProgressBar = silentProgress.bar('', 0);

  constructor(
    private readonly bus: CommandBus,
    private readonly plan: DemoPlan,
    options: SeedOptions,
  ) {
    this.metadata = { correlationId: `seed-demo-${plan.scale}-${randomUUID()}` };
    this.concurrency = options.concurrency ?? 16;
    this.progress = options.progress ?? silentProgress;
  }

  async run(): Promise<SeededIds> {
    const { plan } = this;
    const editionId = randomUUID();
    const routeIds = plan.edition.routes.map(() => randomUUID());
    await this.phase('edition', 1, async () => {
      await this.execute(
        new ExecuteEditionCommand(
          {
            type: 'CreateEdition',
            editionId,
            name: plan.edition.name,
            walkOn: plan.edition.walkOn,
            routes: plan.edition.routes.map((route, i) => ({ routeId: routeIds[i], ...route })),
            at: plan.edition.createdAt,
            by: 'seed-demo',
          },
          this.metadata,
        ),
      );
    });

    const registrations: Registration[] = [];
    await this.phase('teams', plan.teams.length, () =>
      this.inParallel(plan.teams, async (team, i) => {
        const captain = plan.walkers[team.captain];
        registrations[i] = await this.retried(() =>
          this.execute(
            new RegisterTeamCommand(
              editionId,
              { name: team.name, routeId: routeIds[team.route], targetCents: team.targetCents },
              {
                name: captain.name,
                email: captain.email,
                targetCents: captain.targetCents,
                story: captain.story,
              },
              '',
              team.registeredAt,
              this.metadata,
            ),
          ),
        );
      }),
    );
    const teamIds = registrations.map((r) => r.teamId);
    const walkerIds = registrations.map((r) => r.walkerId);

    const members = plan.walkers.slice(plan.teams.length);
    await this.phase('walkers joining', members.length, () =>
      this.inParallel(members, async (walker, i) => {
        const team = registrations[walker.team];
        const joined = await this.retried(() =>
          this.execute(
            new JoinTeamCommand(
              team.teamId,
              {
                name: walker.name,
                email: walker.email,
                joinCode: team.joinCode,
                targetCents: walker.targetCents,
                story: walker.story,
              },
              '',
              walker.registeredAt,
              this.metadata,
            ),
          ),
        );
        walkerIds[plan.teams.length + i] = joined.walkerId;
      }),
    );

    const owing = plan.walkers.flatMap((walker, i) => (walker.fee === 'pending' ? [] : [{ walker, i }]));
    await this.phase('registration fees', owing.length, () =>
      this.inParallel(owing, async ({ walker, i }) => {
        const walkerId = walkerIds[i];
        const feeCents = plan.edition.routes[plan.teams[walker.team].route].registrationFeeCents;
        await this.execute(
          new ExecuteWalkerCommand(
            walker.fee === 'paid'
              ? {
                  type: 'PayRegistrationFee',
                  walkerId,
                  feeCents,
                  paymentReference: `sandbox_fee-${walkerId}`,
                  at: walker.feeSettledAt,
                }
              : {
                  type: 'WaiveRegistrationFee',
                  walkerId,
                  by: 'seed-demo',
                  reason: 'refugee: walks free',
                  at: walker.feeSettledAt,
                },
            this.metadata,
          ),
        );
      }),
    );

    const donationIds: string[] = [];
    const beneficiary = (to: DemoBeneficiary) => {
      if (to.type === 'walker') return { type: 'walker' as const, id: walkerIds[to.walker] };
      if (to.type === 'team') return { type: 'team' as const, id: teamIds[to.team] };
      return { type: 'edition' as const, id: editionId };
    };
    await this.phase('gifts', plan.gifts.length, () =>
      this.inParallel(plan.gifts, async (gift, i) => {
        donationIds[i] = await this.give(gift, beneficiary(gift.beneficiary));
      }),
    );
    return { editionId, routeIds, teamIds, walkerIds, donationIds };
  }

  /** A gift as a donor makes it: created, settled by the (sandbox) provider, then charged monthly. */
  private async give(gift: DemoGift, beneficiary: { type: 'walker' | 'team' | 'edition'; id: string }) {
    const { donationId } = await this.execute(
      new CreateDonationCommand(
        {
          beneficiary,
          amountCents: gift.amountCents,
          frequency: gift.frequency,
          donor: gift.donor,
          message: gift.message,
          anonymous: gift.anonymous,
          method: gift.method,
        },
        undefined,
        '',
        gift.createdAt,
        this.metadata,
      ),
    );
    await this.execute(
      new ExecuteDonationCommand(
        {
          type: 'SettleDonation',
          donationId,
          outcome: gift.outcome,
          providerReference: `sandbox_${donationId}`,
          ...(gift.outcome === 'failed' ? { reason: 'declined in the sandbox' } : {}),
          at: gift.settledAt,
        },
        this.metadata,
      ),
    );
    for (const [n, at] of gift.chargesAt.entries()) {
      const chargeId = `charge-${n + 1}`;
      await this.execute(
        new ExecuteDonationCommand(
          {
            type: 'RecordMonthlyCharge',
            donationId,
            chargeId,
            amountCents: gift.amountCents,
            providerReference: `sandbox_${donationId}_${chargeId}`,
            at,
          },
          this.metadata,
        ),
      );
    }
    return donationId;
  }

  private execute<R>(command: Command<R>): Promise<R> {
    this.commands++;
    return this.bus.execute(command);
  }

  /** Walkers joining the same team at once can outrun the handler's own retries; a registration is safe to redo. */
  private async retried<T>(work: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await work();
      } catch (error) {
        if (!(error instanceof ConcurrencyConflict) || attempt >= 5) throw error;
      }
    }
  }

  private async inParallel<T>(items: readonly T[], work: (item: T, index: number) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) {
        const index = next++;
        await work(items[index], index);
        this.bar.increment();
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, items.length) }, worker));
  }

  /** One phase of the seed, drawn as one bar that `inParallel` moves item by item. */
  private async phase(name: string, count: number, work: () => Promise<void>): Promise<void> {
    this.bar = this.progress.bar(name, count);
    await work();
    this.bar.stop();
  }
}

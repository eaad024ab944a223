import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import {
  type DynamicModule,
  Inject,
  Injectable,
  Module,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
  type Provider,
} from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { EffectClaims, EVENT_STORE, type EventStore } from '@rw/event-store';
import {
  AccountCommandHandler,
  ApplyPaymentFactsHandler,
  CreateDonationHandler,
  DonationCommandHandler,
  EditionCommandHandler,
  JoinTeamHandler,
  PledgeCommandHandler,
  RegisterTeamHandler,
  SettleDonationHandler,
  WalkerCommandHandler,
} from '@rw/fundraising';
import { ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import { PAYMENT_PROVIDER } from '@rw/payments';
import { PlatformConfig } from '@rw/runtime/config/config';
import { DataDirLock } from '@rw/runtime/infrastructure/data-dir-lock';
import { openEventStore } from '@rw/runtime/infrastructure/event-store.factory';
import { readSideProviders } from '@rw/runtime/infrastructure/read-side.providers';
import { openPaymentProvider } from '@rw/runtime/infrastructure/payment-provider.factory';
import { ProjectionService } from '@rw/runtime/infrastructure/projection.service';
import { CLOCK, LOGGER } from '@rw/runtime/infrastructure/tokens';
import type { Logger } from '@rw/runtime/logging/logger';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { MonthlyStartReactor } from '@rw/runtime/reactors/monthly-start.reactor';
import { PledgesDueReactor } from '@rw/runtime/reactors/pledges-due.reactor';
import { REACTORS, type Reactor } from '@rw/runtime/reactors/reactor';
import { ReactorRunner } from '@rw/runtime/reactors/reactor-runner';

export interface CliContextOptions {
  config: PlatformConfig;
  logger: Logger;
  /** Named in the DATA_DIR lock, so that the platform started meanwhile says who holds it. */
  holder: string;
  /**
   * With the reactors and reconciliation: for work that sets off effects (a monthly gift found paid asks the
   * provider to start the months after), which the command then waits for before the process ends.
   */
  reactions?: boolean;
}

/**
 * Opens the read side on start (the read models catch up with the event store before the command runs) and
 * closes everything on the way out: projections' batch in hand, then the stores, then the DATA_DIR lock. The
 * reactors (a level further from the stores) stop before this does.
 */
@Injectable()
class CliLifecycle implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModelDatabase) private readonly database: ReadModelDatabase,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    private readonly lock: DataDirLock,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runner.start();
    await this.runner.catchUp(10 * 60_000);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.runner.stop();
    await this.store.close();
    this.database.close();
    this.lock.release();
  }
}

/**
 * The CLI's own Nest application context: the event store, the read models and the command handlers of the
 * platform, built from the same configuration, without its HTTP side (no controllers, pages, mail or timers). Mail
 * that the CLI's work decides (a receipt, a welcome) waits in the read models' queue and is sent by the platform.
 */
@Module({})
export class CliModule {
  static forRoot({ config, logger, reactions = false }: CliContextOptions, lock: DataDirLock): DynamicModule {
    const reactionProviders: Provider[] = [
      PledgesDueReactor,
      MonthlyStartReactor,
      {
        provide: REACTORS,
        inject: [PledgesDueReactor, MonthlyStartReactor],
        useFactory: (...reactors: Reactor[]) => reactors,
      },
      ReactorRunner,
      Reconciliation,
    ];
    return {
      module: CliModule,
      imports: [CqrsModule.forRoot()],
      providers: [
        { provide: PlatformConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: CLOCK, useValue: () => new Date() },
        { provide: DataDirLock, useValue: lock },
        {
          provide: EVENT_STORE,
          // after the lock, as in the platform: opening may move a key file of DATA_DIR into EventStoreDB
          inject: [DataDirLock],
          useFactory: () => openEventStore(config, (fields, message) => logger.info(fields, message)),
        },
        ...readSideProviders(config.DATA_DIR, logger),
        ProjectionService,
        CliLifecycle,
        { provide: PAYMENT_PROVIDER, useFactory: () => openPaymentProvider(config) },
        {
          // this process: its claims end with their lease if it is killed
          provide: EffectClaims,
          inject: [EVENT_STORE],
          useFactory: (store: EventStore) =>
            new EffectClaims(store, {
              instance: `${hostname()}-${process.pid}-cli-${randomUUID().slice(0, 8)}`,
              leaseMs: config.EFFECT_LEASE_SECONDS * 1_000,
            }),
        },
        // the commands the CLI's work sends, and those its reactions send
        AccountCommandHandler,
        EditionCommandHandler,
        RegisterTeamHandler,
        JoinTeamHandler,
        WalkerCommandHandler,
        CreateDonationHandler,
        DonationCommandHandler,
        SettleDonationHandler,
        ApplyPaymentFactsHandler,
        PledgeCommandHandler,
        ...(reactions ? reactionProviders : []),
      ],
    };
  }
}

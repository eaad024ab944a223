import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { type DynamicModule, Global, Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { ThrottlerModule } from '@nestjs/throttler';
import { EffectClaims, EVENT_STORE, type EventStore } from '@rw/event-store';
import { ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import { PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import { PlatformConfig } from '../config/config';
import { FixedWindowThrottlerStorage } from '../http/fixed-window-throttler-storage';
import type { Logger } from '../logging/logger';
import { DataDirLock } from '@rw/runtime/infrastructure/data-dir-lock';
import { openEventStore } from '@rw/runtime/infrastructure/event-store.factory';
import { readSideProviders } from '@rw/runtime/infrastructure/read-side.providers';
import { openPaymentProvider } from '@rw/runtime/infrastructure/payment-provider.factory';
import { ClosingStores } from './platform-lifecycle';
import { ProjectionService } from './projection.service';
import { CLOCK, type Clock, LOGGER } from './tokens';

export interface PlatformOptions {
  config: PlatformConfig;
  logger: Logger;
  /** Tests pass their own store or clock; the configuration decides otherwise. */
  eventStore?: EventStore;
  paymentProvider?: PaymentProvider;
  clock?: Clock;
}

/**
 * What every capability uses, opened once per process: configuration, logger, clock, the event store, the read
 * models and their runner, the payment provider, effect claims, the command bus and the rate limits.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config, logger } = options;
    const providers = [
      { provide: PlatformConfig, useValue: config },
      { provide: LOGGER, useValue: logger },
      { provide: CLOCK, useValue: options.clock ?? (() => new Date()) },
      { provide: DataDirLock, useFactory: () => DataDirLock.acquire(config.DATA_DIR, 'the platform') },
      {
        provide: EVENT_STORE,
        // after the lock: opening may move a key file of DATA_DIR into EventStoreDB
        inject: [DataDirLock],
        useFactory: () =>
          options.eventStore ?? openEventStore(config, (fields, message) => logger.info(fields, message)),
      },
      ...readSideProviders(config.DATA_DIR, logger),
      ProjectionService,
      {
        // this running process: a restarted instance is a new one, and its old claims end with their lease
        provide: EffectClaims,
        inject: [EVENT_STORE],
        useFactory: (store: EventStore) =>
          new EffectClaims(store, {
            instance: `${hostname()}-${process.pid}-${randomUUID().slice(0, 8)}`,
            leaseMs: config.EFFECT_LEASE_SECONDS * 1_000,
          }),
      },
      {
        provide: PAYMENT_PROVIDER,
        useFactory: () => options.paymentProvider ?? openPaymentProvider(config),
      },
    ];
    return {
      module: CoreModule,
      // not exported: it only closes the stores, last of all on shutdown
      imports: [
        CqrsModule.forRoot(),
        ThrottlerModule.forRoot({
          storage: new FixedWindowThrottlerStorage(),
          throttlers: [
            { name: 'public', ttl: 60_000, limit: config.PUBLIC_POSTS_PER_MINUTE },
            { name: 'webhook', ttl: 60_000, limit: config.WEBHOOK_POSTS_PER_MINUTE },
          ],
        }),
      ],
      providers: [...providers, ClosingStores],
      exports: [
        PlatformConfig,
        LOGGER,
        CLOCK,
        DataDirLock,
        EVENT_STORE,
        ReadModelDatabase,
        ProjectionRunner,
        ProjectionService,
        EffectClaims,
        PAYMENT_PROVIDER,
        CqrsModule,
        ThrottlerModule,
      ],
    };
  }
}

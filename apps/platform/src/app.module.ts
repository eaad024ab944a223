import { join } from 'node:path';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { JwtModule } from '@nestjs/jwt';
import { ThrottlerModule } from '@nestjs/throttler';
import { EffectClaims, EVENT_STORE, type EventStore } from '@rw/event-store';
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import {
  AccountCommandHandler,
  ApplyPaymentFactsHandler,
  AssignBankLineHandler,
  BankLineCommandHandler,
  CreateDonationHandler,
  DonationCommandHandler,
  EditionCommandHandler,
  ImportBankStatementHandler,
  ImportGiftsHandler,
  JoinTeamHandler,
  MakePledgeHandler,
  PledgeCommandHandler,
  RegisterTeamHandler,
  RequestRefundHandler,
  RequestTransferGiftHandler,
  SettleDonationHandler,
  TaxCertificatesCommandHandler,
  WalkerCommandHandler,
} from '@rw/fundraising';
import { PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import { allProjections, ProjectionRunner, ReadModelDatabase } from '@rw/read-models';
import { AccountsController } from './accounts/accounts.controller';
import { AuthService, StaffGuard } from './accounts/auth';
import { LoginLimits } from './accounts/login-limits';
import { Passwords } from './accounts/passwords';
import { PrivateLinks } from './accounts/private-links';
import { tokenSecret } from './accounts/token-secret';
import { PlatformConfig } from './config/config';
import { DonationsController } from './donations/donations.controller';
import { EditionsController } from './editions/editions.controller';
import { TaxCertificatesController } from './finance/tax-certificates.controller';
import { LedgerExportController } from './finance/export.controller';
import { FinanceFlagsController } from './finance/flags.controller';
import { Reconciliation } from './payments/reconciliation';
import { PledgesController } from './pledges/pledges.controller';
import { MonthlyStartReactor } from './reactors/monthly-start.reactor';
import { PledgesDueReactor } from './reactors/pledges-due.reactor';
import { REACTORS, type Reactor } from './reactors/reactor';
import { ReactorRunner } from './reactors/reactor-runner';
import { RegistrationFees, SandboxRegistrationFeesController } from './sandbox/registration-fees';
import { SandboxPagesController } from './sandbox/sandbox-pages.controller';
import { DonorStatsController } from './stats/donor-stats.controller';
import { WebhooksController } from './webhooks/webhooks.controller';
import { DonorsController } from './donors/donors.controller';
import { FundraisersController } from './fundraisers/fundraisers.controller';
import { HealthController } from './health/health.controller';
import { ImportsController } from './imports/imports.controller';
import { MailDispatcher } from './mail/mail-dispatcher';
import { MAIL_SENDER } from './mail/mail-sender';
import { openMailSender } from './mail/mail-sender.factory';
import { OutboxController } from './mail/outbox.controller';
import { LiveBroadcaster } from './live/live-broadcaster';
import { LiveController } from './live/live.controller';
import { ScreenController } from './screen/screen.controller';
import { DeskController } from './desk/desk.controller';
import { DeskGuard } from './desk/desk-session';
import { AssetsController } from './pages/assets';
import { CsrfGuard, CsrfTokens } from './pages/csrf';
import { FeePaymentController } from './pages/fee-payment.controller';
import { GiftLinksController } from './pages/gift-links.controller';
import { GiveController } from './pages/give.controller';
import { PagesController } from './pages/pages.controller';
import { RegistrationController } from './pages/registration.controller';
import { WalkerEditController } from './pages/walker-edit.controller';
import { FixedWindowThrottlerStorage } from './http/fixed-window-throttler-storage';
import { DataDirLock } from './infrastructure/data-dir-lock';
import { openEventStore, READ_MODEL_FILE } from './infrastructure/event-store.factory';
import { openPaymentProvider } from './infrastructure/payment-provider.factory';
import { PlatformLifecycle } from './infrastructure/platform-lifecycle';
import { ProjectionService } from './infrastructure/projection.service';
import { CLOCK, type Clock, LOGGER } from './infrastructure/tokens';
import type { Logger } from './logging/logger';

export interface PlatformOptions {
  config: PlatformConfig;
  logger: Logger;
  /** Tests pass their own store or clock; the configuration decides otherwise. */
  eventStore?: EventStore;
  paymentProvider?: PaymentProvider;
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    const { config, logger } = options;
    const throttlerStorage = new FixedWindowThrottlerStorage();
    return {
      module: AppModule,
      imports: [
        CqrsModule.forRoot(),
        JwtModule.register({
          secret: tokenSecret(config),
          signOptions: { expiresIn: config.AUTH_TOKEN_TTL_MINUTES * 60, issuer: 'refugee-walk' },
          verifyOptions: { issuer: 'refugee-walk' },
        }),
        ThrottlerModule.forRoot({
          storage: throttlerStorage,
          throttlers: [
            { name: 'public', ttl: 60_000, limit: config.PUBLIC_POSTS_PER_MINUTE },
            { name: 'webhook', ttl: 60_000, limit: config.WEBHOOK_POSTS_PER_MINUTE },
          ],
        }),
      ],
      controllers: [
        HealthController,
        AccountsController,
        EditionsController,
        FundraisersController,
        DonationsController,
        PledgesController,
        SandboxPagesController,
        SandboxRegistrationFeesController,
        WebhooksController,
        TaxCertificatesController,
        ImportsController,
        LedgerExportController,
        FinanceFlagsController,
        DonorStatsController,
        OutboxController,
        DonorsController,
        AssetsController,
        PagesController,
        GiveController,
        RegistrationController,
        WalkerEditController,
        GiftLinksController,
        FeePaymentController,
        LiveController,
        ScreenController,
        DeskController,
      ],
      providers: [
        { provide: PlatformConfig, useValue: config },
        { provide: LOGGER, useValue: logger },
        { provide: CLOCK, useValue: options.clock ?? (() => new Date()) },
        {
          provide: EVENT_STORE,
          // after the lock: opening may move a key file of DATA_DIR into EventStoreDB
          inject: [DataDirLock],
          useFactory: () =>
            options.eventStore ?? openEventStore(config, (fields, message) => logger.info(fields, message)),
        },
        { provide: DataDirLock, useFactory: () => DataDirLock.acquire(config.DATA_DIR, 'the platform') },
        {
          provide: ReadModelDatabase,
          inject: [DataDirLock],
          useFactory: () => new ReadModelDatabase(join(config.DATA_DIR, READ_MODEL_FILE)),
        },
        {
          provide: ProjectionRunner,
          inject: [EVENT_STORE, ReadModelDatabase],
          useFactory: (store: EventStore, database: ReadModelDatabase) =>
            new ProjectionRunner(store, database, allProjections, {
              logger: {
                info: (message, fields) => logger.info(fields ?? {}, message),
                error: (message, fields) => logger.error(fields ?? {}, message),
              },
            }),
        },
        ProjectionService,
        PlatformLifecycle,
        AuthService,
        { provide: Passwords, useValue: new Passwords() },
        { provide: LoginLimits, useFactory: () => new LoginLimits(config.LOGIN_ATTEMPTS_PER_15_MINUTES) },
        PrivateLinks,
        CsrfTokens,
        CsrfGuard,
        { provide: APP_GUARD, useClass: StaffGuard },
        AccountCommandHandler,
        EditionCommandHandler,
        RegisterTeamHandler,
        JoinTeamHandler,
        WalkerCommandHandler,
        CreateDonationHandler,
        DonationCommandHandler,
        SettleDonationHandler,
        ApplyPaymentFactsHandler,
        RequestRefundHandler,
        MakePledgeHandler,
        PledgeCommandHandler,
        TaxCertificatesCommandHandler,
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
        PledgesDueReactor,
        MonthlyStartReactor,
        {
          provide: REACTORS,
          inject: [PledgesDueReactor, MonthlyStartReactor],
          useFactory: (...reactors: Reactor[]) => reactors,
        },
        ReactorRunner,
        RegistrationFees,
        {
          provide: PAYMENT_PROVIDER,
          useFactory: () => options.paymentProvider ?? openPaymentProvider(config),
        },
        Reconciliation,
        // bank transfers and imports
        RequestTransferGiftHandler,
        ImportBankStatementHandler,
        BankLineCommandHandler,
        AssignBankLineHandler,
        ImportGiftsHandler,
        { provide: MAIL_SENDER, inject: [DataDirLock], useFactory: () => openMailSender(config, logger) },
        MailDispatcher,
        LiveBroadcaster,
        DeskGuard,
      ],
    };
  }
}

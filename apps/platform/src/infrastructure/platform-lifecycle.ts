import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { EmailAlreadyHasAccount, ExecuteAccountCommand, normaliseEmail } from '@rw/fundraising';
import { accountCount, hasAdministrator, ProjectionRunner, ReadModelDatabase, staffAccounts } from '@rw/read-models';
import { createHash } from 'node:crypto';
import { Passwords } from '../accounts/passwords';
import { PlatformConfig } from '../config/config';
import type { Logger } from '../logging/logger';
import { DataDirLock } from '@rw/runtime/infrastructure/data-dir-lock';
import { CLOCK, type Clock, LOGGER } from './tokens';

/**
 * Start: the read models catch up with the event store before the first request, then the first admin account
 * is created when none exists (or, on a store from before the administrator role, made an administrator). It is
 * provided by the application module, whose hooks run after every capability's: the command bus has its handlers.
 */
@Injectable()
export class PlatformLifecycle implements OnApplicationBootstrap {
  constructor(
    private readonly config: PlatformConfig,
    @Inject(ReadModelDatabase) private readonly database: ReadModelDatabase,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    private readonly commands: CommandBus,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly passwords: Passwords,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.runner.start();
    const started = Date.now();
    await this.runner.catchUp(10 * 60_000);
    this.logger.info({ ms: Date.now() - started, ...this.positions() }, 'read models caught up');
    await this.ensureFirstAdmin();
    await this.ensureAdministrator();
  }

  private positions() {
    const { projections } = this.runner.status();
    return { checkpoints: Object.fromEntries(projections.map((p) => [p.name, p.checkpoint?.toString() ?? null])) };
  }

  private async ensureFirstAdmin(): Promise<void> {
    if (accountCount(this.database.db) > 0) return;
    const { ADMIN_EMAIL: email, ADMIN_PASSWORD: password } = this.config;
    if (!email || !password) {
      this.logger.warn('no staff account exists yet: set ADMIN_EMAIL and ADMIN_PASSWORD to create the first admin');
      return;
    }
    let outcome: { position: bigint | null };
    try {
      outcome = await this.commands.execute(
        new ExecuteAccountCommand({
          type: 'CreateAccount',
          // the same id on every instance: instances started together on one EventStoreDB all create this account,
          // and the account's decider takes the same account created again as a retry (no event, no error)
          accountId: firstAdminId(email),
          email,
          name: 'Administrator',
          roles: ['administrator', 'organiser', 'finance'],
          passwordHash: await this.passwords.hash(password),
          at: this.clock().toISOString(),
          by: 'bootstrap',
        }),
      );
    } catch (error) {
      if (!(error instanceof EmailAlreadyHasAccount)) throw error;
      // an account for this address exists already (made by someone else since this instance's read models
      // were last caught up): there is a first admin
      this.logger.info({ email }, 'the first admin account exists already');
      return;
    }
    if (outcome.position === null) {
      this.logger.info({ email }, 'first admin account created by another instance');
      return;
    }
    await this.runner.waitFor(outcome.position);
    this.logger.info({ email }, 'first admin account created (roles administrator, organiser, finance)');
  }

  /**
   * Stores from before the administrator role have no administrator, and nobody could create or disable an
   * account. The first admin (the account created at start-up, "bootstrap") held every power then, so it is
   * made an administrator, once, by an event of its own: history keeps what it was and when that changed.
   */
  private async ensureAdministrator(): Promise<void> {
    const db = this.database.db;
    if (hasAdministrator(db)) return;
    const first = staffAccounts(db).find((account) => account.createdBy === 'bootstrap');
    if (!first) return;
    const outcome = await this.commands.execute(
      new ExecuteAccountCommand({
        type: 'ChangeRoles',
        accountId: first.id,
        email: first.email,
        roles: [...first.roles, 'administrator'],
        at: this.clock().toISOString(),
        by: 'bootstrap',
      }),
    );
    if (outcome.position !== null) await this.runner.waitFor(outcome.position);
    this.logger.info({ email: first.email }, 'the first admin account is now an administrator');
  }
}

/**
 * Stop (after the HTTP server stopped taking requests): the batch of projections in hand is committed, then queued
 * appends are committed and the stores closed. Provided by the core module, whose hooks run last on shutdown:
 * the reactors, the reconciliation rounds and the mail are stopped before their stores close.
 */
@Injectable()
export class ClosingStores implements OnApplicationShutdown {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ReadModelDatabase) private readonly database: ReadModelDatabase,
    @Inject(ProjectionRunner) private readonly runner: ProjectionRunner,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly lock: DataDirLock,
  ) {}

  async onApplicationShutdown(): Promise<void> {
    this.logger.info('shutting down: finishing projection batch and queued appends');
    await this.runner.stop();
    await this.store.close();
    this.database.close();
    this.lock.release();
    this.logger.info('stopped cleanly');
  }
}

/** The first admin's account id, made from its address: a name-based UUID (version 5 layout) that every instance computes alike. */
export function firstAdminId(email: string): string {
  const hex = createHash('sha256')
    .update(`refugee-walk first admin ${normaliseEmail(email)}`)
    .digest('hex');
  const variant = ((Number.parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

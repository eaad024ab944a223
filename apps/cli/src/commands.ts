import { EVENT_STORE, type EventStore } from '@rw/event-store';
import type { PlatformConfig } from '@rw/runtime/config/config';
import type { Logger } from '@rw/runtime/logging/logger';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { ReactorRunner } from '@rw/runtime/reactors/reactor-runner';
import { openCliContext } from './context';
import { grantAdministrator, NoSuchAccount } from './grant-administrator';
import { EXIT } from './exit-codes';
import type { Progress, ProgressBar } from './progress';
import { rebuildProjections } from './rebuild-projections';
import type { DemoScale } from './seed-demo/plan';
import { EventStoreNotEmpty, seedDemo } from './seed-demo/seed-demo';
import { seedSummary } from './seed-demo/summary';

/**
 * What each command does once its command line is read. Loaded only then: `--help` and a bad command line answer
 * without loading Nest, the stores or the payment providers' clients.
 */
export interface CommandContext {
  config: PlatformConfig;
  logger: Logger;
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  progress: Progress;
}

export async function rebuildCommand({ config, stdout, progress }: CommandContext): Promise<number> {
  const report = await rebuildProjections(config, progress);
  stdout.write(
    `rebuilt ${report.projections.join(', ')} up to position ${report.headPosition ?? '(empty store)'} in ${report.milliseconds} ms\n`,
  );
  return EXIT.ok;
}

export async function seedDemoCommand(
  { config, logger, stdout, stderr, progress }: CommandContext,
  options: { scale: DemoScale; ifEmpty?: boolean },
): Promise<number> {
  stdout.write(
    `seeding the ${options.scale} demo into ${config.EVENT_STORE === 'sqlite' ? config.DATA_DIR : 'EventStoreDB'}\n`,
  );
  try {
    const report = await seedDemo(config, options.scale, { logger, progress });
    stdout.write(seedSummary(report));
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof EventStoreNotEmpty)) throw error;
    if (options.ifEmpty) {
      stdout.write('not seeding: the event store already holds events\n');
      return EXIT.ok;
    }
    stderr.write(`${error.message}\n`);
    return EXIT.notEmpty;
  }
}

export async function reconcileCommand({ config, logger, stdout, progress }: CommandContext): Promise<number> {
  const app = await openCliContext({ config, logger, holder: 'reconcile', reactions: true });
  try {
    let bar: ProgressBar | undefined;
    const report = await app.get(Reconciliation).runOnce((checked, of) => {
      bar ??= progress.bar('gifts looked up', of);
      bar.update(checked);
    });
    bar?.stop();
    // what the round set off (a monthly gift's subscription at its provider) before the process ends; what is
    // not done by then stays queued in DATA_DIR for the platform
    await app.get(ReactorRunner).settled(await app.get<EventStore>(EVENT_STORE).headPosition());
    stdout.write(`reconciled: ${report.checked} gifts looked up, ${report.changed} changed, ${report.failed} failed\n`);
    return report.failed > 0 ? EXIT.failed : EXIT.ok;
  } finally {
    await app.close();
  }
}

export async function grantAdministratorCommand(
  { config, logger, stdout, stderr }: CommandContext,
  email: string,
): Promise<number> {
  const app = await openCliContext({ config, logger, holder: 'grant-administrator' });
  try {
    const { accountId, changed } = await grantAdministrator(app, email, new Date().toISOString());
    stdout.write(
      changed
        ? `${email} (account ${accountId}) is now an enabled administrator\n`
        : `${email} (account ${accountId}) was already an enabled administrator: nothing changed\n`,
    );
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof NoSuchAccount)) throw error;
    stderr.write(`${error.message}\n`);
    return EXIT.failed;
  } finally {
    await app.close();
  }
}

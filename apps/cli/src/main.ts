import 'reflect-metadata';
import { InvalidConfiguration, loadConfig } from '@rw/platform/config/config';
import { DataDirInUse } from '@rw/platform/infrastructure/data-dir-lock';
import { createLogger } from '@rw/platform/logging/logger';
import { Reconciliation } from '@rw/platform/payments/reconciliation';
import { createPlatform } from '@rw/platform/platform';
import { grantAdministrator, NoSuchAccount } from './grant-administrator';
import { ReactorRunner } from '@rw/platform/reactors/reactor-runner';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { rebuildProjections } from './rebuild-projections';
import { DEMO_SCALES, type DemoScale } from './seed-demo/plan';
import { EventStoreNotEmpty, seedDemo } from './seed-demo/seed-demo';
import { seedSummary } from './seed-demo/summary';

const USAGE = `Refugee Walk operator commands (configuration from the same environment variables as the platform):

  rebuild-projections   delete every read model in DATA_DIR and rebuild it from the event store
                        (stop the platform on that DATA_DIR first)
  seed-demo [--scale small|edition] [--if-empty]
                        write a demo edition into an EMPTY event store, through the real command handlers;
                        the same names, amounts and totals on every run:
                          small    5 teams, 20 walkers, 60 gifts (the default; a few seconds)
                          edition  the real size of one edition: 329 teams, 2,142 walkers, 12,096 supporters,
                                   about 480,000 EUR (a minute or two)
                        refuses a store that holds events; with --if-empty it says so and succeeds
  reconcile             look up every gift still pending (or paid in the last RECONCILE_PAID_WITHIN_DAYS) at its payment provider once, and apply what it knows
                        (the platform also does this on its own every RECONCILE_EVERY_MINUTES; stop it first
                        when it runs on the same DATA_DIR)
  grant-administrator <email>
                        make an existing staff account an administrator and enable it: the way back in when no
                        administrator can act (stop the platform on that DATA_DIR first)
  help                  this text
`;

/** `seed-demo` exits with this when the store is not empty (and --if-empty was not given). */
const EXIT_NOT_EMPTY = 3;

function parseSeedArguments(args: string[]): { scale: DemoScale; ifEmpty: boolean } {
  let scale: DemoScale = 'small';
  let ifEmpty = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    const value = arg.startsWith('--scale=') ? arg.slice('--scale='.length) : arg === '--scale' ? args[++i] : null;
    if (value !== null) {
      if (!DEMO_SCALES.includes(value as DemoScale)) throw new UsageError(`--scale must be small or edition`);
      scale = value as DemoScale;
    } else if (arg === '--if-empty') ifEmpty = true;
    else throw new UsageError(`seed-demo: unknown argument ${arg}`);
  }
  return { scale, ifEmpty };
}

class UsageError extends Error {}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  switch (command) {
    case 'rebuild-projections': {
      const report = await rebuildProjections(loadConfig());
      process.stdout.write(
        `rebuilt ${report.projections.join(', ')} up to position ${report.headPosition ?? '(empty store)'} in ${report.milliseconds} ms\n`,
      );
      return 0;
    }
    case 'reconcile': {
      const config = loadConfig();
      const app = await createPlatform({
        config,
        logger: createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn'),
      });
      try {
        const report = await app.get(Reconciliation).runOnce();
        // what the round set off (a monthly gift's subscription at its provider) before the process ends; what is
        // not done by then stays queued in DATA_DIR for the platform
        await app.get(ReactorRunner).settled(await app.get<EventStore>(EVENT_STORE).headPosition());
        process.stdout.write(
          `reconciled: ${report.checked} gifts looked up, ${report.changed} changed, ${report.failed} failed\n`,
        );
        return report.failed > 0 ? 1 : 0;
      } finally {
        await app.close();
      }
    }
    case 'grant-administrator': {
      const [email, ...rest] = args;
      if (!email || rest.length > 0) throw new UsageError('grant-administrator takes one e-mail address');
      const config = loadConfig();
      const app = await createPlatform({
        config,
        logger: createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn'),
      });
      try {
        const { accountId, changed } = await grantAdministrator(app, email, new Date().toISOString());
        process.stdout.write(
          changed
            ? `${email} (account ${accountId}) is now an enabled administrator\n`
            : `${email} (account ${accountId}) was already an enabled administrator: nothing changed\n`,
        );
        return 0;
      } catch (error) {
        if (!(error instanceof NoSuchAccount)) throw error;
        process.stderr.write(`${error.message}\n`);
        return 1;
      } finally {
        await app.close();
      }
    }
    case 'seed-demo': {
      const { scale, ifEmpty } = parseSeedArguments(args);
      const config = loadConfig();
      // the platform's own start-up lines would drown the summary; LOG_LEVEL set explicitly still applies
      const logger = createLogger(process.env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
      process.stdout.write(
        `seeding the ${scale} demo into ${config.EVENT_STORE === 'sqlite' ? config.DATA_DIR : 'EventStoreDB'}\n`,
      );
      try {
        const report = await seedDemo(config, scale, {
          logger,
          progress: (phase, count, ms) =>
            process.stdout.write(
              `  ${phase}${count ? `: ${count.toLocaleString('en-GB')}` : ''} in ${(ms / 1000).toFixed(1)} s\n`,
            ),
        });
        process.stdout.write(seedSummary(report));
        return 0;
      } catch (error) {
        if (!(error instanceof EventStoreNotEmpty)) throw error;
        if (ifEmpty) {
          process.stdout.write('not seeding: the event store already holds events\n');
          return 0;
        }
        process.stderr.write(`${error.message}\n`);
        return EXIT_NOT_EMPTY;
      }
    }
    case undefined:
    case 'help':
    case '--help':
      process.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      process.stderr.write(`unknown command: ${command}\n\n${USAGE}`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof InvalidConfiguration || error instanceof DataDirInUse) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error instanceof InvalidConfiguration ? 78 : 75);
    }
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);

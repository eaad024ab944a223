import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import { InvalidConfiguration, loadConfig, type PlatformConfig } from '@rw/runtime/config/config';
import { DataDirInUse } from '@rw/runtime/infrastructure/data-dir-lock';
import { createLogger } from '@rw/runtime/logging/logger';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { ReactorRunner } from '@rw/runtime/reactors/reactor-runner';
import { openCliContext } from './context';
import { grantAdministrator, NoSuchAccount } from './grant-administrator';
import { type Progress, type ProgressBar, progressOn } from './progress';
import { rebuildProjections } from './rebuild-projections';
import { DEMO_SCALES, type DemoScale } from './seed-demo/plan';
import { EventStoreNotEmpty, seedDemo } from './seed-demo/seed-demo';
import { seedSummary } from './seed-demo/summary';

/** Exit codes, listed in every command's help. */
export const EXIT = {
  ok: 0,
  /** The work ran and part of it failed (a gift its provider could not be asked about; no such account). */
  failed: 1,
  /** Bad command line: unknown command or option, a missing or extra argument, a value out of its choices. */
  usage: 2,
  /** `seed-demo` on an event store that holds events (without --if-empty). */
  notEmpty: 3,
  /** DATA_DIR is in use (the platform runs on it): stop it first. */
  dataDirInUse: 75,
  /** An environment variable has a bad value. */
  badConfiguration: 78,
} as const;

const EXIT_CODES_HELP = `
Exit codes: 0 done, 1 part of the work failed, 2 bad command line, 3 seed-demo refused a store that holds events,
75 DATA_DIR in use (stop the platform first), 78 bad configuration (the message names the variable).`;

const CONFIGURATION_HELP = `
Configuration comes from the same environment variables as the platform (DATA_DIR, EVENT_STORE,
EVENTSTORE_CONNECTION_STRING, PAYMENT_PROVIDER and its keys, PERSONAL_DATA_SECRET, LOG_LEVEL, ...).
Progress bars are drawn when the output is a terminal; into a file or a pipe only the results are written.`;

/** Where the CLI writes: the process's streams, or a test's. */
export interface CliOutput {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Where progress is drawn; by default bars when stdout is a terminal, nothing otherwise. */
  progress?: Progress;
  /** The environment variables the configuration is read from; the process's by default. */
  env?: Record<string, string | undefined>;
}

/** A command's outcome, once its work is done. */
type Outcome = number;

/**
 * The operator commands, parsed by commander: `--help` on the program and on each command, and a clear message
 * with exit code 2 for a command line it cannot read. Each command's work runs in the CLI's own Nest application
 * context (or, for a rebuild, on the stores alone), never in the HTTP platform.
 */
export function cliProgram(output: CliOutput, done: (outcome: Outcome) => void): Command {
  const { stdout, stderr } = output;
  const progress = output.progress ?? progressOn(stdout);
  const settings = () => loadConfig(output.env ?? process.env);
  // the platform's own start-up lines would drown the results; LOG_LEVEL set explicitly still applies
  const loggerFor = (config: PlatformConfig) =>
    createLogger((output.env ?? process.env).LOG_LEVEL ? config.LOG_LEVEL : 'warn');

  const program = new Command('./run cli')
    .description('Refugee Walk operator commands, run beside (or instead of) the platform on the same configuration.')
    .exitOverride()
    .configureOutput({ writeOut: (text) => stdout.write(text), writeErr: (text) => stderr.write(text) })
    .showHelpAfterError('(add --help for the commands and their options)')
    .addHelpText('after', `${CONFIGURATION_HELP}\n${EXIT_CODES_HELP}`)
    .helpCommand('help [command]', 'the commands, or one command’s options');

  program
    .command('rebuild-projections')
    .description(
      'Delete every read model in DATA_DIR and rebuild it from the event store (stop the platform on that DATA_DIR ' +
        'first; an interrupted rebuild is finished by the platform’s next start).',
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async () => {
      const report = await rebuildProjections(settings(), progress);
      stdout.write(
        `rebuilt ${report.projections.join(', ')} up to position ${report.headPosition ?? '(empty store)'} in ${report.milliseconds} ms\n`,
      );
      done(EXIT.ok);
    });

  program
    .command('seed-demo')
    .description(
      'Write a demo edition into an EMPTY event store, through the real command handlers; the same names, amounts ' +
        'and totals on every run. Refuses a store that holds events, so that demo gifts never mix with real ones.',
    )
    .addOption(
      new Option(
        '--scale <scale>',
        'small: 5 teams, 20 walkers, 60 gifts (a few seconds); edition: the real size of one edition, 329 teams, ' +
          '2,142 walkers, 12,096 supporters, about 480,000 EUR (about a minute)',
      )
        .choices(DEMO_SCALES)
        .default('small'),
    )
    .option('--if-empty', 'when the store already holds events, say so and succeed (exit 0) instead of exit 3')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { scale: DemoScale; ifEmpty?: boolean }) => {
      const config = settings();
      stdout.write(
        `seeding the ${options.scale} demo into ${config.EVENT_STORE === 'sqlite' ? config.DATA_DIR : 'EventStoreDB'}\n`,
      );
      try {
        const report = await seedDemo(config, options.scale, { logger: loggerFor(config), progress });
        stdout.write(seedSummary(report));
        done(EXIT.ok);
      } catch (error) {
        if (!(error instanceof EventStoreNotEmpty)) throw error;
        if (options.ifEmpty) {
          stdout.write('not seeding: the event store already holds events\n');
          done(EXIT.ok);
          return;
        }
        stderr.write(`${error.message}\n`);
        done(EXIT.notEmpty);
      }
    });

  program
    .command('reconcile')
    .description(
      'Look up every gift still pending (or paid in the last RECONCILE_PAID_WITHIN_DAYS) at its payment provider ' +
        'once, and apply what it knows. The platform also does this on its own every RECONCILE_EVERY_MINUTES; ' +
        'stop it first when it runs on the same DATA_DIR.',
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async () => {
      const config = settings();
      const app = await openCliContext({ config, logger: loggerFor(config), holder: 'reconcile', reactions: true });
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
        stdout.write(
          `reconciled: ${report.checked} gifts looked up, ${report.changed} changed, ${report.failed} failed\n`,
        );
        done(report.failed > 0 ? EXIT.failed : EXIT.ok);
      } finally {
        await app.close();
      }
    });

  program
    .command('grant-administrator')
    .description(
      'Make an existing staff account an administrator and enable it: the way back in when no administrator can ' +
        'act (stop the platform on that DATA_DIR first). Running it again changes nothing.',
    )
    .argument('<email>', 'the e-mail address of the staff account', (value: string) => {
      if (!/^\S+@\S+$/.test(value.trim())) throw new InvalidArgumentError('It is not an e-mail address.');
      return value;
    })
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (email: string) => {
      const config = settings();
      const app = await openCliContext({ config, logger: loggerFor(config), holder: 'grant-administrator' });
      try {
        const { accountId, changed } = await grantAdministrator(app, email, new Date().toISOString());
        stdout.write(
          changed
            ? `${email} (account ${accountId}) is now an enabled administrator\n`
            : `${email} (account ${accountId}) was already an enabled administrator: nothing changed\n`,
        );
        done(EXIT.ok);
      } catch (error) {
        if (!(error instanceof NoSuchAccount)) throw error;
        stderr.write(`${error.message}\n`);
        done(EXIT.failed);
      } finally {
        await app.close();
      }
    });

  return program;
}

/** Runs one command line (`argv` without node and the script) and answers the process's exit code. */
export async function runCli(argv: readonly string[], output: CliOutput): Promise<number> {
  let outcome: Outcome = EXIT.ok;
  const program = cliProgram(output, (code) => {
    outcome = code;
  });
  try {
    if (argv.length === 0) {
      // no command: the overview, as an error (a script that forgot its command must not pass)
      program.outputHelp({ error: true });
      return EXIT.usage;
    }
    await program.parseAsync([...argv], { from: 'user' });
    return outcome;
  } catch (error) {
    if (error instanceof CommanderError) {
      // help asked for is an answer; anything else commander refused is a bad command line
      return error.code === 'commander.helpDisplayed' || (error.code === 'commander.help' && error.exitCode === 0)
        ? EXIT.ok
        : EXIT.usage;
    }
    if (error instanceof InvalidConfiguration) {
      output.stderr.write(`${error.message}\n`);
      return EXIT.badConfiguration;
    }
    if (error instanceof DataDirInUse) {
      output.stderr.write(`${error.message}\n`);
      return EXIT.dataDirInUse;
    }
    throw error;
  }
}

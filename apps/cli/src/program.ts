import { Command, CommanderError, Option } from 'commander';
import { InvalidConfiguration, loadConfig } from '@rw/runtime/config/config';
import { DataDirInUse } from '@rw/runtime/infrastructure/data-dir-lock';
import { createLogger } from '@rw/runtime/logging/logger';
import type { CommandContext } from './commands';
import { EXIT } from './exit-codes';
import { type Progress, progressOn } from './progress';
import { DEMO_SCALES, type DemoScale } from './seed-demo/plan';

export { EXIT } from './exit-codes';

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

/** A command's outcome, once its work is done: the exit code. */
type Outcome = number;

/** The commands' work, loaded when a command runs (not for --help or a bad command line). */
const commands = () => import('./commands');

/**
 * The operator commands, parsed by commander: `--help` on the program and on each command, and a clear message
 * with exit code 2 for a command line it cannot read. Each command's work runs in the CLI's own Nest application
 * context (or, for a rebuild, on the stores alone), never in the HTTP platform.
 */
export function cliProgram(output: CliOutput, done: (outcome: Outcome) => void): Command {
  const { stdout, stderr } = output;
  const progress = output.progress ?? progressOn(stdout);
  const env = output.env ?? process.env;
  const context = (): CommandContext => {
    const config = loadConfig(env);
    // the platform's own start-up lines would drown the results; LOG_LEVEL set explicitly still applies
    const logger = createLogger(env.LOG_LEVEL ? config.LOG_LEVEL : 'warn');
    return { config, logger, stdout, stderr, progress };
  };

  const program = new Command('./run cli')
    .description(
      'Refugee Walk operator commands, on the platform’s configuration and data (stop the platform on the same ' +
        'DATA_DIR first).',
    )
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
    .action(async () => done(await (await commands()).rebuildCommand(context())));

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
          '2,142 walkers, 12,096 supporters, about 480,000 EUR (under a minute)',
      )
        .choices(DEMO_SCALES)
        .default('small'),
    )
    .option('--if-empty', 'when the store already holds events, say so and succeed (exit 0) instead of exit 3')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (options: { scale: DemoScale; ifEmpty?: boolean }) =>
      done(await (await commands()).seedDemoCommand(context(), options)),
    );

  program
    .command('reconcile')
    .description(
      'Look up every gift still pending (or paid in the last RECONCILE_PAID_WITHIN_DAYS) at its payment provider ' +
        'once, and apply what it knows. The platform also does this on its own every RECONCILE_EVERY_MINUTES; ' +
        'stop it first when it runs on the same DATA_DIR.',
    )
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async () => done(await (await commands()).reconcileCommand(context())));

  program
    .command('grant-administrator')
    .description(
      'Make an existing staff account an administrator and enable it: the way back in when no administrator can ' +
        'act (stop the platform on that DATA_DIR first). Running it again changes nothing.',
    )
    // no e-mail rule of its own: the address is looked up as the account's stream names it (normalised), and one
    // that names no staff account is refused with exit 1
    .argument('<email>', 'the e-mail address of the staff account')
    .addHelpText('after', EXIT_CODES_HELP)
    .action(async (email: string) => done(await (await commands()).grantAdministratorCommand(context(), email)));

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
    const [first, asked] = argv;
    if (first === 'help' && asked !== undefined && !program.commands.some((command) => command.name() === asked)) {
      // commander's help command would print the overview without saying what was wrong
      program.error(`error: unknown command '${asked}'`, { exitCode: EXIT.usage, code: 'commander.unknownCommand' });
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

import 'reflect-metadata';
import { InvalidConfiguration, loadConfig } from '@rw/platform/config/config';
import { DataDirInUse } from '@rw/platform/infrastructure/data-dir-lock';
import { rebuildProjections } from './rebuild-projections';

const USAGE = `Refugee Walk operator commands (configuration from the same environment variables as the platform):

  rebuild-projections   delete every read model in DATA_DIR and rebuild it from the event store
                        (stop the platform on that DATA_DIR first)
  help                  this text
`;

async function main(argv: string[]): Promise<number> {
  const [command] = argv;
  switch (command) {
    case 'rebuild-projections': {
      const report = await rebuildProjections(loadConfig());
      process.stdout.write(
        `rebuilt ${report.projections.join(', ')} up to position ${report.headPosition ?? '(empty store)'} in ${report.milliseconds} ms\n`,
      );
      return 0;
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
    if (error instanceof InvalidConfiguration || error instanceof DataDirInUse) {
      process.stderr.write(`${error.message}\n`);
      process.exit(error instanceof InvalidConfiguration ? 78 : 75);
    }
    process.stderr.write(`${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  },
);

import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataDirLock } from '@rw/runtime/infrastructure/data-dir-lock';
import { outputStream as capture } from '../../../test/support/terminal';
import { EXIT, runCli } from './program';
import { silentProgress } from './progress';

async function run(argv: string[], env: Record<string, string> = {}) {
  const stdout = capture(false);
  const stderr = capture(false);
  const code = await runCli(argv, { stdout, stderr, env, progress: silentProgress });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('the CLI’s command line', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'rw-cli-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lists every command, the configuration and the exit codes with --help (exit 0)', async () => {
    const { code, stdout, stderr } = await run(['--help']);
    expect(code).toBe(EXIT.ok);
    expect(stderr).toBe('');
    expect(stdout).toMatch(/^Usage: \.\/run cli \[options\] \[command\]/);
    for (const command of ['rebuild-projections', 'seed-demo [options]', 'reconcile', 'grant-administrator <email>']) {
      expect(stdout).toContain(`  ${command}`);
    }
    expect(stdout).toContain('DATA_DIR, EVENT_STORE');
    expect(stdout).toMatch(
      /Exit codes: 0 done, 1 .*, 2 bad command line, 3 .*\n75 DATA_DIR in use .*, 78 bad configuration/,
    );
  });

  it.each([
    [
      'rebuild-projections',
      /Usage: \.\/run cli rebuild-projections \[options\]\n\nDelete every read model in DATA_DIR/,
      [],
    ],
    [
      'seed-demo',
      /Usage: \.\/run cli seed-demo \[options\]\n\nWrite a demo edition into an EMPTY event store/,
      [
        '--scale <scale>',
        'small: 5 teams, 20 walkers',
        'edition: the real size',
        'choices: "small", "edition", default: "small"',
        '--if-empty',
      ],
    ],
    ['reconcile', /Usage: \.\/run cli reconcile \[options\]\n\nLook up every gift still pending/, []],
    [
      'grant-administrator',
      /Usage: \.\/run cli grant-administrator \[options\] <email>\n\nMake an existing staff account an administrator/,
      ['Arguments:', 'email', 'the e-mail address of the staff account'],
    ],
  ])(
    '%s --help says what it does and lists its options (exit 0); `help %s` says the same',
    async (command, usage, options) => {
      const asked = await run([command, '--help']);
      expect(asked.code).toBe(EXIT.ok);
      expect(asked.stderr).toBe('');
      expect(asked.stdout).toMatch(usage);
      expect(asked.stdout).toContain('-h, --help');
      expect(asked.stdout).toContain('Exit codes:');
      for (const option of options) expect(asked.stdout).toContain(option);
      const viaHelp = await run(['help', command]);
      expect(viaHelp).toEqual(asked);
    },
  );

  it.each([
    [['refresh'], "error: unknown command 'refresh'"],
    [['help', 'refresh'], "error: unknown command 'refresh'"],
    [['seed-demo', '--bogus'], "error: unknown option '--bogus'"],
    [['seed-demo', '--scale', 'huge'], "argument 'huge' is invalid. Allowed choices are small, edition."],
    [['seed-demo', '--scale'], "error: option '--scale <scale>' argument missing"],
    [['grant-administrator'], "error: missing required argument 'email'"],
    [
      ['grant-administrator', 'a@b.be', 'c@d.be'],
      "too many arguments for 'grant-administrator'. Expected 1 argument but got 2",
    ],
    [['rebuild-projections', 'now'], "too many arguments for 'rebuild-projections'. Expected 0 arguments but got 1"],
    [['reconcile', '--all'], "error: unknown option '--all'"],
  ])(
    '%j is a bad command line: exit 2, a plain message and a pointer to --help, and nothing is touched',
    async (argv, message) => {
      const data = join(dir, 'data');
      const { code, stdout, stderr } = await run(argv, { DATA_DIR: data });
      expect(code).toBe(EXIT.usage);
      expect(stdout).toBe('');
      expect(stderr).toContain(message);
      expect(stderr).toContain('(add --help for the commands and their options)');
      expect(existsSync(data)).toBe(false);
    },
  );

  it('without a command, writes the overview to stderr and exits 2 (a script that forgot its command fails)', async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(EXIT.usage);
    expect(stdout).toBe('');
    expect(stderr).toContain('Usage: ./run cli [options] [command]');
  });

  it('names a badly set variable and exits 78, before opening anything', async () => {
    const data = join(dir, 'data');
    const { code, stderr } = await run(['seed-demo'], { DATA_DIR: data, EVENT_STORE: 'mongo' });
    expect(code).toBe(EXIT.badConfiguration);
    expect(stderr).toContain('EVENT_STORE must be sqlite or esdb');
    expect(existsSync(data)).toBe(false);
  });

  it.each([['rebuild-projections'], ['reconcile'], ['grant-administrator', 'olga@refugeewalk.test'], ['seed-demo']])(
    '%s refuses a DATA_DIR in use with exit 75 and says who holds it',
    async (...argv) => {
      const lock = DataDirLock.acquire(dir, 'the platform');
      try {
        const { code, stderr } = await run(argv, { DATA_DIR: dir });
        expect(code).toBe(EXIT.dataDirInUse);
        expect(stderr).toMatch(/is in use by the platform \(process \d+, since .+\); stop it first/);
      } finally {
        lock.release();
      }
    },
  );
});

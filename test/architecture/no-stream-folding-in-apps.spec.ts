import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

// Controllers answer queries through read models or the libraries' query functions; they never fold an event stream
// themselves (a page that folds a stream keeps a private copy of a rule the library owns). The account stream is the
// one exception: logging in reads the account itself, as the CLI's first administrator does.
const root = join(__dirname, '..', '..');
const FOLDING = /\b(loadState|fold|readStream)\(/;
const ALLOWED = ['apps/cli/src/grant-administrator.ts', 'apps/platform/src/accounts/auth.ts'];

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.tsx?$/.test(entry.name) && !/\.spec\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe('the applications fold no event stream', () => {
  it('only the account login reads a stream itself', () => {
    const folding = sources(join(root, 'apps'))
      .filter((file) => FOLDING.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file).split('\\').join('/'))
      .sort();
    expect(folding).toEqual(ALLOWED);
  });
});

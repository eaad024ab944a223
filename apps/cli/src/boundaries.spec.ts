import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/** Every source file of the CLI, specs included. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sources(join(dir, entry.name)) : /\.tsx?$/.test(entry.name) ? [join(dir, entry.name)] : [],
  );
}

describe('the CLI’s boundaries', () => {
  it('imports nothing from apps/platform: what both need lives in libs/', () => {
    const reaching = sources(__dirname).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/from '([^']+)'|import\('([^']+)'\)|require\('([^']+)'\)/g)]
        .map((match) => match[1] ?? match[2] ?? match[3])
        .filter(
          (target) => target.startsWith('@rw/platform') || /(^|\/)apps\/platform\b|^(\.\.\/)+platform\//.test(target),
        )
        .map((target) => `${relative(__dirname, file)}: ${target}`),
    );
    expect(reaching).toEqual([]);
    // the scan sees the CLI's own imports (it would find a reach into the platform if there were one)
    expect(sources(__dirname).length).toBeGreaterThan(10);
  });
});

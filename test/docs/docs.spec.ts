/**
 * The documentation kept honest: the README's table names every variable the configuration reads, every link
 * between the documents lands on a file (and a heading) that exists, every path the documents name is in the
 * repository, and the architecture names every Nest feature module there is.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { CONFIG_VARIABLES } from '@rw/runtime/config/config';

const root = resolve(__dirname, '..', '..');
const read = (path: string) => readFileSync(join(root, path), 'utf8');

const documents = ['README.md', ...readdirSync(join(root, 'docs')).map((name) => `docs/${name}`)].filter((path) =>
  path.endsWith('.md'),
);

/** Text outside fenced code blocks, where links and headings are markdown rather than examples. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, '');
}

/** The anchors GitHub gives a document's headings (lower case, punctuation dropped, spaces as dashes). */
function anchors(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const [, title] of prose(markdown).matchAll(/^#{1,6} +(.+)$/gm)) {
    const base = (title as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/ /g, '-');
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

function sourceFiles(folder: string): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(join(root, folder), { withFileTypes: true })) {
    const path = `${folder}/${entry.name}`;
    if (entry.isDirectory()) found.push(...sourceFiles(path));
    else if (/\.tsx?$/.test(entry.name)) found.push(path);
  }
  return found;
}

describe('the documentation', () => {
  it('has a README and the documents its index lists', () => {
    expect(documents).toEqual(
      expect.arrayContaining([
        'README.md',
        'docs/architecture.md',
        'docs/adding-a-feature.md',
        'docs/operations.md',
        'docs/finance.md',
        'docs/http-api.md',
        'docs/i18n.md',
        'docs/testing.md',
        'docs/benchmarks.md',
      ]),
    );
    const index = read('README.md');
    for (const path of documents.filter((p) => p.startsWith('docs/'))) {
      expect({ path, inReadmeIndex: index.includes(`](${path})`) }).toEqual({ path, inReadmeIndex: true });
    }
  });

  it('lists every configuration variable in the README table', () => {
    const readme = read('README.md');
    const missing = CONFIG_VARIABLES.filter((name) => !readme.includes(`| \`${name}\` |`));
    expect(missing).toEqual([]);
  });

  it('names every environment variable the code reads', () => {
    const text = documents.map(read).join('\n');
    const read_ = new Set<string>();
    for (const file of [...sourceFiles('apps'), ...sourceFiles('libs'), ...sourceFiles('test')]) {
      for (const [, name] of read(file).matchAll(/process\.env\.([A-Z][A-Z0-9_]*)/g)) read_.add(name as string);
    }
    // the shell's own, not settings
    read_.delete('PATH');
    expect(read_.size).toBeGreaterThan(5);
    const missing = [...read_].filter((name) => !text.includes(`\`${name}\``));
    expect(missing).toEqual([]);
  });

  it('links only to files and headings that exist', () => {
    const broken: string[] = [];
    for (const path of documents) {
      for (const [, target] of prose(read(path)).matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(target as string)) continue; // http(s), mailto
        const [file, anchor] = (target as string).split('#');
        const linked = file ? relative(root, resolve(join(root, dirname(path)), file)) : path;
        if (!existsSync(join(root, linked))) {
          broken.push(`${path} → ${target}: no file ${linked}`);
          continue;
        }
        if (anchor && linked.endsWith('.md') && !anchors(read(linked)).has(anchor)) {
          broken.push(`${path} → ${target}: no heading #${anchor} in ${linked}`);
        }
      }
    }
    expect(broken).toEqual([]);
  });

  it('names only paths of the repository', () => {
    const missing: string[] = [];
    for (const path of documents) {
      for (const [, named] of read(path).matchAll(/`((?:apps|libs|test|deploy|docs|scripts)\/[^`\s]*)`/g)) {
        // placeholders (`libs/fundraising/src/<aggregate>/`, `test/browser/*.e2e-spec.ts`) name a kind of path
        if (/[<>*…{]/.test(named as string)) continue;
        const clean = (named as string).replace(/[:,.]$/, '');
        if (!existsSync(join(root, clean))) missing.push(`${path}: ${clean}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('draws every Nest feature module of the platform in the architecture', () => {
    const architecture = read('docs/architecture.md');
    const folders = readdirSync(join(root, 'apps/platform/src')).filter((name) => {
      const folder = join(root, 'apps/platform/src', name);
      return statSync(folder).isDirectory() && existsSync(join(folder, `${name}.module.ts`));
    });
    expect(folders.length).toBeGreaterThan(10);
    const unnamed = folders.filter((name) => !architecture.includes(`\`${name}\``));
    expect(unnamed).toEqual([]);
    expect(architecture).toContain('```mermaid');
  });

  it('points nowhere outside the repository', () => {
    const outside = documents.filter((path) => /\.\.\/shared|shared\/references/.test(read(path)));
    expect(outside).toEqual([]);
  });
});

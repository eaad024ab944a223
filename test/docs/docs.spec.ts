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

/** The arrows of the first Mermaid block under a heading: `A --> B & C` and `A & B --> C`. */
function mermaidEdges(markdown: string, heading: string): Set<string> {
  const section = markdown.slice(markdown.indexOf(`\n## ${heading}\n`));
  const block = /```mermaid\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  const edges = new Set<string>();
  for (const line of block.split('\n')) {
    const [from, to] = line.split('-->');
    if (to === undefined) continue;
    const ids = (side: string) => side.split('&').map((id) => id.trim().replace(/\[.*$/, ''));
    for (const a of ids(from as string)) for (const b of ids(to)) edges.add(`${a} -> ${b}`);
  }
  return edges;
}

/** What a `@Module({ imports: [...] })` (or a dynamic module's `imports: [...]`) lists, bracket by bracket. */
function moduleImports(source: string): string {
  const start = source.indexOf('imports: [');
  if (start < 0) return '';
  let depth = 0;
  for (let i = start + 'imports: '.length; i < source.length; i++) {
    if (source[i] === '[' || source[i] === '(' || source[i] === '{') depth++;
    if (source[i] === ']' || source[i] === ')' || source[i] === '}') depth--;
    if (depth === 0) return source.slice(start, i + 1);
  }
  return '';
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

  it('draws the imports between apps and libs as they are', () => {
    const parts: Record<string, string> = { platform: 'apps/platform', cli: 'apps/cli' };
    for (const lib of readdirSync(join(root, 'libs'))) parts[lib.replace(/-/g, '_')] = `libs/${lib}`;
    const actual = new Set<string>();
    for (const [id, folder] of Object.entries(parts)) {
      for (const file of sourceFiles(`${folder}/src`).filter((f) => !/\.spec\.tsx?$/.test(f))) {
        for (const [, lib] of read(file).matchAll(/from '@rw\/([a-z-]+)/g)) {
          const target = (lib as string).replace(/-/g, '_');
          if (target !== id) actual.add(`${id} -> ${target}`);
        }
        if (/from '(\.\.\/)+.*apps\/platform|@rw\/platform/.test(read(file))) actual.add(`${id} -> platform`);
      }
    }
    expect([...mermaidEdges(read('docs/architecture.md'), 'What depends on what')].sort()).toEqual([...actual].sort());
  });

  it('draws the Nest modules as they import each other', () => {
    const moduleFiles = [...sourceFiles('apps/platform/src'), ...sourceFiles('libs')].filter((f) =>
      f.endsWith('.module.ts'),
    );
    const declared = new Map<string, string>();
    for (const file of [...moduleFiles, 'apps/platform/src/app.module.ts']) {
      for (const [, name] of read(file).matchAll(/export class (\w+Module)\b/g)) declared.set(name as string, file);
    }
    expect(declared.size).toBeGreaterThan(15);
    const actual = new Set<string>();
    for (const [name, file] of declared) {
      for (const [, imported] of moduleImports(read(file)).matchAll(/\b([A-Z]\w*Module)\b/g)) {
        if (declared.has(imported as string)) actual.add(`${name} -> ${imported}`);
      }
    }
    expect([...mermaidEdges(read('docs/architecture.md'), 'Nest modules')].sort()).toEqual([...actual].sort());
  });

  it('points nowhere outside the repository', () => {
    // only the test support resolves where the reference files are, at run time
    const code = [...sourceFiles('apps'), ...sourceFiles('libs'), ...sourceFiles('test')].filter(
      (path) => path !== 'test/support/references.ts',
    );
    const outside = [...documents, ...code].filter((path) => /\.\.\/shared|shared\/references/.test(read(path)));
    expect(outside).toEqual([]);
  });
});

/**
 * The outside world's own files (provider payloads, the tax administration's XSD, real CODA statements, public
 * test vectors) live beside the repository in `../shared/references/`, never in it. Tests built on them use
 * `describeWithReferences`: where the folder is there, they run; in CI (CI=true) a missing folder fails loudly;
 * elsewhere the tests are reported as not run, with a line saying so, never as passed.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const REFERENCES_DIR = resolve(__dirname, '..', '..', '..', 'shared', 'references');

export function referencesPresent(): boolean {
  return existsSync(REFERENCES_DIR);
}

/** The path of one reference file, e.g. `reference('payments/stripe-fixtures3-subset.json')`. */
export function reference(relativePath: string): string {
  return join(REFERENCES_DIR, relativePath);
}

export function readReference(relativePath: string): string {
  return readFileSync(reference(relativePath), 'utf8');
}

export function readReferenceJson<T = unknown>(relativePath: string): T {
  return JSON.parse(readReference(relativePath)) as T;
}

/** `describe` for tests that read `../shared/references/`: see the header of this file. */
export function describeWithReferences(name: string, body: () => void): void {
  if (referencesPresent()) {
    describe(name, body);
    return;
  }
  if (process.env.CI) {
    describe(name, () => {
      it('needs ../shared/references beside the repository', () => {
        throw new Error(`CI has no ${REFERENCES_DIR}: the tests on the outside world's own files cannot run`);
      });
    });
    return;
  }
  // Outside CI, without ../shared: say so plainly and report the tests as skipped, never as passed.
  process.stderr.write(`NOT RUN: "${name}" needs ${REFERENCES_DIR}, which is not on this machine\n`);
  describe.skip(name, body);
}

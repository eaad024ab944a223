import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Validates an XML text against an XSD with libxml2's xmllint (Debian's libxml2-utils; `.ci/run` installs it when
 * missing): the file the platform writes is checked by the same tool the tax administration's schema is meant
 * for, not by our own reading of it. Returns xmllint's complaints, none when the file is valid.
 */
export function xmllintErrors(xml: string, xsdPath: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'xmllint-'));
  const file = join(dir, 'file.xml');
  writeFileSync(file, xml);
  try {
    execFileSync('xmllint', ['--noout', '--schema', xsdPath, file], { stdio: ['ignore', 'pipe', 'pipe'] });
    return [];
  } catch (error) {
    const failed = error as { code?: string; stderr?: Buffer };
    if (failed.code === 'ENOENT') throw new Error('xmllint is not installed: apt-get install libxml2-utils');
    return (failed.stderr?.toString() ?? String(error))
      .split('\n')
      .filter((line) => line.trim() !== '' && !line.endsWith(' fails to validate'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

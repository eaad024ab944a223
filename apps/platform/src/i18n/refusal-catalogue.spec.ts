import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '@rw/event-store';
import * as fundraising from '@rw/fundraising';
import { LANGUAGES } from '@rw/kernel';
import { catalogues } from './catalogue';
import { refusal } from './refusals';

/** Every refusal class the library exports (its own test holds that every class in libs/ is exported). */
const refusalClasses = Object.values(fundraising as Record<string, unknown>).filter(
  (value): value is { code: string; name: string } =>
    typeof value === 'function' && (value as { prototype: unknown }).prototype instanceof DomainError,
);

/** Every `reason: '…'` a refusal in the libraries' sources is thrown with, read from the files themselves. */
function reasonsThrown(): string[] {
  const reasons = new Set<string>();
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.spec\.ts$/.test(entry.name)) {
        const text = readFileSync(path, 'utf8');
        if (!/DomainError|Invalid\w+\(|new Invalid/.test(text)) continue;
        for (const match of text.matchAll(/\{\s*reason: '([a-z_]+)'/g)) reasons.add(match[1]);
      }
    }
  };
  walk(join(__dirname, '..', '..', '..', '..', 'libs', 'fundraising', 'src'));
  return [...reasons].sort();
}

describe('every domain refusal has its sentence in every language', () => {
  it('for each refusal class, by its code', () => {
    expect(refusalClasses.length).toBeGreaterThanOrEqual(45);
    for (const language of LANGUAGES) {
      const missing = refusalClasses.map((type) => type.code).filter((code) => !(code in catalogues[language].errors));
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });

  it('for each reason a class guards (reason_<reason>, or <code>_<reason>)', () => {
    const reasons = reasonsThrown();
    expect(reasons).toContain('target_below_minimum');
    for (const language of LANGUAGES) {
      const sentences = catalogues[language].errors as Record<string, string>;
      const missing = reasons.filter(
        (reason) =>
          !(`reason_${reason}` in sentences) && !Object.keys(sentences).some((key) => key.endsWith(`_${reason}`)),
      );
      expect({ language, missing }).toEqual({ language, missing: [] });
    }
  });

  it('says a refusal precisely, amounts as money, in the visitor language, by its field', () => {
    const low = new fundraising.InvalidWalker('a target of at least 50.00 EUR', {
      reason: 'target_below_minimum',
      params: { min: 5000 },
      field: 'targetCents',
    });
    expect(refusal('nl', low)).toEqual({
      field: 'targetCents',
      message: 'Het doel is minstens €\u00a050,00: zoveel vraagt deze editie van elke stapper.',
    });
    expect(refusal('fr', low).message).toBe(
      'L’objectif est d’au moins 50,00\u00a0€\u202f: c’est ce que cette édition demande à chaque marcheur·euse.',
    );
    expect(refusal('en', new fundraising.TeamFull('De Stappers', 12)).message).toBe(
      'This team is full. Ask the captain what you can do, or register a team of your own.',
    );
  });
});

import { LANGUAGES } from '@rw/kernel';
import { type MessageFormatElement, TYPE } from '@formatjs/icu-messageformat-parser';
import { catalogues } from './catalogue';
import { glossary } from './glossary';
import { allKeys, messageFormat, t } from './translate';

/** The names of the arguments a message uses, nested plurals and selects included. */
function argumentsOf(elements: MessageFormatElement[], into = new Set<string>()): Set<string> {
  for (const element of elements) {
    if (element.type === TYPE.literal || element.type === TYPE.pound) continue;
    into.add(element.value);
    if (element.type === TYPE.plural || element.type === TYPE.select) {
      for (const option of Object.values(element.options)) argumentsOf(option.value, into);
    }
  }
  return into;
}

describe('the message catalogue', () => {
  const keys = allKeys(catalogues.nl);

  it('has the same keys in every language', () => {
    for (const language of LANGUAGES) expect(allKeys(catalogues[language]).sort()).toEqual([...keys].sort());
  });

  it('holds messages that parse, with the same arguments in every language', () => {
    for (const key of keys) {
      const expected = [...argumentsOf(messageFormat('nl', key).getAst())].sort();
      for (const language of LANGUAGES) {
        expect({ key, language, args: [...argumentsOf(messageFormat(language, key).getAst())].sort() }).toEqual({
          key,
          language,
          args: expected,
        });
      }
    }
  });

  it('keeps to the glossary: one word for the same people', () => {
    for (const language of LANGUAGES) {
      for (const key of allKeys(catalogues[language])) {
        const text = t(language, key, sampleValues);
        for (const rule of glossary[language]) {
          expect({ language, key, uses: rule.avoid.test(text) ? text : 'nothing to avoid' }).toEqual({
            language,
            key,
            uses: 'nothing to avoid',
          });
        }
      }
    }
  });

  it('writes plurals and numbers as each language does', () => {
    expect(t('nl', 'common.walkers', { count: 1 })).toBe('1 stapper');
    expect(t('nl', 'common.walkers', { count: 0 })).toBe('0 stappers');
    expect(t('fr', 'common.walkers', { count: 0 })).toBe('0 marcheur·euse');
    expect(t('en', 'common.teams', { count: 1 })).toBe('1 team');
    expect(t('nl', 'common.walkers', { count: 2100 })).toBe('2.100 stappers');
    expect(t('fr', 'common.teams', { count: 2100 })).toMatch(/^2[\u202f\u00a0 ]100 équipes$/);
    expect(t('en', 'common.sponsors', { count: 12000 })).toBe('12,000 sponsors');
  });

  it('refuses a key it does not have', () => {
    expect(() => t('nl', 'common.nothing' as never)).toThrow('no message common.nothing');
  });
});

/** Values for any argument a message may take, so that every message can be rendered in the glossary test. */
const sampleValues = new Proxy({} as Record<string, string | number>, {
  get: (_target, name) => (typeof name === 'string' && /count|km|percent|minutes|number/i.test(name) ? 2 : 'x'),
  has: () => true,
});

import { LOCALE, type Language } from '@rw/kernel';
import { IntlMessageFormat } from 'intl-messageformat';
import { type Catalogue, catalogues, type MessageKey } from './catalogue';

/** What a message can be given: text is inserted as it is (escaping is the component layer's work). */
export type MessageValues = Record<string, string | number | Date>;

const compiled = new Map<string, IntlMessageFormat>();

function source(catalogue: Catalogue, key: string): string {
  let node: unknown = catalogue;
  for (const part of key.split('.')) node = (node as Record<string, unknown> | undefined)?.[part];
  if (typeof node !== 'string') throw new Error(`no message ${key} in the catalogue`);
  return node;
}

/** The compiled message (kept: compiling is the costly part), for tests that look at its arguments. */
export function messageFormat(language: Language, key: MessageKey): IntlMessageFormat {
  const cacheKey = `${language}\u0000${key}`;
  let format = compiled.get(cacheKey);
  if (!format) {
    // ignoreTag: a `<` in a sentence is text, never markup
    format = new IntlMessageFormat(source(catalogues[language], key), LOCALE[language], undefined, {
      ignoreTag: true,
    });
    compiled.set(cacheKey, format);
  }
  return format;
}

/** The sentence `key` in `language`, with its values put in (plurals, numbers and dates as `Intl` writes them). */
export function t(language: Language, key: MessageKey, values?: MessageValues): string {
  return String(messageFormat(language, key).format(values));
}

export type Translate = (key: MessageKey, values?: MessageValues) => string;

/** `t` bound to one language, for a component tree or a mail. */
export const translator =
  (language: Language): Translate =>
  (key, values) =>
    t(language, key, values);

/** Every key of a catalogue, for tests and tools. */
export function allKeys(catalogue: Catalogue = catalogues.nl): MessageKey[] {
  const keys: string[] = [];
  const walk = (node: Record<string, unknown>, prefix: string) => {
    for (const [name, value] of Object.entries(node)) {
      if (typeof value === 'string') keys.push(prefix + name);
      else walk(value as Record<string, unknown>, `${prefix}${name}.`);
    }
  };
  walk(catalogue as unknown as Record<string, unknown>, '');
  return keys as MessageKey[];
}

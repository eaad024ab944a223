import type { Language } from '@rw/kernel';
import { TYPE } from '@formatjs/icu-messageformat-parser';
import type { MessageKey } from './catalogue';
import { messageFormat } from './translate';

/** A count's message as a browser script can use it: a form per plural category (`one`, `other`, `=0`...), `#` the number. */
export type PluralForms = Record<string, string>;

/**
 * The forms of a catalogue message that is one plural and nothing else (`{count, plural, one {# sponsor} other {#
 * sponsors}}`), taken from the message itself: a page's script then says a count that changes live as the catalogue
 * does, with `Intl.PluralRules` and `Intl.NumberFormat` of the page's locale, and holds no word of its own.
 */
export function pluralForms(language: Language, key: MessageKey): PluralForms {
  const [element, ...rest] = messageFormat(language, key).getAst();
  if (rest.length > 0 || element?.type !== TYPE.plural || element.offset !== 0 || element.pluralType !== 'cardinal') {
    throw new Error(`${key} is not a single plural a script can use`);
  }
  const forms: PluralForms = {};
  for (const [category, option] of Object.entries(element.options)) {
    forms[category] = option.value
      .map((part) => {
        if (part.type === TYPE.pound) return '#';
        if (part.type === TYPE.literal && !part.value.includes('#')) return part.value;
        throw new Error(`${key}: a script can only use text and # in a plural form`);
      })
      .join('');
  }
  return forms;
}

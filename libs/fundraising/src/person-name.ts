import { tidyName } from '@rw/kernel';
/** A person's name as the tax administration wants it: surname (zone 2.13) and first names (zone 2.114) apart. */
export interface SplitName {
  surname: string;
  firstNames: string;
}

// Dutch, French and German surname particles: "Jan Van den Bossche" has the surname "Van den Bossche"
const PARTICLES = new Set([
  'van',
  'von',
  'vanden',
  'vander',
  'de',
  'den',
  'der',
  'del',
  'della',
  'di',
  'du',
  'des',
  'le',
  'la',
  'les',
  'ten',
  'ter',
  'te',
  "'t",
  'op',
  'in',
  "d'",
  'da',
  'dos',
]);

/**
 * Best effort for a donor who gave one name only (gifts before surname and first names were asked apart, or an
 * API client that still sends `name`): "Peeters, Ann" is surname first; otherwise the last word is the surname,
 * with the particles in front of it ("Jan Van den Bossche"), and the words before it are the first names. A
 * single word is a surname. It can be wrong ("Marie Claire Dubois Martin"): finance's list marks such names as
 * guessed so that they can be checked.
 */
export function splitName(name: string): SplitName {
  const clean = tidyName(name);
  const comma = clean.indexOf(',');
  if (comma > 0) {
    return { surname: clean.slice(0, comma).trim(), firstNames: clean.slice(comma + 1).trim() };
  }
  const words = clean.split(' ');
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1].toLowerCase())) start -= 1;
  return { surname: words.slice(start).join(' '), firstNames: words.slice(0, start).join(' ') };
}

/** The name printed in full: first names then surname. */
export function fullName(split: SplitName): string {
  return [split.firstNames, split.surname].filter((part) => part !== '').join(' ');
}

import type { Language } from '@rw/kernel';

/**
 * One glossary: the word each language uses for the people of the walk, and the words it does not use for them
 * (a person who walks is never both a "stapper" and a "wandelaar"). The catalogue test holds every message to it.
 */
export const glossary: Record<Language, { term: string; use: string; avoid: RegExp }[]> = {
  nl: [
    { term: 'walker', use: 'stapper', avoid: /\bwandelaar/i },
    { term: 'sponsor', use: 'sponsor', avoid: /\bsupporter/i },
  ],
  fr: [
    { term: 'walker', use: 'marcheur·euse', avoid: /\b(randonneur|promeneur)/i },
    { term: 'sponsor', use: 'donateur·rice', avoid: /\b(supporter|sponsor)/i },
  ],
  en: [
    { term: 'walker', use: 'walker', avoid: /\b(hiker|stepper)/i },
    { term: 'sponsor', use: 'sponsor', avoid: /\bsupporter/i },
  ],
};

/**
 * A name as search compares it: without accents, in lower case, spaces folded ("Élodie  Dupré" → "elodie dupre"),
 * so that "elodie" finds "Élodie" and "DUPRE" finds "Dupré". The read model keeps each name in this form; a query
 * is put in the same form before it is looked for.
 */
export function searchKey(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ø/g, 'o')
    .replace(/ł/g, 'l')
    .replace(/\s+/g, ' ')
    .trim();
}

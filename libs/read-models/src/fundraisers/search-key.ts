/**
 * A name as search compares it: without accents, in lower case, anything but letters and digits as one space
 * ("Élodie  Dupré-Lefèvre" → "elodie dupre lefevre"), so that "elodie" finds "Élodie", "DUPRE" finds "Dupré" and
 * "saint gilles" finds "Saint-Gilles". The read model keeps each name in this form; a query
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
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

import { randomInt } from 'node:crypto';

/** Page address from a name: lower case, ASCII letters and digits, dashes; "De Stappers!" → "de-stappers". */
export function slugify(name: string, fallback: string): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/g, '');
  if (slug === '') return fallback;
  // a page address in the form of an id would be read as an id (pages are found by id or by slug)
  return UUID_FORM.test(slug) ? `${fallback}-${slug}` : slug;
}

const UUID_FORM = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Candidates for a free slug: "de-stappers", "de-stappers-2", "de-stappers-3", … */
export function* slugCandidates(base: string): Generator<string> {
  yield base;
  for (let n = 2; ; n++) yield `${base}-${n}`;
}

// No 0/O, 1/I/L: the code is read aloud and typed from paper invitations too.
const JOIN_CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

export function newJoinCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += JOIN_CODE_ALPHABET[randomInt(JOIN_CODE_ALPHABET.length)];
  return code;
}

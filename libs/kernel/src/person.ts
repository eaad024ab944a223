/** A name as people give it (a walker, a donor, a captain, a team): at most this many characters. */
export const PERSON_NAME_MAX_LENGTH = 120;

/** A name trimmed, its inner runs of spaces made one. */
export function tidyName(name: string | undefined): string {
  return name?.trim().replace(/\s+/g, ' ') ?? '';
}

export type NameProblem = 'missing' | 'too_long';

/** What is wrong with a (tidied) name, if anything. */
export function nameProblem(name: string, max: number = PERSON_NAME_MAX_LENGTH): NameProblem | undefined {
  if (name === '') return 'missing';
  if (name.length > max) return 'too_long';
  return undefined;
}

import { nameProblem, PERSON_NAME_MAX_LENGTH, tidyName } from './person';

describe('person names', () => {
  it('tidies spaces', () => expect(tidyName('  Ann   Peeters ')).toBe('Ann Peeters'));
  it('is absent when undefined', () => expect(tidyName(undefined)).toBe(''));
  it.each([
    ['', 'missing'],
    ['a'.repeat(PERSON_NAME_MAX_LENGTH + 1), 'too_long'],
    ['a'.repeat(PERSON_NAME_MAX_LENGTH), undefined],
    ['Ann', undefined],
  ])('%j: %p', (name, problem) => expect(nameProblem(name)).toBe(problem));
  it('takes another maximum', () => expect(nameProblem('abcd', 3)).toBe('too_long'));
});

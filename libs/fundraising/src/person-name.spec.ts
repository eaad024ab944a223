import { fullName, splitName } from './person-name';

describe('splitting a name given in one piece (best effort)', () => {
  it.each([
    ['Ann Peeters', 'Peeters', 'Ann'],
    ['  Jan   Van den Bossche ', 'Van den Bossche', 'Jan'],
    ['Marie-Claire de la Fontaine', 'de la Fontaine', 'Marie-Claire'],
    ['Jean Pierre Dubois', 'Dubois', 'Jean Pierre'],
    ['Peeters, Ann Marie', 'Peeters', 'Ann Marie'],
    ['Madonna', 'Madonna', ''],
    // a particle as the first word is a first name, not part of the surname
    ['De Smet', 'Smet', 'De'],
  ])('%s → surname %s, first names %s', (name, surname, firstNames) => {
    expect(splitName(name)).toEqual({ surname, firstNames });
  });

  it('prints first names then surname', () => {
    expect(fullName({ surname: 'Van den Bossche', firstNames: 'Jan' })).toBe('Jan Van den Bossche');
    expect(fullName({ surname: 'Madonna', firstNames: '' })).toBe('Madonna');
  });
});

import { pluralForms } from './plural-forms';

describe('plural forms for a browser script', () => {
  it('are the forms of the catalogue message, per language', () => {
    expect(pluralForms('nl', 'common.sponsors')).toEqual({ one: '# sponsor', other: '# sponsors' });
    expect(pluralForms('fr', 'common.sponsors')).toEqual({ one: '# donateur·rice', other: '# donateurs·rices' });
    expect(pluralForms('en', 'common.walkers')).toEqual({ one: '# walker', other: '# walkers' });
  });

  it('refuse a message that is more than one plural', () => {
    expect(() => pluralForms('nl', 'common.siteName')).toThrow('common.siteName is not a single plural');
  });
});

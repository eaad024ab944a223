import type { Catalogue } from '../../catalogue';

export const common: Catalogue['common'] = {
  siteName: 'Refugee Walk',
  languageName: 'English',
  walkers: '{count, plural, one {# walker} other {# walkers}}',
  teams: '{count, plural, one {# team} other {# teams}}',
  sponsors: '{count, plural, one {# sponsor} other {# sponsors}}',
};

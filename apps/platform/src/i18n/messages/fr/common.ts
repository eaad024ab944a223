import type { Catalogue } from '../../catalogue';

export const common: Catalogue['common'] = {
  siteName: 'Refugee Walk',
  languageName: 'Français',
  walkers: '{count, plural, one {# marcheur·euse} other {# marcheurs·euses}}',
  teams: '{count, plural, one {# équipe} other {# équipes}}',
  sponsors: '{count, plural, one {# donateur·rice} other {# donateurs·rices}}',
};

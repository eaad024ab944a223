/** Words every surface shares, in Dutch. The glossary (../../glossary.ts) fixes which word names whom. */
export const common = {
  siteName: 'Refugee Walk',
  languageName: 'Nederlands',
  walkers: '{count, plural, one {# stapper} other {# stappers}}',
  teams: '{count, plural, one {# team} other {# teams}}',
  sponsors: '{count, plural, one {# sponsor} other {# sponsors}}',
};

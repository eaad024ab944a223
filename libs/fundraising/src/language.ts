/** The languages of the pages and mails: Dutch by default, French and English too. */
export type MailLanguage = 'nl' | 'fr' | 'en';
export const MAIL_LANGUAGES: readonly MailLanguage[] = ['nl', 'fr', 'en'];

import { LANGUAGES, type Language } from '@rw/kernel';

/** The languages of the pages and mails: the kernel's list (Dutch by default, French and English too). */
export type MailLanguage = Language;
export const MAIL_LANGUAGES: readonly MailLanguage[] = LANGUAGES;

// The pages' sentences are in the catalogue (../i18n/messages/*/pages.ts). These names stay for the desk and the
// screen, which still import them from here: delete this file once they import from @rw/kernel and ../i18n.
export { isLanguage as isLang, type Language as Lang, LANGUAGES } from '@rw/kernel';
export { chooseLanguage, readCookie } from '../i18n/language';

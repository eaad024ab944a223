export { type Catalogue, catalogues, type MessageKey } from './catalogue';
export { glossary } from './glossary';
export { chooseLanguage, LANGUAGE_COOKIE, readCookie } from './language';
export { allKeys, type MessageValues, messageFormat, t, type Translate, translator } from './translate';
export { type Refusal, refusal, refusalCode } from './refusals';

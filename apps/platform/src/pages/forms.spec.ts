import type { Request } from 'express';
import { chooseLanguage } from './i18n';

describe('chooseLanguage', () => {
  const asking = (query: Record<string, string>, headers: Record<string, string> = {}) =>
    ({ query, headers }) as unknown as Request;

  it('takes ?lang= first, then the lang cookie, then Accept-Language, then Dutch', () => {
    expect(chooseLanguage(asking({ lang: 'fr' }, { cookie: 'lang=en', 'accept-language': 'en' }))).toBe('fr');
    expect(chooseLanguage(asking({}, { cookie: 'a=b; lang=en', 'accept-language': 'fr' }))).toBe('en');
    expect(chooseLanguage(asking({}, { 'accept-language': 'de-DE,fr-BE;q=0.8,en;q=0.5' }))).toBe('fr');
    expect(chooseLanguage(asking({ lang: 'de' }, { cookie: 'lang=xx' }))).toBe('nl');
  });
});

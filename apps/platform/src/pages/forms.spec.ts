import express, { type Request } from 'express';
import { parseEuros } from './forms';
import { chooseLanguage } from '../i18n';

describe('parseEuros', () => {
  it('reads amounts as Belgians and others type them, in whole cents', () => {
    expect(parseEuros('25')).toBe(2500);
    expect(parseEuros('25,5')).toBe(2550);
    expect(parseEuros('25.50')).toBe(2550);
    expect(parseEuros('1.250,00')).toBe(125000);
    expect(parseEuros('€ 0,10')).toBe(10);
  });

  it('reads the amounts donors type in Dutch and French, with or without the currency', () => {
    const typed: [string, number][] = [
      ['20,50', 2050],
      ['20', 2000],
      ['€ 20', 2000],
      ['€20', 2000],
      ['20 €', 2000],
      ['20€', 2000],
      ['20,-', 2000],
      ['€ 20,--', 2000],
      ['20 EUR', 2000],
      ['20 euros', 2000],
      ['Euro 7,5', 750],
      ['1 250,00 €', 125000],
      // French typography: a narrow no-break space between thousands and before the euro sign
      ['1\u202f250,00\u00a0€', 125000],
      [' 35 ', 3500],
    ];
    expect(typed.map(([text]) => [text, parseEuros(text)])).toEqual(typed);
  });

  it('refuses what is not an amount', () => {
    for (const text of ['', 'abc', '-5', '1,234', '2e3', '12,345', '1.2.3', '12 50', '€', '20 dollars', '2€0'])
      expect({ text, cents: parseEuros(text) }).toEqual({ text, cents: undefined });
  });
});

describe('chooseLanguage', () => {
  // a request as Express makes it (its prototype gives acceptsLanguages)
  const asking = (query: Record<string, string>, headers: Record<string, string> = {}) =>
    Object.create(express.request, {
      query: { value: query },
      headers: { value: headers },
    }) as Request;

  it('takes ?lang= first, then the lang cookie, then Accept-Language, then Dutch', () => {
    expect(chooseLanguage(asking({ lang: 'fr' }, { cookie: 'lang=en', 'accept-language': 'en' }))).toBe('fr');
    expect(chooseLanguage(asking({}, { cookie: 'a=b; lang=en', 'accept-language': 'fr' }))).toBe('en');
    expect(chooseLanguage(asking({}, { 'accept-language': 'de-DE,fr-BE;q=0.8,en;q=0.5' }))).toBe('fr');
    expect(chooseLanguage(asking({ lang: 'de' }, { cookie: 'lang=xx' }))).toBe('nl');
    expect(chooseLanguage(asking({}, { 'accept-language': 'de, en;q=0' }))).toBe('nl');
  });
});

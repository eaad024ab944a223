import express, { type Request } from 'express';
import { IsInt, Min } from 'class-validator';
import { NestedObject } from '../http/nested';
import { PersonDto } from '../http/person.dto';
import { addDtoErrors, dtoProblems, emptyForm, type FieldOfPath, personFields } from './forms';
import { chooseLanguage, translator } from '../i18n';

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

describe('page forms checked by a DTO class', () => {
  class Body {
    @IsInt()
    @Min(1)
    amountCents!: number;

    @NestedObject(() => PersonDto)
    donor!: PersonDto;
  }
  const t = translator('nl');
  const fields = {
    amountCents: ['amount', () => t('pages.errorAmount')],
    ...personFields(t, 'donor'),
  } satisfies FieldOfPath;

  it('names each broken path with its rules', () => {
    const problems = dtoProblems(Body, { amountCents: 0, donor: { name: '', email: 'x' }, extra: 1 });
    expect(Object.fromEntries([...problems].map(([path, rules]) => [path, [...rules].sort()]))).toEqual({
      amountCents: ['min'],
      'donor.name': ['minLength'],
      'donor.email': ['isEmailAddress'],
      extra: ['whitelistValidation'],
    });
  });

  it('puts them under the form fields in the visitor language, keeping an error the field already has', () => {
    const form = emptyForm({ amount: 'twenty' });
    form.errors.amount = t('pages.errorAmountUnreadable');
    addDtoErrors(form, dtoProblems(Body, { donor: { name: 'x'.repeat(121), email: 'ann@example.be' } }), fields);
    expect(form.errors).toEqual({
      amount: t('pages.errorAmountUnreadable'),
      name: t('pages.errorTooLong', { max: 120 }),
    });
  });

  it('fails loudly on a path the page does not show (the page made the body wrong)', () => {
    const form = emptyForm();
    expect(() => addDtoErrors(form, dtoProblems(Body, { amountCents: 5, donor: {}, extra: 1 }), fields)).toThrow(
      'the page form has no field for extra',
    );
  });

  it('is quiet on a good body', () => {
    expect(dtoProblems(Body, { amountCents: 5, donor: { name: 'Ann', email: 'ann@example.be' } }).size).toBe(0);
  });
});

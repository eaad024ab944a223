/** The languages the platform speaks, in the order a Belgian expects them. Dutch is the source language. */
export const LANGUAGES = ['nl', 'fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const DEFAULT_LANGUAGE: Language = 'nl';

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

/** The locale `Intl` formats numbers, money and dates with, per language (Belgian Dutch and French). */
export const LOCALE: Record<Language, string> = { nl: 'nl-BE', fr: 'fr-BE', en: 'en' };

import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES, type Language } from '@rw/kernel';
import { parseCookie } from 'cookie';
import type { Request, Response } from 'express';

export const LANGUAGE_COOKIE = 'lang';

/** A cookie of the request (the `cookie` package parses the header; no cookie middleware is needed). */
export function readCookie(request: Request, name: string): string | undefined {
  return parseCookie(request.headers.cookie ?? '')[name];
}

/**
 * The visitor's language: `?lang=` (remembered in a cookie for a year), then that cookie, then the browser's
 * Accept-Language (Express weighs it), then Dutch.
 */
export function chooseLanguage(request: Request, response?: Response): Language {
  const asked = request.query.lang;
  if (isLanguage(asked)) {
    response?.cookie(LANGUAGE_COOKIE, asked, {
      httpOnly: true,
      sameSite: 'lax',
      secure: request.secure,
      maxAge: 365 * 24 * 3600_000,
      path: '/',
    });
    return asked;
  }
  const remembered = readCookie(request, LANGUAGE_COOKIE);
  if (isLanguage(remembered)) return remembered;
  const accepted = request.acceptsLanguages(...LANGUAGES);
  return isLanguage(accepted) ? accepted : DEFAULT_LANGUAGE;
}

import type { Language } from '@rw/kernel';
import type { Request, Response } from 'express';
import type { ComponentChildren } from 'preact';
import { chooseLanguage, type Translate, translator } from '../i18n';
import { type PageMeta, PageLayout } from '../views/page-layout';
import { renderDocument } from '../views/render';
import type { CsrfTokens } from './csrf';

export { inLanguage, type OpenGraph, type OpenGraphImage } from '../views/page-layout';

/** What every page needs to render: its language, its sentences, its own address and the form token. */
export interface PageContext {
  lang: Language;
  t: Translate;
  /** Path and query of the page, for the language switch. */
  url: string;
  baseUrl: string;
  csrfToken: string;
}

export function pageContext(request: Request, response: Response, csrf: CsrfTokens, baseUrl: string): PageContext {
  const lang = chooseLanguage(request, response);
  return { lang, t: translator(lang), url: request.originalUrl, baseUrl, csrfToken: csrf.issue(request, response) };
}

/** A page as the browser gets it: the layout around the page's own content. */
export function renderPage(ctx: PageContext, meta: PageMeta, content: ComponentChildren): string {
  return renderDocument(
    <PageLayout {...meta} language={ctx.lang} url={ctx.url}>
      {content}
    </PageLayout>,
  );
}

/** A calendar day (YYYY-MM-DD) as the visitor's language writes it: "27 september 2026". */
export function walkDay(ctx: PageContext, day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  // as Belgians write it in that language: "27 September 2026" in English too
  return new Intl.DateTimeFormat(`${ctx.lang}-BE`, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

import type { Request, Response } from 'express';
import { escapeHtml, euros, html, raw } from '../sandbox/html';
import { catalogues, chooseLanguage, LANGUAGES, type Lang, type Messages } from './i18n';
import { assetUrl } from './assets';
import { CSRF_FIELD, type CsrfTokens } from './csrf';

/** What every page needs to render: its language, its messages, its own address and the form token. */
export interface PageContext {
  lang: Lang;
  t: Messages;
  /** Path and query of the page, for the language switch. */
  url: string;
  baseUrl: string;
  csrfToken: string;
}

export function pageContext(request: Request, response: Response, csrf: CsrfTokens, baseUrl: string): PageContext {
  const lang = chooseLanguage(request, response);
  return { lang, t: catalogues[lang], url: request.originalUrl, baseUrl, csrfToken: csrf.issue(request, response) };
}

/** The hidden field every page form carries. */
export const csrfField = (ctx: PageContext) =>
  raw(html`<input type="hidden" name="${CSRF_FIELD}" value="${ctx.csrfToken}">`);

/** The same page in another language: the current address with `lang` replaced. */
export function inLanguage(url: string, lang: Lang): string {
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', lang);
  return `${path}?${params.toString()}`;
}

export interface OpenGraph {
  title: string;
  description: string;
  url: string;
}

export interface PageContent {
  title: string;
  body: string;
  og?: OpenGraph;
  /** Extra scripts under /assets (no inline scripts: the content security policy forbids them). */
  scripts?: string[];
}

export function layout(ctx: PageContext, content: PageContent): string {
  const { t } = ctx;
  const og = content.og
    ? html`<meta property="og:title" content="${content.og.title}">
<meta property="og:description" content="${content.og.description}">
<meta property="og:url" content="${content.og.url}">
<meta property="og:type" content="website">
<meta name="description" content="${content.og.description}">`
    : '';
  const languages = LANGUAGES.map((lang) =>
    lang === ctx.lang
      ? html`<li><span aria-current="true" lang="${lang}">${lang.toUpperCase()}</span></li>`
      : html`<li><a href="${inLanguage(ctx.url, lang)}" lang="${lang}" hreflang="${lang}" title="${catalogues[lang].languageName}">${lang.toUpperCase()}</a></li>`,
  ).join('');
  const scripts = ['site.js', ...(content.scripts ?? [])]
    .map((name) => html`<script src="${assetUrl(name)}" defer></script>`)
    .join('\n');
  return html`<!doctype html>
<html lang="${ctx.lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${content.title} · ${t.siteName}</title>
<link rel="stylesheet" href="${assetUrl('site.css')}">
<link rel="icon" href="data:,">
${raw(og)}
${raw(scripts)}
</head>
<body>
<a class="skip-link" href="#main">${t.skipToContent}</a>
<header class="site-header">
  <div class="wrap header-row">
    <a class="brand" href="/">${t.siteName}</a>
    <nav aria-label="${t.chooseLanguage}">
      <ul class="languages">${raw(languages)}</ul>
    </nav>
  </div>
</header>
<main id="main" class="wrap" tabindex="-1">
${raw(content.body)}
</main>
<footer class="site-footer"><div class="wrap"><p>${t.footer}</p></div></footer>
</body>
</html>`;
}

/** A progress bar with its figures in text, so it also reads without colour or a screen. */
export function progress(ctx: PageContext, raisedCents: number, targetCents: number) {
  const percent = targetCents > 0 ? Math.min(100, Math.floor((raisedCents * 100) / targetCents)) : 0;
  return raw(html`<div class="progress-figures"><strong class="raised">${euros(raisedCents, ctx.lang)}</strong> ${ctx.t.raised}${
    targetCents > 0 ? raw(html` <span>${ctx.t.ofTarget(euros(targetCents, ctx.lang))}</span>`) : ''
  }</div>
${raw(targetCents > 0 ? html`<progress max="100" value="${percent}" aria-label="${ctx.t.progressLabel(percent)}">${percent}%</progress>` : '')}`);
}

export { escapeHtml, html, raw };

/** A calendar day (YYYY-MM-DD) as the visitor's language writes it: "27 september 2026". */
export function walkDay(ctx: PageContext, day: string): string {
  const date = new Date(`${day}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(`${ctx.lang}-BE`, {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

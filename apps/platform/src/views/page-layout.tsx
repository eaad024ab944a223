import { LANGUAGES, type Language } from '@rw/kernel';
import type { ComponentChildren } from 'preact';
import { t } from '../i18n';
import { assetUrl } from './assets';

export interface OpenGraph {
  title: string;
  description: string;
  url: string;
  /** The page's share card, shown large where the page is shared. */
  image?: OpenGraphImage;
}

export interface OpenGraphImage {
  url: string;
  width: number;
  height: number;
  /** The card in words, for those who do not see it. */
  alt: string;
}

export interface PageMeta {
  title: string;
  og?: OpenGraph;
  /** Extra scripts under /assets (no inline scripts: the content security policy forbids them). */
  scripts?: string[];
}

/** The same page in another language: the current address with `lang` replaced. */
export function inLanguage(url: string, language: Language): string {
  const [path, query = ''] = url.split('?');
  const params = new URLSearchParams(query);
  params.set('lang', language);
  return `${path}?${params.toString()}`;
}

/** Links to the same page in the other languages, each named in its own language; the current one is marked. */
export function LanguageSwitch({ current, url, label }: { current: Language; url: string; label: string }) {
  return (
    <nav aria-label={label}>
      <ul class="languages">
        {LANGUAGES.map((other) => (
          <li>
            {other === current ? (
              <span aria-current="true" lang={other}>
                {other.toUpperCase()}
              </span>
            ) : (
              <a href={inLanguage(url, other)} lang={other} hreflang={other} title={t(other, 'common.languageName')}>
                {other.toUpperCase()}
              </a>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The frame of every page (public pages, desk, outbox): head, header with the language switch, main, footer.
 * `url` is the page's own path and query, for the language switch.
 */
export function PageLayout(props: PageMeta & { language: Language; url: string; children: ComponentChildren }) {
  const { language, og } = props;
  const siteName = t(language, 'common.siteName');
  return (
    <html lang={language}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${props.title} · ${siteName}`}</title>
        <link rel="stylesheet" href={assetUrl('site.css')} />
        <link rel="icon" href="data:," />
        {og && (
          <>
            <meta property="og:title" content={og.title} />
            <meta property="og:description" content={og.description} />
            <meta property="og:url" content={og.url} />
            <meta property="og:type" content="website" />
            <meta name="description" content={og.description} />
            {og.image && (
              <>
                <meta property="og:image" content={og.image.url} />
                <meta property="og:image:type" content="image/png" />
                <meta property="og:image:width" content={String(og.image.width)} />
                <meta property="og:image:height" content={String(og.image.height)} />
                <meta property="og:image:alt" content={og.image.alt} />
                <meta name="twitter:card" content="summary_large_image" />
              </>
            )}
          </>
        )}
        {['site.js', ...(props.scripts ?? [])].map((name) => (
          <script src={assetUrl(name)} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main">
          {t(language, 'pages.skipToContent')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              {siteName}
            </a>
            <LanguageSwitch current={language} url={props.url} label={t(language, 'pages.chooseLanguage')} />
          </div>
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t(language, 'pages.footer')}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

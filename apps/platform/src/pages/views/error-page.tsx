import { type PageContext, renderPage } from '../layout';

/** A page that says what went wrong, in the visitor's language, with the way back home. */
export function ErrorPage({ ctx, title, text }: { ctx: PageContext; title: string; text: string }) {
  return (
    <>
      <h1>{title}</h1>
      <p role="alert">{text}</p>
      <p>
        <a href="/">{ctx.t('pages.backHome')}</a>
      </p>
    </>
  );
}

export const errorPage = (ctx: PageContext, title: string, text: string): string =>
  renderPage(ctx, { title }, <ErrorPage ctx={ctx} title={title} text={text} />);

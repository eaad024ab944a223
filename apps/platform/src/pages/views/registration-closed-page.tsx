import { type PageContext, renderPage, walkDay } from '../layout';

export interface RegistrationClosedPageProps {
  ctx: PageContext;
  edition: { id: string; name: string; walkOn: string };
}

/** After the walk: the register and join pages say so, and lead to the results and to giving, which stays open. */
export function RegistrationClosedPage({ ctx, edition }: RegistrationClosedPageProps) {
  const { t } = ctx;
  return (
    <div class="narrow" id="registration-closed">
      <h1>{t('pages.registrationClosedTitle')}</h1>
      <p class="lead">{t('pages.registrationClosed', { date: walkDay(ctx, edition.walkOn) })}</p>
      <div class="actions">
        <a class="button primary" href={`/editions/${edition.id}#results`}>
          {t('pages.resultsTitle')}
        </a>
        <a class="button" href={`/editions/${edition.id}/give`}>
          {t('pages.give')}
        </a>
      </div>
    </div>
  );
}

export const registrationClosedPage = (props: RegistrationClosedPageProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.registrationClosedTitle') }, <RegistrationClosedPage {...props} />);

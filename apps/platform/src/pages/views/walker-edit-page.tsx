import { STORY_MAX_LENGTH } from '@rw/fundraising';
import { ErrorSummary, Field } from '../../views/field';
import type { FormState } from '../forms';
import { CsrfField } from '../../views/csrf-field';
import { type PageContext, renderPage } from '../layout';

export interface WalkerEditPageProps {
  ctx: PageContext;
  walkerId: string;
  /** the private link's token, carried by the form's address */
  token: string;
  name: string;
  form: FormState;
  saved: boolean;
  /** The team's invitation link: only on the captain's private page. */
  inviteUrl?: string;
}

/** A walker changes their target and story through the private link from their confirmation. */
export function WalkerEditPage({ ctx, walkerId, token, name, form, saved, inviteUrl }: WalkerEditPageProps) {
  const { t } = ctx;
  return (
    <div class="narrow">
      <h1>{t('pages.editTitle')}</h1>
      <p class="lead">{name}</p>
      {saved && (
        <p class="notice" role="status">
          {t('pages.saved')}
        </p>
      )}
      <ErrorSummary form={form} message={t('pages.fixErrors')} />
      <form method="post" action={`/walkers/${walkerId}/edit?token=${token}`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <Field
          form={form}
          name="target"
          label={t('pages.target')}
          requiredNote={t('pages.required')}
          inputmode="decimal"
        />
        <Field form={form} name="story" label={t('pages.story')} type="textarea" maxlength={STORY_MAX_LENGTH} />
        <div class="actions">
          <button class="primary" type="submit">
            {t('pages.save')}
          </button>{' '}
          <a class="button" href={`/walkers/${walkerId}`}>
            {t('pages.yourPage')}
          </a>
        </div>
      </form>
      {inviteUrl && (
        <section class="card" aria-labelledby="invite-title">
          <h2 id="invite-title">{t('pages.inviteWalkers')}</h2>
          <label for="invite-url">{t('pages.shareLink')}</label>
          <input id="invite-url" class="share-link" type="text" readonly value={inviteUrl} />
          <div class="actions">
            <button type="button" data-copy="invite-url" data-copied={t('pages.linkCopied')} hidden>
              {t('pages.copyLink')}
            </button>
          </div>
        </section>
      )}
    </div>
  );
}

export const walkerEditPage = (props: WalkerEditPageProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.editTitle') }, <WalkerEditPage {...props} />);

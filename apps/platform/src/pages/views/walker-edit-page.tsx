import { MAX_TRACK_BYTES, STORY_MAX_LENGTH } from '@rw/fundraising';
import type { DistanceProposal } from '@rw/read-models';
import { ErrorSummary, Field, FieldError } from '../../views/field';
import { profileFigures, TrackProfile } from '../../views/track-profile';
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
  /** The latest distance proposed from a track, if any. */
  proposal?: DistanceProposal;
  /** The track form sent back with what is wrong with the file. */
  trackForm?: FormState;
}

/** A walker changes their target and story through the private link from their confirmation. */
export function WalkerEditPage({
  ctx,
  walkerId,
  token,
  name,
  form,
  saved,
  inviteUrl,
  proposal,
  trackForm,
}: WalkerEditPageProps) {
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
      <TrackSection ctx={ctx} walkerId={walkerId} token={token} proposal={proposal} form={trackForm} />
    </div>
  );
}

/** The walker proposes the distance they walked from their track; an organiser accepts it on the desk. */
function TrackSection({
  ctx,
  walkerId,
  token,
  proposal,
  form,
}: {
  ctx: PageContext;
  walkerId: string;
  token: string;
  proposal?: DistanceProposal;
  form?: FormState;
}) {
  const { t } = ctx;
  const error = form?.errors.track;
  const shown = proposal && proposal.status !== 'replaced' ? proposal : undefined;
  return (
    <section aria-labelledby="track-title" id="track">
      <h2 id="track-title">{t('pages.trackTitle')}</h2>
      {shown && (
        <div class="track-proposal" data-status={shown.status}>
          <p role="status">
            {shown.status === 'pending'
              ? t('pages.trackProposed', { km: shown.km })
              : t('pages.trackAccepted', { km: shown.km })}
          </p>
          <p class="hint">
            {t('pages.trackMeasured', { points: shown.points })}
            {shown.durationSeconds !== undefined && (
              <>
                {' '}
                {t('pages.trackDuration', {
                  hours: Math.floor(shown.durationSeconds / 3600),
                  minutes: Math.floor((shown.durationSeconds % 3600) / 60),
                })}
              </>
            )}
          </p>
          {shown.profile && (
            <TrackProfile profile={shown.profile} title={t('pages.profileTitle', profileFigures(shown.profile))} />
          )}
        </div>
      )}
      <p>{t('pages.trackIntro')}</p>
      {form && <ErrorSummary form={form} message={t('pages.fixErrors')} />}
      <form
        method="post"
        action={`/walkers/${walkerId}/edit/track?token=${token}`}
        enctype="multipart/form-data"
        novalidate
      >
        <CsrfField token={ctx.csrfToken} />
        <div class="field">
          <label for="field-track">{t('pages.trackFile', { mb: MAX_TRACK_BYTES / 1024 / 1024 })}</label>
          <input
            type="file"
            id="field-track"
            name="track"
            accept=".gpx,application/gpx+xml"
            required
            aria-describedby={error ? 'field-track-error' : undefined}
            aria-invalid={error ? 'true' : undefined}
          />
          <FieldError id="field-track-error" error={error} />
        </div>
        <button type="submit">{t('pages.trackSend')}</button>
      </form>
    </section>
  );
}

export const walkerEditPage = (props: WalkerEditPageProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.editTitle') }, <WalkerEditPage {...props} />);

import { STORY_MAX_LENGTH, TEAM_NAME_MAX_LENGTH } from '@rw/fundraising';
import { Choices, ErrorSummary, Field, FieldError } from '../../views/field';
import { formatMoney } from '../../views/money';
import type { FormState } from '../forms';
import { CsrfField } from '../../views/csrf-field';
import { PersonFields } from './person-fields';
import { type PageContext, renderPage } from '../layout';
import type { EditionSummary } from '@rw/read-models';
import { type RegistrationFee, FeeStatusCard } from './fee-status';
import { ShareBox } from './public-pages';

/** A captain registers a team: its name, route and target, and the captain's own name and address. */
export function RegisterPage({ ctx, edition, form }: { ctx: PageContext; edition: EditionSummary; form: FormState }) {
  const { t } = ctx;
  const required = t('pages.required');
  const routes = edition.routes.map((route) => ({
    value: route.routeId,
    label: route.registrationFeeCents
      ? t('pages.routeWithFee', {
          name: route.name,
          km: route.distanceKm,
          fee: formatMoney(route.registrationFeeCents, ctx.lang),
        })
      : t('pages.routeFree', { name: route.name, km: route.distanceKm }),
  }));
  return (
    <div class="narrow">
      <h1>{t('pages.registerTeam')}</h1>
      <p class="lead">{edition.name}</p>
      <ErrorSummary form={form} message={t('pages.fixErrors')} />
      <form method="post" action={`/editions/${edition.id}/register`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        {/* names the registration: the form sent twice (a reload, a double click) registers once */}
        <input type="hidden" name="attempt" value={form.values.attempt ?? ''} />
        <Field
          form={form}
          name="teamName"
          label={t('pages.teamName')}
          requiredNote={required}
          maxlength={TEAM_NAME_MAX_LENGTH}
        />
        <Choices form={form} name="routeId" legend={t('pages.route')} options={routes} />
        <Field form={form} name="teamTarget" label={t('pages.teamTarget')} inputmode="decimal" />
        <fieldset>
          <legend>{t('pages.captain')}</legend>
          <PersonFields form={form} t={t} />
        </fieldset>
        <div class="actions">
          <button class="primary" type="submit">
            {t('pages.register')}
          </button>
        </div>
      </form>
    </div>
  );
}

export const registerPage = (ctx: PageContext, edition: EditionSummary, form: FormState): string =>
  renderPage(ctx, { title: ctx.t('pages.registerTeam') }, <RegisterPage ctx={ctx} edition={edition} form={form} />);

export interface JoinPageProps {
  ctx: PageContext;
  teamId: string;
  teamName: string;
  form: FormState;
}

/** A walker joins a team through the captain's invitation link (its code rides along in a hidden field). */
export function JoinPage({ ctx, teamId, teamName, form }: JoinPageProps) {
  const { t } = ctx;
  return (
    <div class="narrow">
      <h1>{t('pages.joinTeam', { team: teamName })}</h1>
      <ErrorSummary form={form} message={t('pages.fixErrors')} />
      {/* the code is no field the visitor sees: what is wrong with it (or with the team) is said above the form */}
      <FieldError id="field-code-error" error={form.errors.code} />
      <form method="post" action={`/teams/${teamId}/join`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="code" value={form.values.code ?? ''} />
        <input type="hidden" name="attempt" value={form.values.attempt ?? ''} />
        <PersonFields form={form} t={t} />
        <Field form={form} name="target" label={t('pages.target')} inputmode="decimal" />
        <Field form={form} name="story" label={t('pages.story')} type="textarea" maxlength={STORY_MAX_LENGTH} />
        <div class="actions">
          <button class="primary" type="submit">
            {t('pages.join')}
          </button>
        </div>
      </form>
    </div>
  );
}

export const joinPage = (props: JoinPageProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.joinTeam', { team: props.teamName }) }, <JoinPage {...props} />);

export interface RegisteredPageProps {
  ctx: PageContext;
  teamName: string;
  walkerId: string;
  /** the route's registration fee and where it stands */
  fee: RegistrationFee;
  walkerUrl: string;
  editUrl: string;
  /** the team's invitation link, while the team takes walkers and the walk is ahead */
  joinUrl?: string;
}

/**
 * After registering (the form's answer redirects here, so a reload or a language switch shows it again): the fee
 * step while the fee is owed, the personal page, the edit link and the invitation link to copy.
 */
export function RegisteredPage(props: RegisteredPageProps) {
  const { ctx, fee } = props;
  const { t } = ctx;
  const owed = fee.status === 'pending_fee';
  return (
    <div class="narrow">
      <h1>{t('pages.registeredTitle')}</h1>
      <p class="notice" role="status">
        {t('pages.registeredIn', { team: props.teamName })}
      </p>
      {owed && <p class="banner">{t('pages.feeStep')}</p>}
      <FeeStatusCard ctx={ctx} fee={fee} />
      <div class="actions">
        <a class={owed ? 'button' : 'button primary'} href={`/walkers/${props.walkerId}`}>
          {t('pages.yourPage')}
        </a>
        <a class="button" href={props.editUrl}>
          {t('pages.editTitle')}
        </a>
      </div>
      {props.joinUrl && (
        <section class="card" aria-labelledby="invite-title">
          <h2 id="invite-title">{t('pages.inviteWalkers')}</h2>
          <label for="join-url">{t('pages.shareLink')}</label>
          <input id="join-url" class="share-link" type="text" readonly value={props.joinUrl} />
          <div class="actions">
            <button type="button" data-copy="join-url" data-copied={t('pages.linkCopied')} hidden>
              {t('pages.copyLink')}
            </button>
          </div>
        </section>
      )}
      <ShareBox ctx={ctx} url={props.walkerUrl} text={t('pages.giveTo', { name: props.teamName })} />
    </div>
  );
}

export const registeredPage = (props: RegisteredPageProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.registeredTitle') }, <RegisteredPage {...props} />);

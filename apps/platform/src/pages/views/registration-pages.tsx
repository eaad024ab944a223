import { STORY_MAX_LENGTH, TEAM_NAME_MAX_LENGTH } from '@rw/fundraising';
import { Choices, ErrorSummary, Field, FieldError } from '../../views/field';
import { formatMoney } from '../../views/money';
import type { FormState } from '../forms';
import { CsrfField } from '../../views/csrf-field';
import { PersonFields } from './person-fields';
import { type PageContext, renderPage } from '../layout';
import type { EditionSummary } from '@rw/read-models';
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
  /** the provider's checkout of the route's registration fee, when there is one */
  feeCheckoutUrl?: string;
  walkerUrl: string;
  editUrl: string;
  joinUrl: string;
}

/** After registering: the fee step when the route has one, the personal page, the edit and invitation links. */
export function RegisteredPage(props: RegisteredPageProps) {
  const { ctx, feeCheckoutUrl } = props;
  const { t } = ctx;
  return (
    <div class="narrow">
      <h1>{t('pages.registeredTitle')}</h1>
      <p class="notice" role="status">
        {t('pages.registeredIn', { team: props.teamName })}
      </p>
      {feeCheckoutUrl && (
        <>
          <p class="banner">{t('pages.feeStep')}</p>
          <p>
            <a class="button primary" href={feeCheckoutUrl}>
              {t('pages.payFeeButton')}
            </a>
          </p>
        </>
      )}
      <div class="actions">
        <a class={feeCheckoutUrl ? 'button' : 'button primary'} href={`/walkers/${props.walkerId}`}>
          {t('pages.yourPage')}
        </a>
        <a class="button" href={props.editUrl}>
          {t('pages.editTitle')}
        </a>
      </div>
      <section class="card" aria-labelledby="invite-title">
        <h2 id="invite-title">{t('pages.inviteWalkers')}</h2>
        <label for="join-url">{t('pages.shareLink')}</label>
        <input id="join-url" class="share-link" type="text" readonly value={props.joinUrl} />
      </section>
      <ShareBox ctx={ctx} url={props.walkerUrl} text={t('pages.giveTo', { name: props.teamName })} />
    </div>
  );
}

export const registeredPage = (props: RegisteredPageProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.registeredTitle') }, <RegisteredPage {...props} />);

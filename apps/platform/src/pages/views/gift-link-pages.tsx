import { pledgeDueCents } from '@rw/fundraising';
import { Choices, ErrorSummary, Field } from '../../views/field';
import { formatMoney } from '../../views/money';
import type { FormState } from '../forms';
import { CsrfField } from '../../views/csrf-field';
import { PersonFields } from './person-fields';
import { type PageContext, renderPage } from '../layout';

export interface CancelMonthlyPageProps {
  ctx: PageContext;
  donationId: string;
  token: string;
  amountCents: number;
  cancelled: boolean;
}

/** Stop a monthly gift from the link in its e-mail: one button, then the page says it is stopped. */
export function CancelMonthlyPage({ ctx, donationId, token, amountCents, cancelled }: CancelMonthlyPageProps) {
  const { t } = ctx;
  return (
    <div class="narrow">
      <h1>{t('pages.cancelMonthlyTitle')}</h1>
      {cancelled ? (
        <p class="notice" role="status">
          {t('pages.cancelMonthlyDone')}
        </p>
      ) : (
        <>
          <p class="amount">{t('pages.amountPerMonth', { amount: formatMoney(amountCents, ctx.lang) })}</p>
          <form method="post" action={`/donations/${donationId}/cancel?token=${token}`}>
            <CsrfField token={ctx.csrfToken} />
            <div class="actions">
              <button class="primary" type="submit">
                {t('pages.cancelMonthly')}
              </button>
            </div>
          </form>
        </>
      )}
    </div>
  );
}

export const cancelMonthlyPage = (props: CancelMonthlyPageProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.cancelMonthlyTitle') }, <CancelMonthlyPage {...props} />);

export type PledgeToPay =
  | {
      status: 'due';
      dueCents: number;
      /** who the pledge is for; a walker removed since is simply not named */
      whom?: string;
      sponsorName: string;
      kind: 'fixed' | 'per_km';
      km: number | null;
      amountCents: number;
      capCents?: number;
      /** the amount changed since the sponsor opened the page */
      changed: boolean;
    }
  | { status: 'fulfilled'; donationId: string }
  | { status: 'not_due' };

/**
 * How the sum came about: a fixed amount as it was pledged; per km, the km times the rate and its product, and
 * whether the sponsor's own maximum cut it. The product is worked out by the domain's own rule (pledgeDueCents).
 */
function PledgeWorkedOut({ ctx, pledge }: { ctx: PageContext; pledge: Extract<PledgeToPay, { status: 'due' }> }) {
  const { t } = ctx;
  const money = (cents: number) => formatMoney(cents, ctx.lang);
  if (pledge.kind !== 'per_km' || pledge.km === null)
    return <>{t('pages.pledgeFixedWorkedOut', { amount: money(pledge.amountCents) })}</>;
  const km = pledge.km;
  const perKm = money(pledge.amountCents);
  const uncapped = pledgeDueCents({ kind: 'per_km', amountCents: pledge.amountCents }, km);
  const total = money(uncapped);
  if (pledge.capCents === undefined) return <>{t('pages.pledgeWorkedOut', { km, perKm, total })}</>;
  const key = uncapped > pledge.capCents ? 'pages.pledgeWorkedOutCapped' : 'pages.pledgeWorkedOutUnderCap';
  return <>{t(key, { km, perKm, total, cap: money(pledge.capCents) })}</>;
}

/**
 * The page says who the pledge is for, how its amount was worked out and what will be charged; the form carries
 * that amount, so the charge is what the sponsor saw.
 */
export function PayPledgePage({ ctx, pledgeId, pledge }: { ctx: PageContext; pledgeId: string; pledge: PledgeToPay }) {
  const { t } = ctx;
  const money = (cents: number) => formatMoney(cents, ctx.lang);
  return (
    <div class="narrow">
      <h1>{t('pages.payPledgeTitle')}</h1>
      {pledge.status === 'due' ? (
        <>
          {pledge.changed && (
            <p class="error-summary" role="alert">
              {t('pages.pledgeAmountChanged', { amount: money(pledge.dueCents) })}
            </p>
          )}
          {pledge.whom !== undefined && <p class="lead">{t('pages.pledgeFor', { name: pledge.whom })}</p>}
          <p class="amount">{money(pledge.dueCents)}</p>
          <p class="worked-out">
            <PledgeWorkedOut ctx={ctx} pledge={pledge} />
          </p>
          <p class="hint">{t('pages.pledgedBy', { name: pledge.sponsorName })}</p>
          <form method="post" action={`/pledges/${pledgeId}/pay`}>
            <CsrfField token={ctx.csrfToken} />
            <input type="hidden" name="amountCents" value={pledge.dueCents} />
            <div class="actions">
              <button class="primary" type="submit">
                {t('pages.payPledge')}
              </button>
            </div>
          </form>
        </>
      ) : pledge.status === 'fulfilled' ? (
        <>
          <p class="notice" role="status">
            {t('pages.pledgePaid')}
          </p>
          <p>
            <a href={`/donations/${pledge.donationId}/result`}>{t('pages.seeResult')}</a>
          </p>
        </>
      ) : (
        <p class="card" role="status">
          {t('pages.pledgeNotDue')}
        </p>
      )}
    </div>
  );
}

export const payPledgePage = (ctx: PageContext, pledgeId: string, pledge: PledgeToPay): string =>
  renderPage(
    ctx,
    { title: ctx.t('pages.payPledgeTitle') },
    <PayPledgePage ctx={ctx} pledgeId={pledgeId} pledge={pledge} />,
  );

export interface PledgePageProps {
  ctx: PageContext;
  type: 'walker' | 'team';
  id: string;
  name: string;
  form: FormState;
}

/** A sponsor pledges a fixed amount or an amount per km walked, to pay after the walk. */
export function PledgePage({ ctx, type, id, name, form }: PledgePageProps) {
  const { t } = ctx;
  const required = t('pages.required');
  return (
    <div class="narrow">
      <h1 dir="auto">{t(type === 'team' ? 'pages.pledgeToTeam' : 'pages.pledgeTo', { name })}</h1>
      <p class="lead">{t('pages.pledgeInstead')}</p>
      <ErrorSummary form={form} message={t('pages.fixErrors')} />
      <form method="post" action={`/${type}s/${id}/pledge`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="attempt" value={form.values.attempt ?? ''} />
        <Choices
          form={form}
          name="kind"
          legend={t('pages.pledgeKind')}
          options={[
            { value: 'fixed', label: t('pages.pledgeFixed') },
            { value: 'per_km', label: t('pages.pledgePerKm') },
          ]}
        />
        <Field form={form} name="amount" label={t('pages.pledgeAmount')} requiredNote={required} inputmode="decimal" />
        <Field form={form} name="cap" label={t('pages.pledgeCap')} inputmode="decimal" />
        <PersonFields form={form} t={t} />
        <div class="actions">
          <button class="primary" type="submit">
            {t('pages.pledge')}
          </button>
        </div>
      </form>
    </div>
  );
}

export const pledgePage = (props: PledgePageProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.pledgeInstead') }, <PledgePage {...props} />);

/** The pledge is made: thanks, and the way back to the page it was made on. */
export function PledgeThanksPage({ ctx, backTo }: { ctx: PageContext; backTo: string }) {
  const { t } = ctx;
  return (
    <div class="narrow">
      <h1>{t('pages.pledge')}</h1>
      <p class="notice" role="status">
        {t('pages.pledgeThanks')}
      </p>
      <p>
        <a class="button" href={backTo}>
          {t('pages.backToPage')}
        </a>
      </p>
    </div>
  );
}

export const pledgeThanksPage = (ctx: PageContext, backTo: string): string =>
  renderPage(ctx, { title: ctx.t('pages.pledge') }, <PledgeThanksPage ctx={ctx} backTo={backTo} />);

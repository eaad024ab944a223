import { formatMoney } from '../../views/money';
import { CsrfField } from '../../views/csrf-field';
import { type PageContext, renderPage } from '../layout';

export interface DonationResultProps {
  ctx: PageContext;
  donationId: string;
  status: string;
  amountCents: number;
  /** why the payment failed or was declined, in the visitor's language when we know the words for it */
  reason?: string;
  /** a declined attempt inside a checkout that is still open: the donor goes back to that same checkout */
  declinedCheckoutUrl?: string;
  /** the gift failed, expired or was canceled: it can be tried again as a new gift */
  retryable: boolean;
  /** the page of the walker, team or edition the gift was for */
  backTo?: string;
}

function resultMessage({ ctx, status, amountCents, reason, declinedCheckoutUrl }: DonationResultProps): string {
  const { t } = ctx;
  const amount = formatMoney(amountCents, ctx.lang);
  if (status === 'failed')
    return reason ? t('pages.giftFailedBecause', { amount, reason }) : t('pages.giftFailed', { amount });
  if (declinedCheckoutUrl)
    return reason ? t('pages.attemptDeclinedBecause', { amount, reason }) : t('pages.attemptDeclined', { amount });
  return t('pages.giftStatus', { status, amount });
}

/** Where the provider sends the donor back: what we know of the gift, and what they can do next. */
export function DonationResultPage(props: DonationResultProps) {
  const { ctx, donationId, status } = props;
  const { t } = ctx;
  return (
    <div class="narrow">
      <h1>{t('pages.resultTitle')}</h1>
      <p role="status" class={status === 'paid' ? 'notice' : 'card'}>
        {resultMessage(props)}
      </p>
      {props.retryable ? (
        <form method="post" action={`/donations/${donationId}/retry`}>
          <CsrfField token={ctx.csrfToken} />
          <button class="primary" type="submit">
            {t('pages.tryAgain')}
          </button>
        </form>
      ) : (
        props.declinedCheckoutUrl && (
          <p>
            <a class="button primary" href={props.declinedCheckoutUrl}>
              {t('pages.tryAgain')}
            </a>
          </p>
        )
      )}
      {props.backTo && (
        <p>
          <a href={props.backTo}>{t('pages.backToPage')}</a>
        </p>
      )}
    </div>
  );
}

export const donationResultPage = (props: DonationResultProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.resultTitle') }, <DonationResultPage {...props} />);

export interface FeeResultProps {
  ctx: PageContext;
  walkerId: string;
  walkerName: string;
  fee: 'paid' | 'pending_fee' | 'none';
  feeCents: number;
  /** while the fee is owed (a payment failed or abandoned): a pay link with a fresh attempt, so a fresh checkout */
  payUrl?: string;
}

/** Where the provider sends a walker back after paying (or not) their registration fee. */
export function FeeResultPage({ ctx, walkerId, walkerName, fee, feeCents, payUrl }: FeeResultProps) {
  const { t } = ctx;
  return (
    <div class="narrow">
      <h1>{t('pages.registrationTitle')}</h1>
      <p role="status" class="card">
        {fee === 'paid'
          ? t('pages.feePaid', { name: walkerName })
          : fee === 'pending_fee'
            ? t('pages.feeUnpaid', { fee: formatMoney(feeCents, ctx.lang) })
            : t('pages.feeNone', { name: walkerName })}
      </p>
      <div class="actions">
        {fee === 'pending_fee' && payUrl && (
          <a class="button primary" href={payUrl}>
            {t('pages.payFeeButton')}
          </a>
        )}
        <a class={fee === 'pending_fee' && payUrl ? 'button' : 'button primary'} href={`/walkers/${walkerId}`}>
          {t('pages.yourPage')}
        </a>
      </div>
    </div>
  );
}

export const feeResultPage = (props: FeeResultProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.registrationTitle') }, <FeeResultPage {...props} />);

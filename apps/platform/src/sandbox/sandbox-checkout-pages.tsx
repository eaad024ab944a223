import { type PageContext, renderPage } from '../pages/layout';
import { CsrfField } from '../views/csrf-field';
import { formatMoney } from '../views/money';

/** What the sandbox's "provider" can answer: paid, failed or canceled. */
function OutcomeButtons({ ctx }: { ctx: PageContext }) {
  const { t } = ctx;
  return (
    <div class="actions">
      <button class="primary" name="outcome" value="paid" type="submit">
        {t('pages.pay')}
      </button>
      <button name="outcome" value="failed" type="submit">
        {t('pages.paymentFailed')}
      </button>
      <button name="outcome" value="canceled" type="submit">
        {t('pages.cancel')}
      </button>
    </div>
  );
}

export interface SandboxCheckoutProps {
  ctx: PageContext;
  /** the donation's id, or `fee-<walkerId>` for a registration fee */
  reference: string;
  amountCents: number;
  monthly: boolean;
  /** what is paid for: a gift, or the registration fee of the walker named */
  what: { gift: true } | { gift: false; walkerName: string };
  /** the payment still waits for the "provider"'s answer */
  open: boolean;
}

/** The sandbox's hosted checkout: a banner that no real money moves, the amount, and the answers to choose from. */
export function SandboxCheckoutPage({ ctx, reference, amountCents, monthly, what, open }: SandboxCheckoutProps) {
  const { t } = ctx;
  const amount = formatMoney(amountCents, ctx.lang);
  return (
    <div class="narrow">
      <p class="banner">{t('pages.sandboxBanner')}</p>
      <h1>{what.gift ? t('pages.sandboxGiftTitle') : t('pages.feeTitle')}</h1>
      {!what.gift && <p>{what.walkerName}</p>}
      <p class="amount">{monthly ? t('pages.amountPerMonth', { amount }) : amount}</p>
      {open ? (
        <form method="post" action={`/sandbox/checkout/${reference}`}>
          <CsrfField token={ctx.csrfToken} />
          <OutcomeButtons ctx={ctx} />
        </form>
      ) : what.gift ? (
        <p>
          {t('pages.sandboxSettled')} <a href={`/donations/${reference}/result`}>{t('pages.seeResult')}</a>
        </p>
      ) : (
        <p>{t('pages.noFeeToPay')}</p>
      )}
    </div>
  );
}

export const sandboxCheckoutPage = (props: SandboxCheckoutProps): string =>
  renderPage(props.ctx, { title: props.ctx.t('pages.sandboxTitle') }, <SandboxCheckoutPage {...props} />);

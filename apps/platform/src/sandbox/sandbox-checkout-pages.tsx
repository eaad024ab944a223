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

/** A gift's checkout names whom the money is for, as the give page did: "Gift to Youssef", "Gift to team Zon". */
function giftTitle({ t }: PageContext, to: { type: 'walker' | 'team' | 'edition'; name: string } | undefined): string {
  if (!to || to.type === 'edition') return t('pages.sandboxGiftTitle');
  return to.type === 'team'
    ? t('pages.sandboxGiftToTeam', { name: to.name })
    : t('pages.sandboxGiftTo', { name: to.name });
}

export interface SandboxCheckoutProps {
  ctx: PageContext;
  /** the donation's id, or `fee-<walkerId>` for a registration fee */
  reference: string;
  amountCents: number;
  monthly: boolean;
  /** what is paid for: a gift to the walker, team or edition named, or the registration fee of the walker named */
  what:
    | { gift: true; to?: { type: 'walker' | 'team' | 'edition'; name: string } }
    | { gift: false; walkerName: string };
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
      <h1 dir="auto">{what.gift ? giftTitle(ctx, what.to) : t('pages.sandboxFeeOf', { name: what.walkerName })}</h1>
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

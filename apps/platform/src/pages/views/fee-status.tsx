import type { FeeStatus } from '@rw/fundraising';
import { formatMoney } from '../../views/money';
import type { PageContext } from '../layout';

/** A walker's registration fee as the pages show it: what it is, and whether anything is left to pay. */
export interface RegistrationFee {
  status: FeeStatus;
  cents: number;
  /** the pay link (with an attempt of its own) while the fee is owed */
  payUrl: string;
}

/**
 * What the fee is and where it stands; while it is owed, the button that pays it. Shown wherever a walker may come
 * back to pay: the registration's confirmation, their private page, the fee's result after a failed payment.
 */
export function FeeStatusCard({ ctx, fee }: { ctx: PageContext; fee: RegistrationFee }) {
  const { t } = ctx;
  const amount = formatMoney(fee.cents, ctx.lang);
  if (fee.status === 'pending_fee')
    return (
      <section class="card" aria-labelledby="fee-title" data-fee="pending_fee">
        <h2 id="fee-title">{t('pages.feeHeading')}</h2>
        <p>{t('pages.feeUnpaid', { fee: amount })}</p>
        <p>
          <a class="button primary" href={fee.payUrl}>
            {t('pages.payFeeButton')}
          </a>
        </p>
      </section>
    );
  return (
    <section class="card" aria-labelledby="fee-title" data-fee={fee.status}>
      <h2 id="fee-title">{t('pages.feeHeading')}</h2>
      <p>
        {fee.status === 'paid'
          ? t('pages.feePaidAmount', { fee: amount })
          : fee.status === 'waived'
            ? t('pages.feeWaived')
            : t('pages.feeFree')}
      </p>
    </section>
  );
}

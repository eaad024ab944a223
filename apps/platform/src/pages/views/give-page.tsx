import { DONATION_MESSAGE_MAX_LENGTH, PERSON_NAME_MAX_LENGTH } from '@rw/fundraising';
import { ChoiceItems, Choices, ErrorSummary, Field, FieldError, SelectField } from '../../views/field';
import type { FeeEstimates } from '@rw/kernel';
import { LOCALE } from '@rw/kernel';
import { formatMoney } from '../../views/money';
import type { FormState } from '../forms';
import { CsrfField } from '../../views/csrf-field';
import { PersonFields } from './person-fields';
import { type PageContext, renderPage } from '../layout';

export type BeneficiaryType = 'walker' | 'team' | 'edition';

export interface GivePageProps {
  ctx: PageContext;
  type: BeneficiaryType;
  id: string;
  /** the walker's, team's or edition's name */
  name: string;
  form: FormState;
  presetsCents: readonly number[];
  methods: readonly { value: string; label: string }[];
  countries: readonly string[];
  limits: { street: number; city: number };
  /** The estimated fee of each method offered that has one: the box to cover it is shown when there is any. */
  fees: FeeEstimates;
  /** The covered amount and the total for the amount and method the form shows (the script updates both). */
  coverFees?: { cents: number; totalCents: number };
}

/** The amount in a message, marked so that the script can put another one there (assets/give-fees.js). */
const SLOT = '{amount}';

/**
 * "Add € 0,39 to cover the payment costs": the exact amount for the amount and method chosen, recomputed by the
 * script as they change (the server computes it again: what is sent is only the box). The messages' templates go
 * along as data, with the amount's place marked, so that the script never builds a sentence itself.
 */
function CoverFeesField({ ctx, form, fees, coverFees }: Pick<GivePageProps, 'ctx' | 'form' | 'fees' | 'coverFees'>) {
  const { t } = ctx;
  if (Object.keys(fees).length === 0) return null;
  const error = form.errors.coverFees;
  const described = ['cover-fees-hint', 'cover-fees-total', error ? 'field-coverFees-error' : undefined]
    .filter(Boolean)
    .join(' ');
  return (
    // no amount to show for what the form holds (a method without an estimate): hidden until the script has one
    <div class="field cover-fees" hidden={coverFees === undefined}>
      <label class="choice">
        <input
          type="checkbox"
          id="field-coverFees"
          name="coverFees"
          value="yes"
          checked={form.values.coverFees === 'yes'}
          aria-describedby={described}
          aria-invalid={error ? 'true' : undefined}
          data-fees={JSON.stringify(fees)}
          data-locale={LOCALE[ctx.lang]}
        />{' '}
        <span id="cover-fees-label" data-template={t('pages.coverFees', { amount: SLOT })}>
          {coverFees ? t('pages.coverFees', { amount: formatMoney(coverFees.cents, ctx.lang) }) : ''}
        </span>
      </label>
      <p class="hint" id="cover-fees-hint">
        {t('pages.coverFeesHint')}
      </p>
      <p
        class="hint"
        id="cover-fees-total"
        aria-live="polite"
        data-template={t('pages.coverFeesTotal', { total: SLOT })}
      >
        {coverFees && form.values.coverFees === 'yes'
          ? t('pages.coverFeesTotal', { total: formatMoney(coverFees.totalCents, ctx.lang) })
          : ''}
      </p>
      <FieldError id="field-coverFees-error" error={error} />
    </div>
  );
}

/** The presets and the free field as one group under one legend, each error by the control it is about. */
function AmountFields({ ctx, form, presetsCents }: Pick<GivePageProps, 'ctx' | 'form' | 'presetsCents'>) {
  const { t } = ctx;
  const error = form.errors.amount;
  return (
    <fieldset class="amount-choice" aria-invalid={error ? 'true' : undefined}>
      <legend>{t('pages.amount')}</legend>
      <ChoiceItems
        form={form}
        name="amount"
        options={presetsCents.map((cents) => ({ value: String(cents), label: formatMoney(cents, ctx.lang) }))}
      />
      <FieldError id="field-amount-error" error={error} />
      <Field
        form={form}
        name="otherAmount"
        label={t('pages.otherAmount')}
        inputmode="decimal"
        hint={t('pages.otherAmountHint')}
        autocomplete="off"
      />
    </fieldset>
  );
}

/** The box for a tax certificate and the details it needs (hidden by a script until the box is ticked). */
function TaxCertificateFields({
  ctx,
  form,
  countries,
  limits,
}: Pick<GivePageProps, 'ctx' | 'form' | 'countries' | 'limits'>) {
  const { t } = ctx;
  const countryNames = new Intl.DisplayNames([ctx.lang], { type: 'region' });
  return (
    <>
      <div class="field">
        <label class="choice">
          <input
            type="checkbox"
            id="field-taxCertificate"
            name="taxCertificate"
            value="yes"
            aria-controls="tax-certificate-details"
            checked={form.values.taxCertificate === 'yes'}
          />{' '}
          {t('pages.taxCertificateWanted')}
        </label>
      </div>
      <fieldset id="tax-certificate-details">
        <legend>{t('pages.taxCertificateDetails')}</legend>
        <div class="field">
          <p class="hint">{t('pages.taxCertificateWhy')}</p>
        </div>
        <Field
          form={form}
          name="surname"
          label={t('pages.surname')}
          autocomplete="family-name"
          maxlength={PERSON_NAME_MAX_LENGTH}
        />
        <Field
          form={form}
          name="firstNames"
          label={t('pages.firstNames')}
          autocomplete="given-name"
          maxlength={PERSON_NAME_MAX_LENGTH}
        />
        <Field
          form={form}
          name="street"
          label={t('pages.street')}
          autocomplete="address-line1"
          maxlength={limits.street}
        />
        <Field form={form} name="postalCode" label={t('pages.postalCode')} autocomplete="postal-code" maxlength={10} />
        <Field form={form} name="city" label={t('pages.city')} autocomplete="address-level2" maxlength={limits.city} />
        <SelectField
          form={form}
          name="country"
          label={t('pages.country')}
          options={countries.map((code) => ({ value: code, label: countryNames.of(code) ?? code }))}
          autocomplete="country"
        />
        <Field
          form={form}
          name="nationalNumber"
          label={t('pages.nationalNumber')}
          hint={t('pages.nationalNumberHint')}
          autocomplete="off"
          inputmode="numeric"
        />
      </fieldset>
    </>
  );
}

/** "Give to Youssef", "Donner à l’équipe Zon": a team is called one, as French (and Dutch) say it. */
const giveTitle = ({ t }: PageContext, type: GivePageProps['type'], name: string): string =>
  t(type === 'team' ? 'pages.giveToTeam' : 'pages.giveTo', { name });

/** The sponsor checkout: one form for a walker, a team or the whole edition. */
export function GivePage(props: GivePageProps) {
  const { ctx, type, id, name, form } = props;
  const { t } = ctx;
  return (
    <div class="narrow">
      <h1 dir="auto">{giveTitle(ctx, type, name)}</h1>
      <ErrorSummary form={form} message={t('pages.fixErrors')} />
      <form method="post" action={`/${type}s/${id}/give`} novalidate>
        <CsrfField token={ctx.csrfToken} />
        <input type="hidden" name="attempt" value={form.values.attempt ?? ''} />
        <AmountFields ctx={ctx} form={form} presetsCents={props.presetsCents} />
        <Choices
          form={form}
          name="frequency"
          legend={t('pages.frequency')}
          options={[
            { value: 'one_off', label: t('pages.oneOff') },
            { value: 'monthly', label: t('pages.monthly') },
          ]}
        />
        <PersonFields form={form} t={t} />
        <Field
          form={form}
          name="message"
          label={t('pages.message')}
          type="textarea"
          maxlength={DONATION_MESSAGE_MAX_LENGTH}
        />
        <div class="field">
          <label class="choice">
            <input
              type="checkbox"
              id="field-anonymous"
              name="anonymous"
              value="yes"
              checked={form.values.anonymous === 'yes'}
            />{' '}
            {t('pages.giveAnonymously')}
          </label>
        </div>
        <TaxCertificateFields ctx={ctx} form={form} countries={props.countries} limits={props.limits} />
        <Choices form={form} name="method" legend={t('pages.paymentMethod')} options={[...props.methods]} />
        <CoverFeesField ctx={ctx} form={form} fees={props.fees} coverFees={props.coverFees} />
        <div class="actions">
          <button class="primary" type="submit">
            {t('pages.toPayment')}
          </button>
        </div>
      </form>
      {type !== 'edition' && (
        <p>
          <a href={`/${type}s/${id}/pledge`}>{t('pages.pledgeInstead')}</a>
        </p>
      )}
    </div>
  );
}

export const givePage = (props: GivePageProps): string =>
  renderPage(
    props.ctx,
    {
      title: giveTitle(props.ctx, props.type, props.name),
      scripts: ['give-amount.js', 'checkout-tax.js', 'give-fees.js'],
    },
    <GivePage {...props} />,
  );

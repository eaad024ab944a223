import { DONATION_MESSAGE_MAX_LENGTH, PERSON_NAME_MAX_LENGTH } from '@rw/fundraising';
import { ChoiceItems, Choices, ErrorSummary, Field, FieldError, SelectField } from '../../views/field';
import { formatMoney } from '../../views/money';
import type { FormState } from '../forms';
import { CsrfField } from '../../views/csrf-field';
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
  const required = t('pages.required');
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
        <Field
          form={form}
          name="name"
          label={t('pages.name')}
          requiredNote={required}
          autocomplete="name"
          maxlength={PERSON_NAME_MAX_LENGTH}
        />
        <Field
          form={form}
          name="email"
          label={t('pages.email')}
          type="email"
          requiredNote={required}
          autocomplete="email"
        />
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
    { title: giveTitle(props.ctx, props.type, props.name), scripts: ['give-amount.js', 'checkout-tax.js'] },
    <GivePage {...props} />,
  );

import { createHash, randomUUID } from 'node:crypto';
import {
  Body,
  Controller,
  Get,
  Header,
  Inject,
  NotFoundException,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
  UseGuards,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  CreateDonationCommand,
  DONATION_MESSAGE_MAX_LENGTH,
  MAX_GIFT_CENTS,
  MIN_GIFT_CENTS,
  type NewDonation,
  PERSON_NAME_MAX_LENGTH,
  incomeYearRules,
  parseNationalNumber,
  RETURN_ID,
} from '@rw/fundraising';
import { brusselsDay, teamView, walkerView } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { PublicPostRateLimit } from '../http/rate-limits';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { euros, html, raw } from '../sandbox/html';
import { registerAsset } from './assets';
import { CsrfGuard, CsrfTokens } from './csrf';
import {
  checkPerson,
  choices,
  emptyForm,
  errorSummary,
  field,
  type FormState,
  formValues,
  parseEuros,
  selectField,
} from './forms';
import type { Messages } from './i18n';
import { csrfField, layout, type PageContext, pageContext } from './layout';
import { PageErrorFilter } from './page-errors';
import { editionSummary } from '@rw/read-models';

type BeneficiaryType = 'walker' | 'team' | 'edition';

const PRESETS_CENTS = [2500, 5000, 10000, 25000];
const METHODS = ['bancontact', 'ideal', 'creditcard'] as const;
const METHOD_LABELS: Record<(typeof METHODS)[number], string> = {
  bancontact: 'Bancontact',
  ideal: 'iDEAL',
  creditcard: 'Visa / Mastercard',
};
const GIVE_PATHS = ['walkers/:id/give', 'teams/:id/give', 'editions/:id/give'];
const FIELDS = [
  'attempt',
  'amount',
  'otherAmount',
  'frequency',
  'name',
  'email',
  'message',
  'anonymous',
  'taxCertificate',
  'surname',
  'firstNames',
  'street',
  'postalCode',
  'city',
  'country',
  'nationalNumber',
  'method',
];

// --- the amount: presets and a free field in one group; what the donor sees last is what is charged ---
/**
 * With script, the two never disagree: typing an amount unticks the presets, picking a preset empties the field.
 * Without script both can be sent, and a typed amount wins (see `chosenAmount`).
 */
registerAsset(
  'give-amount.js',
  'js',
  `
(function () {
  var typed = document.getElementById('field-otherAmount');
  if (!typed) return;
  var presets = Array.prototype.slice.call(document.querySelectorAll('input[name="amount"]'));
  typed.addEventListener('input', function () {
    if (typed.value.trim() === '') return;
    presets.forEach(function (preset) { preset.checked = false; });
  });
  presets.forEach(function (preset) {
    preset.addEventListener('change', function () {
      if (preset.checked) typed.value = '';
    });
  });
})();
`,
);

/**
 * The amount to charge, in cents, or an error next to the field it came from. A typed amount wins over a preset:
 * the page opens with a preset ticked, so a donor who types 20 without touching the presets (or whose browser runs
 * no script to untick them) means 20; someone who types an amount does so on purpose, a ticked preset may just be
 * the default. A typed amount that cannot be read is an error, never a silent fall back on the preset. "other" is
 * what the form's former "Other amount" radio sent, still accepted from pages opened before.
 */
function chosenAmount(form: FormState, t: Messages): number | undefined {
  const typed = form.values.otherAmount ?? '';
  const preset = form.values.amount ?? '';
  if (typed) {
    // the page comes back the way it was charged: the typed amount, no preset beside it
    delete form.values.amount;
    const cents = parseEuros(typed);
    if (cents === undefined) form.errors.otherAmount = t.errorAmountUnreadable;
    else if (cents < MIN_GIFT_CENTS || cents > MAX_GIFT_CENTS) form.errors.otherAmount = t.errorAmount;
    else return cents;
    return undefined;
  }
  if (preset === 'other') {
    form.errors.otherAmount = t.errorAmount;
    return undefined;
  }
  const cents = PRESETS_CENTS.find((presetCents) => String(presetCents) === preset);
  if (cents === undefined) form.errors.amount = t.errorAmount;
  return cents;
}

/** The presets and the free field as one group under one legend, each error by the control it is about. */
function amountFields(form: FormState, t: Messages) {
  const error = form.errors.amount;
  const presets = PRESETS_CENTS.map(
    (cents, index) =>
      html`<label class="choice"><input type="radio" name="amount" id="field-amount-${index}" value="${cents}"${raw(
        form.values.amount === String(cents) ? ' checked' : '',
      )}${raw(error ? ' aria-describedby="field-amount-error"' : '')}> ${euros(cents)}</label>`,
  ).join('');
  return raw(html`<fieldset class="amount-choice"${raw(error ? ' aria-invalid="true"' : '')}>
<legend>${t.amount}</legend>
<div class="choices">${raw(presets)}</div>
${raw(error ? html`<p class="field-error" id="field-amount-error">${error}</p>` : '')}
${field(form, t, 'otherAmount', t.otherAmount, { inputmode: 'decimal', hint: t.otherAmountHint, autocomplete: 'off' })}
</fieldset>`);
}
// --- end amount ---

// --- tax certificate (attest 281.71): the donor's address and national register number, when asked for ---
/** Where most donors live; any two-letter code is valid for the domain, the list only keeps the form short. */
const COUNTRIES = ['BE', 'NL', 'LU', 'FR', 'DE'];
// the same limits as the JSON API (donations.controller.ts)
const STREET_MAX_LENGTH = 200;
const CITY_MAX_LENGTH = 100;
const POSTAL_CODE = /^[A-Za-z0-9 -]{3,10}$/;

/** Hides the details until the box is ticked; without it the fields simply stay visible. */
registerAsset(
  'checkout-tax.js',
  'js',
  `
(function () {
  var box = document.getElementById('field-taxCertificate');
  var details = document.getElementById('tax-certificate-details');
  if (!box || !details) return;
  function sync() { details.hidden = !box.checked; }
  box.addEventListener('change', sync);
  sync();
})();
`,
);

type TaxCertificateDetails = {
  surname: string;
  firstNames: string;
  address: { street: string; postalCode: string; city: string; country: string };
  nationalNumber?: string;
};

/**
 * A donor who ticks the box gives their surname and first names apart (Belcotax zones 2.13 and 2.114), an address
 * and a valid national register or BIS number, which the income year of the gift may still let them leave out
 * (`incomeYearRules`: tolerated in 2024 and 2025); the errors go into the form. Unticked, whatever was typed in
 * the details is ignored.
 */
function checkTaxCertificateDetails(form: FormState, t: Messages, now: Date): TaxCertificateDetails | undefined {
  if (form.values.taxCertificate !== 'yes') return undefined;
  const { street = '', postalCode = '', city = '', country = '', nationalNumber = '' } = form.values;
  const { surname = '', firstNames = '' } = form.values;
  if (!surname.trim()) form.errors.surname = t.errorNeededForCertificate;
  else if (surname.length > PERSON_NAME_MAX_LENGTH) form.errors.surname = t.errorTooLong(PERSON_NAME_MAX_LENGTH);
  if (!firstNames.trim()) form.errors.firstNames = t.errorNeededForCertificate;
  else if (firstNames.length > PERSON_NAME_MAX_LENGTH) form.errors.firstNames = t.errorTooLong(PERSON_NAME_MAX_LENGTH);
  if (!street) form.errors.street = t.errorNeededForCertificate;
  else if (street.length > STREET_MAX_LENGTH) form.errors.street = t.errorTooLong(STREET_MAX_LENGTH);
  // a Belgian postal code is 4 digits (Belcotax zone 2.16)
  if (!POSTAL_CODE.test(postalCode) || (country === 'BE' && !/^\d{4}$/.test(postalCode))) {
    form.errors.postalCode = t.errorPostalCode;
  }
  if (!city) form.errors.city = t.errorNeededForCertificate;
  else if (city.length > CITY_MAX_LENGTH) form.errors.city = t.errorTooLong(CITY_MAX_LENGTH);
  if (!COUNTRIES.includes(country)) form.errors.country = t.errorChoose;
  const required = incomeYearRules(Number(brusselsDay(now.toISOString()).slice(0, 4))).nationalNumber === 'required';
  const digits = nationalNumber ? parseNationalNumber(nationalNumber, now) : null;
  if (!nationalNumber && required) form.errors.nationalNumber = t.errorNeededForCertificate;
  else if (nationalNumber && digits === null) form.errors.nationalNumber = t.errorNationalNumber;
  return {
    surname: surname.trim(),
    firstNames: firstNames.trim(),
    address: { street, postalCode, city, country },
    ...(digits === null ? {} : { nationalNumber: digits }),
  };
}

function taxCertificateFields(ctx: PageContext, form: FormState) {
  const { t } = ctx;
  const countryNames = new Intl.DisplayNames([ctx.lang], { type: 'region' });
  const ticked = form.values.taxCertificate === 'yes';
  return raw(html`<div class="field"><label class="choice"><input type="checkbox" id="field-taxCertificate" name="taxCertificate" value="yes" aria-controls="tax-certificate-details"${raw(
    ticked ? ' checked' : '',
  )}> ${t.taxCertificateWanted}</label></div>
<fieldset id="tax-certificate-details">
<legend>${t.taxCertificateDetails}</legend>
<div class="field"><p class="hint">${t.taxCertificateWhy}</p></div>
${field(form, t, 'surname', t.surname, { autocomplete: 'family-name', maxlength: PERSON_NAME_MAX_LENGTH })}
${field(form, t, 'firstNames', t.firstNames, { autocomplete: 'given-name', maxlength: PERSON_NAME_MAX_LENGTH })}
${field(form, t, 'street', t.street, { autocomplete: 'address-line1', maxlength: STREET_MAX_LENGTH })}
${field(form, t, 'postalCode', t.postalCode, { autocomplete: 'postal-code', maxlength: 10 })}
${field(form, t, 'city', t.city, { autocomplete: 'address-level2', maxlength: CITY_MAX_LENGTH })}
${selectField(
  form,
  'country',
  t.country,
  COUNTRIES.map((code) => ({ value: code, label: countryNames.of(code) ?? code })),
  'country',
)}
${field(form, t, 'nationalNumber', t.nationalNumber, { hint: t.nationalNumberHint, autocomplete: 'off', inputmode: 'numeric' })}
</fieldset>`);
}
// --- end tax certificate ---

/** The sponsor checkout: one form for a walker, a team or the whole edition; on success on to the provider. */
@Controller()
@UseGuards(CsrfGuard)
@UseFilters(PageErrorFilter)
export class GiveController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    private readonly csrf: CsrfTokens,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  @Get(GIVE_PATHS)
  @Header('Content-Type', 'text/html; charset=utf-8')
  show(@Param('id') id: string, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    const ctx = pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
    const type = beneficiaryType(request.path);
    return this.render(
      ctx,
      type,
      id,
      this.beneficiaryName(type, id),
      emptyForm({ attempt: randomUUID(), amount: '5000', frequency: 'one_off', method: 'bancontact', country: 'BE' }),
    );
  }

  @Post(GIVE_PATHS)
  @PublicPostRateLimit()
  async give(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const ctx = pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
    const type = beneficiaryType(request.path);
    const name = this.beneficiaryName(type, id);
    const form = emptyForm(formValues(body, FIELDS));
    const { t } = ctx;
    const amountCents = chosenAmount(form, t);
    if (form.values.frequency !== 'one_off' && form.values.frequency !== 'monthly')
      form.errors.frequency = t.errorChoose;
    if (!(METHODS as readonly string[]).includes(form.values.method ?? '')) form.errors.method = t.errorChoose;
    checkPerson(form, t, 'name', 'email', PERSON_NAME_MAX_LENGTH);
    if ((form.values.message ?? '').length > DONATION_MESSAGE_MAX_LENGTH)
      form.errors.message = t.errorTooLong(DONATION_MESSAGE_MAX_LENGTH);
    const taxCertificate = checkTaxCertificateDetails(form, t, this.clock());
    if (!/^[\w-]{8,64}$/.test(form.values.attempt ?? '')) form.values.attempt = randomUUID();
    if (Object.keys(form.errors).length) {
      response
        .status(400)
        .type('text/html; charset=utf-8')
        .send(this.render(ctx, type, id, name, form));
      return;
    }
    const gift: NewDonation = {
      beneficiary: { type, id },
      amountCents: amountCents as number,
      frequency: form.values.frequency as 'one_off' | 'monthly',
      donor: { name: form.values.name, email: form.values.email, ...taxCertificate },
      ...(form.values.message ? { message: form.values.message } : {}),
      anonymous: form.values.anonymous === 'yes',
      method: form.values.method,
      // the mails it starts (thanks, a monthly gift's confirmation) speak the page's language
      language: ctx.lang,
    };
    const checkout = await this.commands.execute(
      new CreateDonationCommand(
        gift,
        // the form's attempt id and what it asks: a double click or a resubmitted page makes one gift, while a
        // donor who comes back from the checkout and changes the amount (the page keeps its attempt id) gets a new
        // checkout for what the page now shows, not the first one
        `page-${form.values.attempt}-${createHash('sha256').update(JSON.stringify(gift)).digest('hex').slice(0, 32)}`,
        `${this.config.PUBLIC_BASE_URL}/donations/${RETURN_ID}/result`,
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(checkout.position);
    response.redirect(303, checkout.checkoutUrl ?? `/donations/${encodeURIComponent(checkout.donationId)}/result`);
  }

  private beneficiaryName(type: BeneficiaryType, id: string): string {
    const db = this.projections.db;
    const name =
      type === 'walker'
        ? walkerView(db, id)?.name
        : type === 'team'
          ? teamView(db, id)?.name
          : editionSummary(db, id)?.name;
    if (name === undefined) throw new NotFoundException(`no ${type} ${id}`);
    return name;
  }

  private render(ctx: PageContext, type: BeneficiaryType, id: string, name: string, form: FormState): string {
    const { t } = ctx;
    const action = `/${type}s/${id}/give`;
    return layout(ctx, {
      title: t.giveTo(name),
      scripts: ['give-amount.js', 'checkout-tax.js'],
      body: html`<div class="narrow">
<h1>${t.giveTo(name)}</h1>
${errorSummary(form, t)}
<form method="post" action="${action}" novalidate>
${csrfField(ctx)}
<input type="hidden" name="attempt" value="${form.values.attempt ?? ''}">
${amountFields(form, t)}
${choices(form, 'frequency', t.frequency, [
  { value: 'one_off', label: t.oneOff },
  { value: 'monthly', label: t.monthly },
])}
${field(form, t, 'name', t.name, { required: true, autocomplete: 'name', maxlength: PERSON_NAME_MAX_LENGTH })}
${field(form, t, 'email', t.email, { type: 'email', required: true, autocomplete: 'email' })}
${field(form, t, 'message', t.message, { type: 'textarea', maxlength: DONATION_MESSAGE_MAX_LENGTH })}
<div class="field"><label class="choice"><input type="checkbox" id="field-anonymous" name="anonymous" value="yes"${raw(
        form.values.anonymous === 'yes' ? ' checked' : '',
      )}> ${t.giveAnonymously}</label></div>
${taxCertificateFields(ctx, form)}
${choices(
  form,
  'method',
  t.paymentMethod,
  METHODS.map((method) => ({ value: method, label: METHOD_LABELS[method] })),
)}
<div class="actions"><button class="primary" type="submit">${t.toPayment}</button></div>
</form>
${raw(type === 'edition' ? '' : html`<p><a href="/${type}s/${id}/pledge">${t.pledgeInstead}</a></p>`)}
</div>`,
    });
  }
}

function beneficiaryType(path: string): BeneficiaryType {
  if (path.startsWith('/walkers/')) return 'walker';
  if (path.startsWith('/teams/')) return 'team';
  return 'edition';
}

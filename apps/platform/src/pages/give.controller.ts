import { addressProblems, CITY_MAX_LENGTH, centsOf, STREET_MAX_LENGTH } from '@rw/kernel';
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
  type NewDonation,
  PERSON_NAME_MAX_LENGTH,
  incomeYearRules,
  parseNationalNumber,
  RETURN_ID,
} from '@rw/fundraising';
import { brusselsDay } from '@rw/kernel';
import { beneficiaryName } from '@rw/read-models';
import type { Request, Response } from 'express';
import { PlatformConfig } from '../config/config';
import { PublicPostRateLimit } from '../http/rate-limits';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import type { Translate } from '../i18n';
import { CsrfGuard, CsrfTokens } from './csrf';
import { CreateDonationDto, feesToCover } from '../donations/donations.controller';
import { addDtoErrors, dtoProblems, emptyForm, type FormState, formValues, personFields } from './forms';
import { type PageContext, pageContext } from './layout';
import { PageErrorFilter } from './page-errors';
import { type BeneficiaryType, givePage } from './views/give-page';

const PRESETS_CENTS = [2500, 5000, 10000, 25000];
const METHODS = ['bancontact', 'ideal', 'creditcard'] as const;
const METHOD_LABELS: Record<(typeof METHODS)[number], string> = {
  bancontact: 'Bancontact',
  ideal: 'iDEAL',
  creditcard: 'Visa / Mastercard',
};
const METHOD_OPTIONS = METHODS.map((method) => ({ value: method, label: METHOD_LABELS[method] }));
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
  'coverFees',
];

// --- the amount: presets and a free field in one group; what the donor sees last is what is charged ---
// with script, the two never disagree (assets/give-amount.js); without it a typed amount wins (see `chosenAmount`)

/**
 * The amount to charge, in cents, or an error next to the field it came from. A typed amount wins over a preset:
 * the page opens with a preset ticked, so a donor who types 20 without touching the presets (or whose browser runs
 * no script to untick them) means 20; someone who types an amount does so on purpose, a ticked preset may just be
 * the default. A typed amount that cannot be read is an error, never a silent fall back on the preset. "other" is
 * what the form's former "Other amount" radio sent, still accepted from pages opened before.
 */
function chosenAmount(form: FormState, t: Translate): number | undefined {
  const typed = form.values.otherAmount ?? '';
  const preset = form.values.amount ?? '';
  if (typed) {
    // the page comes back the way it was charged: the typed amount, no preset beside it
    delete form.values.amount;
    // whether it is a gift's amount (1 to 100 000 euro) is the API's DTO rule, checked with the rest of the form
    const cents = centsOf(typed);
    if (cents === undefined) form.errors.otherAmount = t('pages.errorAmountUnreadable');
    return cents;
  }
  if (preset === 'other') {
    form.errors.otherAmount = t('pages.errorAmount');
    return undefined;
  }
  const cents = PRESETS_CENTS.find((presetCents) => String(presetCents) === preset);
  if (cents === undefined) form.errors.amount = t('pages.errorAmount');
  return cents;
}

// --- end amount ---

// --- tax certificate (attest 281.71): the donor's address and national register number, when asked for ---
/** Where most donors live; any two-letter code is valid for the domain, the list only keeps the form short. */
const COUNTRIES = ['BE', 'NL', 'LU', 'FR', 'DE'];

// assets/checkout-tax.js hides the details until the box is ticked; without it the fields simply stay visible

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
function checkTaxCertificateDetails(form: FormState, t: Translate, now: Date): TaxCertificateDetails | undefined {
  if (form.values.taxCertificate !== 'yes') return undefined;
  const { street = '', postalCode = '', city = '', country = '', nationalNumber = '' } = form.values;
  const { surname = '', firstNames = '' } = form.values;
  if (!surname.trim()) form.errors.surname = t('pages.errorNeededForCertificate');
  else if (surname.length > PERSON_NAME_MAX_LENGTH)
    form.errors.surname = t('pages.errorTooLong', { max: PERSON_NAME_MAX_LENGTH });
  if (!firstNames.trim()) form.errors.firstNames = t('pages.errorNeededForCertificate');
  else if (firstNames.length > PERSON_NAME_MAX_LENGTH)
    form.errors.firstNames = t('pages.errorTooLong', { max: PERSON_NAME_MAX_LENGTH });
  // the country is a choice from the list; the rest is the kernel's address rule, as in the decider
  const problems = addressProblems({ street, postalCode, city, country });
  if (problems.street === 'missing') form.errors.street = t('pages.errorNeededForCertificate');
  else if (problems.street) form.errors.street = t('pages.errorTooLong', { max: STREET_MAX_LENGTH });
  if (problems.postalCode) form.errors.postalCode = t('pages.errorPostalCode');
  if (problems.city === 'missing') form.errors.city = t('pages.errorNeededForCertificate');
  else if (problems.city) form.errors.city = t('pages.errorTooLong', { max: CITY_MAX_LENGTH });
  if (!COUNTRIES.includes(country)) form.errors.country = t('pages.errorChoose');
  const required = incomeYearRules(Number(brusselsDay(now.toISOString()).slice(0, 4))).nationalNumber === 'required';
  const digits = nationalNumber ? parseNationalNumber(nationalNumber, now) : null;
  if (!nationalNumber && required) form.errors.nationalNumber = t('pages.errorNeededForCertificate');
  else if (nationalNumber && digits === null) form.errors.nationalNumber = t('pages.errorNationalNumber');
  return {
    surname: surname.trim(),
    firstNames: firstNames.trim(),
    address: { street, postalCode, city, country },
    ...(digits === null ? {} : { nationalNumber: digits }),
  };
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
      this.nameOrNotFound(type, id),
      emptyForm({ attempt: randomUUID(), amount: '5000', frequency: 'one_off', method: 'bancontact', country: 'BE' }),
    );
  }

  @Post(GIVE_PATHS)
  @PublicPostRateLimit()
  async give(@Param('id') id: string, @Body() body: unknown, @Req() request: Request, @Res() response: Response) {
    const ctx = pageContext(request, response, this.csrf, this.config.PUBLIC_BASE_URL ?? '');
    const type = beneficiaryType(request.path);
    const name = this.nameOrNotFound(type, id);
    const form = emptyForm(formValues(body, FIELDS));
    const { t } = ctx;
    const amountCents = chosenAmount(form, t);
    // the page offers fewer methods than the API takes
    if (!(METHODS as readonly string[]).includes(form.values.method ?? '')) form.errors.method = t('pages.errorChoose');
    // the API's gift body, checked by its own DTO: amount, frequency, the donor's name and address, message
    addDtoErrors(
      form,
      dtoProblems(CreateDonationDto, {
        beneficiary: { type, id },
        amountCents,
        frequency: form.values.frequency,
        donor: { name: form.values.name ?? '', email: form.values.email ?? '' },
        ...(form.values.message ? { message: form.values.message } : {}),
        anonymous: form.values.anonymous === 'yes',
        language: ctx.lang,
      }),
      {
        // under the field the amount came from (or whose error already says why there is none)
        amountCents: [
          form.values.otherAmount || form.errors.otherAmount ? 'otherAmount' : 'amount',
          () => t('pages.errorAmount'),
        ],
        frequency: ['frequency', () => t('pages.errorChoose')],
        message: ['message', () => t('pages.errorTooLong', { max: DONATION_MESSAGE_MAX_LENGTH })],
        ...personFields(t, 'donor'),
      },
    );
    const taxCertificate = checkTaxCertificateDetails(form, t, this.clock());
    // the box only: what it adds is computed here, for the amount and method sent, never read from the page
    const coverFeesCents =
      form.values.coverFees === 'yes' && amountCents !== undefined
        ? feesToCover(this.config.feeEstimates(), form.values.method ?? '', amountCents)
        : undefined;
    if (form.values.coverFees === 'yes' && coverFeesCents === undefined && !form.errors.method) {
      form.errors.coverFees = t('pages.errorCoverFeesMethod');
    }
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
      ...(coverFeesCents === undefined ? {} : { coverFeesCents }),
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

  private nameOrNotFound(type: BeneficiaryType, id: string): string {
    const name = beneficiaryName(this.projections.db, { type, id });
    if (name === undefined) throw new NotFoundException(`no ${type} ${id}`);
    return name;
  }

  private render(ctx: PageContext, type: BeneficiaryType, id: string, name: string, form: FormState): string {
    const estimates = this.config.feeEstimates();
    const fees = Object.fromEntries(METHODS.flatMap((m) => (estimates[m] ? [[m, estimates[m]]] : [])));
    // the amount to add for what the form shows (the script keeps it right as the donor changes it)
    const giftCents = form.values.otherAmount ? centsOf(form.values.otherAmount) : Number(form.values.amount);
    const cents =
      giftCents !== undefined && Number.isSafeInteger(giftCents) && giftCents > 0
        ? feesToCover(estimates, form.values.method ?? '', giftCents)
        : undefined;
    return givePage({
      fees,
      ...(cents === undefined || giftCents === undefined
        ? {}
        : { coverFees: { cents, totalCents: giftCents + cents } }),
      ctx,
      type,
      id,
      name,
      form,
      presetsCents: PRESETS_CENTS,
      methods: METHOD_OPTIONS,
      countries: COUNTRIES,
      limits: { street: STREET_MAX_LENGTH, city: CITY_MAX_LENGTH },
    });
  }
}

function beneficiaryType(path: string): BeneficiaryType {
  if (path.startsWith('/walkers/')) return 'walker';
  if (path.startsWith('/teams/')) return 'team';
  return 'edition';
}

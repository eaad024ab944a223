import { brusselsDay, coveredFeeCents, type FeeEstimates } from '@rw/kernel';
import {
  BadRequestException,
  Body,
  Controller,
  ForbiddenException,
  Get,
  Headers,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  UnauthorizedException,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import {
  CreateDonationCommand,
  type CertificateDetail,
  missingCertificateDetails,
  isNationalNumber,
  PERSON_NAME_MAX_LENGTH,
  DONATION_MESSAGE_MAX_LENGTH,
  fullName,
  MAX_GIFT_CENTS,
  MIN_GIFT_CENTS,
  RequestRefundCommand,
  CancelMonthlyGiftCommand,
  giftCharges,
  giftRecord,
  RecordSandboxChargeCommand,
  SettleDonationCommand,
  formatStructuredCommunication,
  RequestTransferGiftCommand,
  RETURN_ID,
} from '@rw/fundraising';
import { methodRefusal, PAYMENT_METHODS, PAYMENT_PROVIDER, type PaymentProvider } from '@rw/payments';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateBy,
  ValidateIf,
} from 'class-validator';
import type { Request } from 'express';
import { type AuthenticatedRequest, AuthService, RequireRole } from '../accounts/auth';
import { PrivateLinks } from '../accounts/private-links';
import { PlatformConfig } from '../config/config';
import { BeneficiaryDto } from '../http/beneficiary.dto';
import { CITY_MAX_LENGTH, IsCountryCode, IsEmailAddress, IsPostalCode, STREET_MAX_LENGTH } from '@rw/kernel';
import { IdempotencyKey } from '../http/idempotency-key';
import { NestedObject } from '../http/nested';
import { PublicPostRateLimit } from '../http/rate-limits';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { sandboxSettlement } from '../sandbox/sandbox-pages.controller';
import type { MailLanguage } from '@rw/fundraising';
import { OptionalMailLanguage } from '../mail/language.dto';

// --- tax certificates (attest 281.71): a donor's address and national register number ---
class DonorAddressDto {
  @IsString()
  @MinLength(1, { message: 'donor.address.street is needed' })
  @MaxLength(STREET_MAX_LENGTH)
  street!: string;

  @IsString()
  @IsPostalCode({ message: 'donor.address.postalCode must be a postal code such as 1000' })
  postalCode!: string;

  @IsString()
  @MinLength(1, { message: 'donor.address.city is needed' })
  @MaxLength(CITY_MAX_LENGTH)
  city!: string;

  @IsOptional()
  @IsCountryCode({ message: 'donor.address.country must be a two-letter country code such as BE' })
  country?: string;
}

/**
 * A donor. `name` alone still works (the API before surname and first names were asked apart); a donor who asks
 * for a tax certificate should give `surname` and `firstNames` (Belcotax zones 2.13 and 2.114), and then `name`
 * may be left out: it becomes "firstNames surname". A certificate of a donor who gave `name` only splits it as best
 * it can and marks it guessed for finance.
 */
class DonorDto {
  @ValidateIf((donor: DonorDto) => donor.surname === undefined || donor.name !== undefined)
  @IsString({ message: 'donor.name: a name is needed (or donor.surname and donor.firstNames)' })
  @MinLength(1, { message: 'donor.name: a name is needed (or donor.surname and donor.firstNames)' })
  @MaxLength(PERSON_NAME_MAX_LENGTH)
  name?: string;

  @IsOptional()
  @IsString()
  @Matches(/\S/, { message: 'donor.surname must not be blank' })
  @MaxLength(PERSON_NAME_MAX_LENGTH)
  surname?: string;

  @ValidateIf((donor: DonorDto) => donor.firstNames !== undefined)
  @IsString()
  @MaxLength(PERSON_NAME_MAX_LENGTH)
  @ValidateBy(
    {
      name: 'withSurname',
      validator: { validate: (_value, args) => (args?.object as DonorDto | undefined)?.surname !== undefined },
    },
    { message: 'donor.firstNames go with donor.surname' },
  )
  firstNames?: string;

  @IsEmailAddress({ message: '$property must be an e-mail address' })
  @MaxLength(254)
  email!: string;

  @IsOptional()
  @NestedObject(() => DonorAddressDto)
  address?: DonorAddressDto;

  @IsOptional()
  @IsString()
  @ValidateBy(
    {
      name: 'isNationalNumber',
      validator: { validate: (value) => typeof value === 'string' && isNationalNumber(value) },
    },
    {
      message:
        'donor.nationalNumber must be a Belgian national register or BIS number (11 digits with a correct check)',
    },
  )
  nationalNumber?: string;
}

/** What the API says of a detail a certificate needs (`missingCertificateDetails`), by field. */
const CERTIFICATE_DETAIL_PROBLEMS: Record<CertificateDetail, { field: string; problems: string[] }> = {
  address: { field: 'donor.address', problems: ['an address is needed for a tax certificate'] },
  nationalNumber: {
    field: 'donor.nationalNumber',
    problems: ['a national register or BIS number is needed for a tax certificate'],
  },
};

/** A donor who asks for a tax certificate gives what a certificate of this income year needs. */
function checkTaxCertificateDetails(taxCertificate: boolean | undefined, donor: DonorDto, now: Date): void {
  if (!taxCertificate) return;
  const lacking = missingCertificateDetails(donor, Number(brusselsDay(now.toISOString()).slice(0, 4)));
  const missing = (['address', 'nationalNumber'] as const)
    .filter((detail) => lacking.includes(detail))
    .map((detail) => CERTIFICATE_DETAIL_PROBLEMS[detail]);
  if (missing.length > 0) {
    throw new BadRequestException({ message: `invalid request: ${missing[0].problems[0]}`, errors: missing });
  }
}

/** The name as given, or "firstNames surname" when only those were given. */
function nameOf(donor: DonorDto): string {
  return donor.name ?? fullName({ surname: donor.surname ?? '', firstNames: donor.firstNames ?? '' });
}

function donorOf(donor: DonorDto) {
  return {
    name: nameOf(donor),
    ...(donor.surname === undefined ? {} : { surname: donor.surname, firstNames: donor.firstNames ?? '' }),
    // absent only on a gift recorded offline (OfflineDonorDto): the domain reads '' as no address
    email: donor.email ?? '',
    ...(donor.address
      ? {
          address: {
            street: donor.address.street,
            postalCode: donor.address.postalCode,
            city: donor.address.city,
            ...(donor.address.country ? { country: donor.address.country.toUpperCase() } : {}),
          },
        }
      : {}),
    ...(donor.nationalNumber ? { nationalNumber: donor.nationalNumber } : {}),
  };
}
// --- end tax certificates ---

export class CreateDonationDto {
  @NestedObject(() => BeneficiaryDto)
  beneficiary!: BeneficiaryDto;

  @Min(MIN_GIFT_CENTS, { message: 'a gift is at least 1.00 EUR (amountCents 100)' })
  @Max(MAX_GIFT_CENTS, { message: 'a gift is at most 100000.00 EUR (amountCents 10000000)' })
  @IsInt({ message: 'amountCents must be a whole number of cents' })
  amountCents!: number;

  @IsIn(['one_off', 'monthly'], { message: 'frequency must be one_off or monthly' })
  frequency!: 'one_off' | 'monthly';

  @NestedObject(() => DonorDto)
  donor!: DonorDto;

  @IsOptional()
  @IsBoolean({ message: 'taxCertificate must be true or false' })
  taxCertificate?: boolean;

  @IsOptional()
  @IsString()
  @MaxLength(DONATION_MESSAGE_MAX_LENGTH)
  message?: string;

  @IsOptional()
  @IsBoolean({ message: 'anonymous must be true or false' })
  anonymous?: boolean;

  @OptionalMailLanguage()
  language?: MailLanguage;

  @IsOptional()
  // bank_transfer: the donor pays by transfer with a structured communication, no checkout
  @IsIn(['sandbox', 'bank_transfer'], { message: 'provider must be the configured one (sandbox) or bank_transfer' })
  @ValidateBy(
    {
      name: 'transferIsOneOff',
      validator: {
        validate: (value, args) => {
          const gift = args?.object as CreateDonationDto | undefined;
          return (
            value !== 'bank_transfer' ||
            (gift?.frequency === 'one_off' && gift.pledgeId === undefined && gift.method === undefined)
          );
        },
      },
    },
    { message: 'a bank transfer is a one-off gift, without pledgeId or method' },
  )
  provider?: string;

  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  pledgeId?: string;

  /** One of our methods; whether the configured provider can take it for this frequency is checked next. */
  @IsOptional()
  @IsIn(PAYMENT_METHODS, { message: `method must be one of ${PAYMENT_METHODS.join(', ')}` })
  method?: string;

  /**
   * The donor adds the estimated fee of the method to the gift (the platform computes it from FEE_ESTIMATES and
   * answers it as `coverFeesCents`); it needs a method, and is not offered on a bank transfer or a pledge's payment
   * (a pledge asks exactly its amount).
   */
  @IsOptional()
  @ValidateBy(
    {
      name: 'coverFeesNeedsCheckout',
      validator: {
        validate: (value, args) => {
          const gift = args?.object as CreateDonationDto | undefined;
          return (
            value !== true ||
            (gift?.method !== undefined && gift.pledgeId === undefined && gift.provider !== 'bank_transfer')
          );
        },
      },
    },
    { message: 'coverFees needs a method (the fee depends on it) and is not offered with bank_transfer or a pledgeId' },
  )
  @IsBoolean({ message: 'coverFees must be true or false' })
  coverFees?: boolean;
}

/**
 * What a donor who covers the fees adds to a gift of `giftCents` paid by `method`: the rule of the kernel on the
 * configured estimate of the method, or undefined when no fee is estimated for it (nothing to cover). The give
 * page and the API both ask here: a client never sends its own number.
 */
export function feesToCover(estimates: FeeEstimates, method: string, giftCents: number): number | undefined {
  const estimate = estimates[method];
  if (estimate === undefined) return undefined;
  const cents = coveredFeeCents(giftCents, estimate);
  return cents > 0 ? cents : undefined;
}

/**
 * The donor of money an organiser received: the e-mail address may be left out (cash from a collection jar, a
 * gift from a group), and then nobody is mailed and no tax certificate is made.
 */
class OfflineDonorDto extends DonorDto {}
// the address becomes optional by the class the donor is read as, never by a field the client sends
ValidateIf((donor: OfflineDonorDto) => donor.email !== undefined)(OfflineDonorDto.prototype, 'email');

class OfflineDonationDto {
  @NestedObject(() => BeneficiaryDto)
  beneficiary!: BeneficiaryDto;

  @Min(1, { message: 'amountCents must be 1 or more' })
  @Max(1_000_000_000, { message: 'amountCents must be at most 1000000000' })
  @IsInt({ message: 'amountCents must be a whole number of cents' })
  amountCents!: number;

  @NestedObject(() => OfflineDonorDto)
  donor!: OfflineDonorDto;

  @IsOptional()
  @IsBoolean({ message: 'collective must be true or false' })
  collective?: boolean;

  @IsIn(['cash', 'bank_transfer'], { message: 'method must be cash or bank_transfer' })
  method!: 'cash' | 'bank_transfer';

  @Matches(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2}))?$/, {
    message: 'receivedAt must be a day (YYYY-MM-DD) or an ISO 8601 instant',
  })
  @IsISO8601({ strict: true }, { message: 'receivedAt must be a day or instant that exists' })
  receivedAt!: string;

  @IsOptional()
  @IsString()
  @MaxLength(140)
  reference?: string;
}

class RefundDto {
  @IsOptional()
  @IsString({ message: 'chargeId must be the id of one of the gift’s payments (GET /api/donations/:id/charges)' })
  @MaxLength(200, { message: 'chargeId has at most 200 characters' })
  chargeId?: string;

  @IsOptional()
  @Min(1, { message: 'amountCents must be 1 or more' })
  @IsInt({ message: 'amountCents must be a whole number of cents' })
  amountCents?: number;
}

class SettleDto {
  @IsIn(['paid', 'failed', 'expired', 'canceled'], { message: 'outcome must be paid, failed, expired or canceled' })
  outcome!: 'paid' | 'failed' | 'expired' | 'canceled';
}

@Controller('api')
export class DonationsController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(PAYMENT_PROVIDER) private readonly provider: PaymentProvider,
    private readonly links: PrivateLinks,
    private readonly auth: AuthService,
  ) {}

  @Post('donations')
  @PublicPostRateLimit()
  async create(
    @Body() body: CreateDonationDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    checkTaxCertificateDetails(body.taxCertificate, body.donor, this.clock());
    if (body.provider === 'bank_transfer') return this.createTransferGift(body, idempotencyKey, request);
    this.checkMethod(body.method, body.frequency);
    const coverFeesCents = body.coverFees ? this.coveredFees(body.method as string, body.amountCents) : undefined;
    const checkout = await this.commands.execute(
      new CreateDonationCommand(
        {
          beneficiary: { type: body.beneficiary.type, id: body.beneficiary.id },
          amountCents: body.amountCents,
          ...(coverFeesCents === undefined ? {} : { coverFeesCents }),
          frequency: body.frequency,
          donor: donorOf(body.donor),
          message: body.message,
          anonymous: body.anonymous ?? false,
          method: body.method,
          ...(body.pledgeId ? { pledgeId: body.pledgeId } : {}),
          ...(body.language ? { language: body.language } : {}),
        },
        idempotencyKey,
        `${this.config.PUBLIC_BASE_URL}/donations/${RETURN_ID}/result`,
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(checkout.position);
    return {
      id: checkout.donationId,
      status: 'pending',
      checkoutUrl: checkout.checkoutUrl,
      // extension of the contract, when the fees are covered: what is charged, and of it the covered fees
      ...(coverFeesCents === undefined ? {} : { amountCents: body.amountCents + coverFeesCents, coverFeesCents }),
    };
  }

  /** The fees a donor asked to cover: refused (400, nothing written) for a method without an estimate. */
  private coveredFees(method: string, giftCents: number): number {
    const cents = feesToCover(this.config.feeEstimates(), method, giftCents);
    if (cents === undefined) {
      const problem = `no payment costs are estimated for method ${method}: send coverFees only with a method that has them (FEE_ESTIMATES)`;
      throw new BadRequestException({
        message: `invalid request: ${problem}`,
        errors: [{ field: 'coverFees', problems: [problem] }],
      });
    }
    return cents;
  }

  /**
   * A method the configured provider cannot take for this frequency (Mollie has no SEPA Direct Debit for a one-off
   * gift or a first payment) is refused before anything is written, rather than failing at the provider.
   */
  private checkMethod(method: string | undefined, frequency: 'one_off' | 'monthly'): void {
    if (method === undefined) return;
    const refusal = methodRefusal(this.provider.name, this.provider.methodsFor(frequency), method, frequency);
    if (refusal) {
      throw new BadRequestException({
        message: `invalid request: ${refusal}`,
        errors: [{ field: 'method', problems: [refusal] }],
      });
    }
  }

  /**
   * A one-off gift paid by bank transfer: pending until a bank statement import finds its
   * structured communication. Answers where to pay instead of a checkout.
   */
  private async createTransferGift(body: CreateDonationDto, idempotencyKey: string | undefined, request: Request) {
    const transfer = await this.commands.execute(
      new RequestTransferGiftCommand(
        {
          beneficiary: { type: body.beneficiary.type, id: body.beneficiary.id },
          amountCents: body.amountCents,
          donor: { name: nameOf(body.donor), email: body.donor.email },
          message: body.message,
          anonymous: body.anonymous ?? false,
        },
        idempotencyKey,
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(transfer.position);
    return {
      id: transfer.donationId,
      status: 'pending',
      bankTransfer: {
        iban: this.config.CHARITY_IBAN,
        amountCents: body.amountCents,
        communication: formatStructuredCommunication(transfer.communication),
      },
    };
  }

  @Get('donations/:id')
  get(@Param('id') id: string) {
    // extension of the contract: `history`, what happened to the gift, oldest first
    return giftRecord(this.store, id);
  }

  /**
   * Finance: each payment of a gift (the first, each monthly charge) with what was refunded of it, so a refund can
   * name the one it gives back (`POST /api/donations/:id/refunds { chargeId }`).
   */
  @Get('donations/:id/charges')
  @RequireRole('finance')
  charges(@Param('id') id: string) {
    return giftCharges(this.store, id);
  }

  /** Money already received by an organiser (cash at the event, a bank transfer): recorded as a paid gift. */
  @Post('donations/offline')
  @RequireRole('organiser', 'finance')
  async recordOffline(
    @Body() body: OfflineDonationDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Req() request: AuthenticatedRequest,
  ) {
    const recorded = await this.commands.execute(
      new CreateDonationCommand(
        {
          beneficiary: { type: body.beneficiary.type, id: body.beneficiary.id },
          amountCents: body.amountCents,
          frequency: 'one_off',
          donor: donorOf(body.donor),
          anonymous: false,
          offline: {
            by: request.staff?.accountId ?? 'unknown',
            method: body.method,
            receivedOn: brusselsDay(body.receivedAt),
            ...(body.reference ? { reference: body.reference } : {}),
            ...(body.collective ? { collective: true } : {}),
          },
        },
        idempotencyKey,
        '',
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(recorded.position);
    return { id: recorded.donationId };
  }

  /**
   * Finance refunds a gift through its provider (whole when no amount is given). 201 with the provider's refund
   * id; `confirmed` false until the provider's webhook confirms it, which is when it leaves the raised amounts.
   */
  @Post('donations/:id/refunds')
  @RequireRole('finance')
  async refund(
    @Param('id') donationId: string,
    @Body() body: RefundDto,
    @IdempotencyKey() idempotencyKey: string | undefined,
    @Req() request: AuthenticatedRequest,
  ) {
    const refund = await this.commands.execute(
      new RequestRefundCommand(
        donationId,
        {
          ...(body.chargeId === undefined ? {} : { chargeId: body.chargeId }),
          ...(body.amountCents === undefined ? {} : { amountCents: body.amountCents }),
        },
        idempotencyKey,
        this.clock().toISOString(),
        { correlationId: String(request.id) },
      ),
    );
    await this.projections.settled(refund.position);
    const { position: _position, ...answer } = refund;
    return answer;
  }

  /**
   * Stops a monthly gift: finance (bearer token) or the donor through the private link of their confirmation
   * (`?token=`). The provider's subscription is cancelled first; later charges are then flagged for finance.
   */
  @Post('donations/:id/cancel-monthly')
  @HttpCode(200)
  async cancelMonthly(
    @Param('id') donationId: string,
    @Query('token') token: string | undefined,
    @Headers('authorization') authorization: string | undefined,
    @Req() request: Request,
  ) {
    const by = await this.canceller(donationId, token, authorization);
    const outcome = await this.commands.execute(
      new CancelMonthlyGiftCommand(donationId, by, this.clock().toISOString(), { correlationId: String(request.id) }),
    );
    await this.projections.settled(outcome.position);
    return { id: donationId, cancelled: true, by };
  }

  private async canceller(donationId: string, token: string | undefined, authorization: string | undefined) {
    if (token !== undefined) {
      if (!this.links.verify('cancel-monthly-gift', donationId, token)) {
        throw new ForbiddenException('this link does not stop this gift; use the link from your confirmation e-mail');
      }
      return 'donor' as const;
    }
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    const staff = bearer ? await this.auth.verify(bearer) : null;
    if (!staff) throw new UnauthorizedException('use the link from your confirmation e-mail, or log in as finance');
    if (!staff.roles.includes('finance')) throw new ForbiddenException('this call needs the role finance');
    return 'finance' as const;
  }

  /** As if the sandbox provider called our webhook: the first payment's outcome. */
  @Post('sandbox/donations/:id/settle')
  @HttpCode(200)
  async settle(@Param('id') donationId: string, @Body() body: SettleDto, @Req() request: Request) {
    this.sandboxOnly();
    const outcome = await this.commands.execute(
      new SettleDonationCommand(sandboxSettlement(donationId, body.outcome, this.clock().toISOString()), {
        correlationId: String(request.id),
      }),
    );
    await this.projections.settled(outcome.position);
    return { id: donationId, status: outcome.state.status };
  }

  /**
   * As if the sandbox provider charged the next month of a monthly donation. An `Idempotency-Key` names the
   * charge, so a retried call records it once.
   */
  @Post('sandbox/donations/:id/charge')
  @HttpCode(200)
  async charge(
    @Param('id') donationId: string,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Req() request: Request,
  ) {
    this.sandboxOnly();
    const charge = await this.commands.execute(
      new RecordSandboxChargeCommand(donationId, idempotencyKey, this.clock().toISOString(), {
        correlationId: String(request.id),
      }),
    );
    await this.projections.settled(charge.position);
    return { id: donationId, status: charge.state.status, chargeId: charge.chargeId };
  }

  private sandboxOnly(): void {
    if (this.config.PAYMENT_PROVIDER !== 'sandbox') throw new NotFoundException('the sandbox is not enabled');
  }
}

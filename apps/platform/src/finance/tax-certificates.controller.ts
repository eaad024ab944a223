import {
  BadRequestException,
  Body,
  ConflictException,
  Controller,
  Get,
  HttpCode,
  Inject,
  NotFoundException,
  Param,
  Post,
  Query,
  Req,
  Res,
  StreamableFile,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { EVENT_STORE, type EventStore } from '@rw/event-store';
import {
  BELCOTAX_XML_YEARS,
  ExecuteTaxCertificatesCommand,
  incomeYearRules,
  splitName,
  TAX_CERTIFICATE_MINIMUM_CENTS,
  TAX_YEAR_MAX,
  TAX_YEAR_MIN,
  type TaxCertificate,
  type TaxCertificateEvent,
  issuedTaxCertificates,
} from '@rw/fundraising';
import { certificateCandidates } from '@rw/read-models';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { belcotaxProblems, belcotaxXml } from './belcotax-xml';
import {
  type Charity,
  type IssuedCertificateLine,
  type TaxCertificateLine,
  taxCertificatePdf,
  taxCertificatesCsv,
  taxCertificatesXlsx,
} from './tax-certificate-files';

const YEAR_MESSAGE = `year must be an income year between ${TAX_YEAR_MIN} and ${TAX_YEAR_MAX}`;

class YearDto {
  @Type(() => Number)
  @Min(TAX_YEAR_MIN, { message: YEAR_MESSAGE })
  @Max(TAX_YEAR_MAX, { message: YEAR_MESSAGE })
  @IsInt({ message: YEAR_MESSAGE })
  year!: number;
}

class ListQueryDto extends YearDto {
  @IsOptional()
  @IsIn(['json', 'csv', 'xlsx', 'belcotax'], { message: 'format must be json, csv, xlsx or belcotax' })
  format?: 'json' | 'csv' | 'xlsx' | 'belcotax';
}

class CertificateParamsDto extends YearDto {
  @Type(() => Number)
  @Min(1, { message: 'number must be a certificate number (1 or more)' })
  @IsInt({ message: 'number must be a certificate number (1 or more)' })
  number!: number;
}

/** Belgian tax certificates (attest 281.71) of an income year, DESIGN.md section 6. Finance only. */
@Controller('api/finance/tax-certificates')
@RequireRole('finance')
export class TaxCertificatesController {
  constructor(
    private readonly config: PlatformConfig,
    private readonly commands: CommandBus,
    private readonly projections: ProjectionService,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /**
   * Issues the year's certificates: new ones for donors not yet certified, a correction (cancel + new number)
   * for a donor whose amount changed. Issuing again with nothing changed adds nothing.
   */
  @Post('issue')
  @HttpCode(200)
  async issue(@Body() body: YearDto, @Req() request: AuthenticatedRequest) {
    const { certifiable } = certificateCandidates(this.projections.db, body.year);
    const outcome = await this.commands.execute(
      new ExecuteTaxCertificatesCommand(
        {
          type: 'IssueTaxCertificates',
          year: body.year,
          donors: certifiable.map(({ donorKey, amountCents, ...donor }) => ({ donorKey, donor, amountCents })),
          at: this.clock().toISOString(),
        },
        { correlationId: String(request.id) },
      ),
    );
    const events = outcome.events as TaxCertificateEvent[];
    return {
      year: body.year,
      issued: events.filter((e) => e.type === 'TaxCertificateIssued').length,
      cancelled: events.filter((e) => e.type === 'TaxCertificateCancelled').length,
      certificates: outcome.state.status === 'issued' ? outcome.state.current.size : 0,
    };
  }

  @Get()
  async list(@Query() query: ListQueryDto, @Res({ passthrough: true }) response: Response) {
    const { year } = query;
    const rules = incomeYearRules(year);
    const lines = await this.lines(year);
    const format = query.format ?? 'json';
    if (format === 'csv') {
      response.set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="281.71-${year}.csv"`,
      });
      return taxCertificatesCsv(year, this.charity(), lines.lines);
    }
    if (format === 'xlsx') {
      response.set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="281.71-${year}.xlsx"`,
      });
      return new StreamableFile(await taxCertificatesXlsx(year, this.charity(), lines.lines));
    }
    if (format === 'belcotax') {
      if (rules.filing.format !== 'belcotax-xml') {
        throw new BadRequestException({
          message: `invalid request: no Belcotax XML file for income year ${year}: ${rules.filing.reason}`,
          errors: [{ field: 'format', problems: [`belcotax is for income years ${BELCOTAX_XML_YEARS.join(' and ')}`] }],
        });
      }
      const now = this.clock();
      // Belcotax takes a year's file once the year is over (creation date after 1 January of the next year)
      if (now.getTime() < Date.parse(`${year + 1}-01-01T00:00:00+01:00`)) {
        throw new ConflictException(
          `the Belcotax file of income year ${year} can be made from 1 January ${year + 1}, once the year is over`,
        );
      }
      // Belcotax declares issued certificates only: previews must be issued first
      const issued = lines.lines.filter((l): l is IssuedCertificateLine => l.number !== undefined);
      if (issued.length === 0) {
        throw new ConflictException(`no issued certificates for ${year}: issue them first, then make the file`);
      }
      const problems = belcotaxProblems(issued);
      if (problems.length > 0) {
        throw new ConflictException({
          message: `the Belcotax file cannot hold ${problems.length} certificate(s): correct the donors' details, then issue again`,
          errors: problems,
        });
      }
      response.set({
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="belcotax-281.71-${year}.xml"`,
      });
      return belcotaxXml(this.charity(), year, issued, now);
    }
    const { lines: certificates, missingNationalNumber, withoutNationalNumber, cancelled } = lines;
    return {
      year,
      minimumCents: TAX_CERTIFICATE_MINIMUM_CENTS,
      nationalNumber: rules.nationalNumber,
      filing: rules.filing,
      totalCents: certificates.reduce((sum, l) => sum + l.amountCents, 0),
      certificates,
      missingNationalNumber,
      withoutNationalNumber,
      cancelled,
    };
  }

  @Get(':year/:number.pdf')
  async pdf(@Param() params: CertificateParamsDto, @Res({ passthrough: true }) response: Response) {
    const { year, number } = params;
    const certificate = (await this.issued(year)).find((c) => c.number === number);
    if (!certificate) throw new NotFoundException(`no tax certificate ${number} for ${year}`);
    if (certificate.cancelled) {
      throw new NotFoundException(
        `tax certificate ${number} of ${year} was cancelled: ${certificate.cancelled.reason}`,
      );
    }
    const pdf = await taxCertificatePdf(
      this.charity(),
      { ...lineOf(certificate, certificate.amountCents), number },
      year,
    );
    response.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="281.71-${year}-${number}.pdf"`,
    });
    return new StreamableFile(pdf);
  }

  private charity(): Charity {
    // CHARITY_ADDRESS is "street number, postal code city" (checked at start-up)
    const [, street, postalCode, city] = /^(.+?),\s*(\d{4})\s+(.+)$/.exec(this.config.CHARITY_ADDRESS) ?? [];
    return {
      name: this.config.CHARITY_NAME,
      street: street ?? this.config.CHARITY_ADDRESS,
      postalCode: postalCode ?? '',
      city: city ?? '',
      companyNumber: this.config.CHARITY_COMPANY_NUMBER,
      contactName: this.config.CHARITY_CONTACT_NAME,
      phone: this.config.CHARITY_PHONE,
      email: this.config.CHARITY_EMAIL,
      signatory: this.config.CHARITY_SIGNATORY,
      certificateArticle: this.config.CHARITY_CERTIFICATE_ARTICLE,
    };
  }

  private issued(year: number): Promise<TaxCertificate[]> {
    return issuedTaxCertificates(this.store, year);
  }

  /** Issued certificates that hold, with their numbers, then previews of those still to issue or correct. */
  private async lines(year: number) {
    const { certifiable, missingNationalNumber, withoutNationalNumber } = certificateCandidates(
      this.projections.db,
      year,
    );
    const all = await this.issued(year);
    const holding = new Map(all.filter((c) => !c.cancelled).map((c) => [c.donorKey, c]));
    const lines: TaxCertificateLine[] = [];
    const previews: TaxCertificateLine[] = [];
    const qualifyingByDonor = new Map(certifiable.map((d) => [d.donorKey, d]));
    for (const certificate of holding.values()) {
      const now = qualifyingByDonor.get(certificate.donorKey)?.amountCents ?? 0;
      lines.push({
        ...lineOf(certificate, now),
        number: certificate.number,
        status: now === certificate.amountCents ? 'issued' : 'to_correct',
        issuedAt: certificate.issuedAt,
      });
    }
    for (const donor of certifiable) {
      if (holding.has(donor.donorKey)) continue;
      const { donorKey, name, email, address, nationalNumber, amountCents } = donor;
      previews.push({
        status: 'to_issue',
        donorKey,
        name,
        ...namesOf(donor),
        email,
        ...(address ? { address } : {}),
        ...(nationalNumber ? { nationalNumber } : {}),
        amountCents,
        qualifyingCents: amountCents,
      });
    }
    lines.sort((a, b) => (a.number ?? 0) - (b.number ?? 0));
    const cancelled = all
      .filter((c) => c.cancelled)
      .map((c) => ({
        number: c.number,
        donorKey: c.donorKey,
        amountCents: c.amountCents,
        reason: c.cancelled?.reason,
      }));
    return { lines: [...lines, ...previews], missingNationalNumber, withoutNationalNumber, cancelled };
  }
}

function lineOf(certificate: TaxCertificate, qualifyingCents: number): TaxCertificateLine {
  const { donor } = certificate;
  return {
    number: certificate.number,
    status: 'issued',
    donorKey: certificate.donorKey,
    name: donor.name,
    ...namesOf(donor),
    email: donor.email,
    ...(donor.address ? { address: donor.address } : {}),
    ...(donor.nationalNumber ? { nationalNumber: donor.nationalNumber } : {}),
    amountCents: certificate.amountCents,
    qualifyingCents,
    issuedAt: certificate.issuedAt,
  };
}

/** Surname and first names as given, or split from the one name of an older gift (marked guessed). */
function namesOf(donor: { name: string; surname?: string; firstNames?: string }) {
  if (donor.surname !== undefined) {
    return { surname: donor.surname, firstNames: donor.firstNames ?? '', nameSplit: 'given' as const };
  }
  return { ...splitName(donor.name), nameSplit: 'guessed' as const };
}

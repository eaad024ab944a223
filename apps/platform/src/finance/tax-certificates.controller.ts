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
import { incomeYearRules, TAX_CERTIFICATE_MINIMUM_CENTS, TAX_YEAR_MAX, TAX_YEAR_MIN } from '@rw/fundraising';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Response } from 'express';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { PlatformConfig } from '../config/config';
import { ProjectionService } from '../infrastructure/projection.service';
import { CLOCK, type Clock } from '../infrastructure/tokens';
import { taxCertificatePdf, taxCertificatesCsv, taxCertificatesXlsx } from './tax-certificate-files';
import {
  BELCOTAX_XML_YEARS,
  type BelcotaxFile,
  belcotaxFile,
  certificateLine,
  certificateLines,
  charityOf,
  issueCertificates,
  issuedCertificates,
} from './tax-certificate-lines';

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
    return issueCertificates(this.commands, this.projections.db, body.year, this.clock().toISOString(), {
      correlationId: String(request.id),
    });
  }

  @Get()
  async list(@Query() query: ListQueryDto, @Res({ passthrough: true }) response: Response) {
    const { year } = query;
    const rules = incomeYearRules(year);
    const lines = await certificateLines(this.projections.db, this.store, year);
    const format = query.format ?? 'json';
    if (format === 'csv') {
      response.set({
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': `attachment; filename="281.71-${year}.csv"`,
      });
      return taxCertificatesCsv(year, charityOf(this.config), lines.lines);
    }
    if (format === 'xlsx') {
      response.set({
        'Content-Type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        'Content-Disposition': `attachment; filename="281.71-${year}.xlsx"`,
      });
      return new StreamableFile(await taxCertificatesXlsx(year, charityOf(this.config), lines.lines));
    }
    if (format === 'belcotax') {
      const file = belcotaxFile(charityOf(this.config), year, lines.lines, this.clock());
      if (!file.ok) throw belcotaxRefusal(file, year);
      response.set({
        'Content-Type': 'application/xml; charset=utf-8',
        'Content-Disposition': `attachment; filename="belcotax-281.71-${year}.xml"`,
      });
      return file.xml;
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
    const certificate = (await issuedCertificates(this.store, year)).find((c) => c.number === number);
    if (!certificate) throw new NotFoundException(`no tax certificate ${number} for ${year}`);
    if (certificate.cancelled) {
      throw new NotFoundException(
        `tax certificate ${number} of ${year} was cancelled: ${certificate.cancelled.reason}`,
      );
    }
    const pdf = await taxCertificatePdf(
      charityOf(this.config),
      { ...certificateLine(certificate, certificate.amountCents), number },
      year,
    );
    response.set({
      'Content-Type': 'application/pdf',
      'Content-Disposition': `inline; filename="281.71-${year}-${number}.pdf"`,
    });
    return new StreamableFile(pdf);
  }
}

/** Why the Belcotax file cannot be made, as the API has always said it. */
function belcotaxRefusal(file: Exclude<BelcotaxFile, { ok: true }>, year: number) {
  switch (file.reason) {
    case 'not_an_xml_year':
      return new BadRequestException({
        message: `invalid request: no Belcotax XML file for income year ${year}: ${file.explanation}`,
        errors: [{ field: 'format', problems: [`belcotax is for income years ${BELCOTAX_XML_YEARS.join(' and ')}`] }],
      });
    case 'year_not_over':
      return new ConflictException(
        `the Belcotax file of income year ${year} can be made from 1 January ${year + 1}, once the year is over`,
      );
    case 'none_issued':
      return new ConflictException(`no issued certificates for ${year}: issue them first, then make the file`);
    case 'details_to_correct':
      return new ConflictException({
        message: `the Belcotax file cannot hold ${file.problems.length} certificate(s): correct the donors' details, then issue again`,
        errors: file.problems,
      });
  }
}

import { Body, Controller, Get, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { MaxLength } from 'class-validator';
import type { Response } from 'express';
import { IsEmailAddress } from '@rw/kernel';
import { type AuthenticatedRequest, RequireRole } from '../accounts/auth';
import { DonorRecords } from './donor-records';

class DonorEmailDto {
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  @IsEmailAddress({ message: 'email must be an e-mail address' })
  email!: string;
}

/**
 * GDPR requests of people who gave, pledged or walked, handled by finance: erasure (art. 17) and right of access
 * (art. 15). A person is found by their e-mail address, whatever their roles: one key seals all of them.
 */
@Controller('api/donors')
export class DonorsController {
  constructor(private readonly records: DonorRecords) {}

  /** Asked again after it is done: 404, as for an address never seen. */
  @Post('erase')
  @HttpCode(200)
  @RequireRole('finance')
  async erase(@Body() body: DonorEmailDto, @Req() request: AuthenticatedRequest) {
    return this.records.erase(body.email, request.staff?.accountId ?? 'unknown', String(request.id));
  }

  /** Everything held about one donor, as a JSON file: their details, gifts with their history, pledges. */
  @Get('access')
  @RequireRole('finance')
  async access(@Query() query: DonorEmailDto, @Res({ passthrough: true }) response: Response) {
    const records = await this.records.access(query.email);
    response.setHeader('Content-Disposition', `attachment; filename="donor-${records.donorId}.json"`);
    return records;
  }
}

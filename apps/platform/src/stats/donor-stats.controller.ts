import { Controller, Get, Query } from '@nestjs/common';
import { donorStatistics } from '@rw/read-models';
import { Type } from 'class-transformer';
import { IsInt, Max, Min } from 'class-validator';
import { RequireRole } from '../accounts/auth';
import { ProjectionService } from '../infrastructure/projection.service';

class DonorStatsQueryDto {
  @Type(() => Number)
  @IsInt({ message: 'year must be a whole year such as 2026' })
  @Min(2000, { message: 'year must be between 2000 and 2100' })
  @Max(2100, { message: 'year must be between 2000 and 2100' })
  year!: number;
}

/** DESIGN.md "donor statistics" of a calendar year (Brussels days), from the ledger. */
@Controller('api/stats')
export class DonorStatsController {
  constructor(private readonly projections: ProjectionService) {}

  @Get('donors')
  @RequireRole('organiser', 'finance')
  donors(@Query() query: DonorStatsQueryDto) {
    return donorStatistics(this.projections.db, query.year);
  }
}

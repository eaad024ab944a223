import { Controller, Get, Inject } from '@nestjs/common';
import { financeFlags, ReadModelDatabase } from '@rw/read-models';
import { RequireRole } from '../accounts/auth';

/**
 * What a provider reported that could not be applied to a gift: a payment said failed after it was paid, a
 * charge-back larger than what is left, a refund of a gift recorded failed. Nothing was counted or undone for
 * these; finance checks each one at the provider.
 */
@Controller('api/finance')
export class FinanceFlagsController {
  constructor(@Inject(ReadModelDatabase) private readonly readModels: ReadModelDatabase) {}

  @Get('flags')
  @RequireRole('finance')
  flags() {
    return { flags: financeFlags(this.readModels.db) };
  }
}

import { Module } from '@nestjs/common';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { DonorsModule } from '../donors/donors.module';
import { FinanceDeskController } from './desk/finance-desk.controller';
import { LedgerExportController } from './export.controller';
import { FinanceFlagsController } from './flags.controller';
import { TaxCertificatesController } from './tax-certificates.controller';

/**
 * Finance: tax certificates, the ledger export, flags to look into, reconciliation with the provider, and the
 * finance desk's pages over the same use cases.
 */
@Module({
  imports: [DonorsModule],
  controllers: [TaxCertificatesController, LedgerExportController, FinanceFlagsController, FinanceDeskController],
  providers: [Reconciliation],
})
export class FinanceModule {}

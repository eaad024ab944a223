import { Module } from '@nestjs/common';
import { Reconciliation } from '@rw/runtime/payments/reconciliation';
import { LedgerExportController } from './export.controller';
import { FinanceFlagsController } from './flags.controller';
import { TaxCertificatesController } from './tax-certificates.controller';

/** Finance: tax certificates, the ledger export, flags to look into, reconciliation with the provider. */
@Module({
  controllers: [TaxCertificatesController, LedgerExportController, FinanceFlagsController],
  providers: [Reconciliation],
})
export class FinanceModule {}

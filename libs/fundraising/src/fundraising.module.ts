import { Module } from '@nestjs/common';
import { AccountCommandHandler } from './account/handlers';
import {
  AssignBankLineHandler,
  BankLineCommandHandler,
  ImportBankStatementHandler,
  RequestTransferGiftHandler,
} from './bank-transfer';
import { CreateDonationHandler, DonationCommandHandler, SettleDonationHandler } from './donation/handlers';
import { ApplyPaymentFactsHandler } from './donation/payment-facts';
import { CancelMonthlyGiftHandler } from './donation/cancel-monthly';
import { RequestRefundHandler } from './donation/refunds';
import { RecordSandboxChargeHandler } from './donation/sandbox-charge';
import { EraseDonorHandler } from './donor/personal-data';
import { EditionCommandHandler } from './edition/handlers';
import { ImportGiftsHandler } from './gift-import';
import { MakePledgeHandler, PledgeCommandHandler } from './pledge/handlers';
import { JoinTeamHandler, RegisterTeamHandler } from './registration/handlers';
import { SettleSandboxRegistrationFeeHandler } from './registration/sandbox-fee';
import { TaxCertificatesCommandHandler } from './tax-certificate/handlers';
import { WalkerCommandHandler } from './walker/handlers';
import { ChangeWalkerPageHandler } from './walker/page-edit';

/**
 * The fundraising use cases as command handlers, registered on the command bus by importing this module. They
 * need the event store (`EVENT_STORE`) and, for checkouts and refunds, the payment provider (`PAYMENT_PROVIDER`)
 * from the application.
 */
@Module({
  providers: [
    AccountCommandHandler,
    EditionCommandHandler,
    RegisterTeamHandler,
    JoinTeamHandler,
    SettleSandboxRegistrationFeeHandler,
    WalkerCommandHandler,
    ChangeWalkerPageHandler,
    CreateDonationHandler,
    DonationCommandHandler,
    SettleDonationHandler,
    ApplyPaymentFactsHandler,
    RequestRefundHandler,
    CancelMonthlyGiftHandler,
    RecordSandboxChargeHandler,
    MakePledgeHandler,
    PledgeCommandHandler,
    TaxCertificatesCommandHandler,
    EraseDonorHandler,
    RequestTransferGiftHandler,
    ImportBankStatementHandler,
    BankLineCommandHandler,
    AssignBankLineHandler,
    ImportGiftsHandler,
  ],
})
export class FundraisingModule {}

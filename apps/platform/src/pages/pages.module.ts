import { Module } from '@nestjs/common';
import { AssetsController } from './assets';
import { ShareCardsController } from './cards/share-cards.controller';
import { FeePaymentController } from './fee-payment.controller';
import { GiftLinksController } from './gift-links.controller';
import { GiveController } from './give.controller';
import { PagesController } from './pages.controller';
import { RegistrationController } from './registration.controller';
import { WalkerEditController } from './walker-edit.controller';

/** The public pages: edition and team pages, giving, registering, a walker's and a donor's private links, the pages' share cards. */
@Module({
  controllers: [
    AssetsController,
    PagesController,
    GiveController,
    RegistrationController,
    WalkerEditController,
    GiftLinksController,
    FeePaymentController,
    ShareCardsController,
  ],
})
export class PagesModule {}

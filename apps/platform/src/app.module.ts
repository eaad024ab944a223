import { type DynamicModule, Module } from '@nestjs/common';
import { FundraisingModule } from '@rw/fundraising';
import { AccountsModule } from './accounts/accounts.module';
import { DeskModule } from './desk/desk.module';
import { DonationsModule } from './donations/donations.module';
import { DonorsModule } from './donors/donors.module';
import { EditionsModule } from './editions/editions.module';
import { FinanceModule } from './finance/finance.module';
import { FundraisersModule } from './fundraisers/fundraisers.module';
import { HealthModule } from './health/health.module';
import { ImportsModule } from './imports/imports.module';
import { CoreModule, type PlatformOptions } from './infrastructure/core.module';
import { PlatformLifecycle } from './infrastructure/platform-lifecycle';
import { LiveModule } from './live/live.module';
import { MailModule } from './mail/mail.module';
import { PagesModule } from './pages/pages.module';
import { PledgesModule } from './pledges/pledges.module';
import { ReactorsModule } from '@rw/runtime/reactors/reactors.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { ScreenModule } from './screen/screen.module';
import { WebhooksModule } from './webhooks/webhooks.module';

export type { PlatformOptions } from './infrastructure/core.module';

/**
 * The whole platform: the shared core, the fundraising use cases (registered by their library) and one module per
 * capability. A new capability is a folder with its module, imported here.
 */
@Module({})
export class AppModule {
  static forRoot(options: PlatformOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(options),
        AccountsModule,
        FundraisingModule,
        ReactorsModule,
        MailModule,
        HealthModule,
        EditionsModule,
        FundraisersModule,
        DonationsModule,
        PledgesModule,
        SandboxModule,
        WebhooksModule,
        FinanceModule,
        ImportsModule,
        DonorsModule,
        PagesModule,
        LiveModule,
        ScreenModule,
        DeskModule,
      ],
      // opening and closing in order: the lock, the stores, the read models catching up, the first administrator
      providers: [PlatformLifecycle],
    };
  }
}

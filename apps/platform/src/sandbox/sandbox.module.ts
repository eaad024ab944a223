import { Module } from '@nestjs/common';
import { RegistrationFees, SandboxRegistrationFeesController } from './registration-fees';
import { SandboxPagesController } from './sandbox-pages.controller';

/** The sandbox payment provider's own checkout pages and calls. */
@Module({
  controllers: [SandboxPagesController, SandboxRegistrationFeesController],
  providers: [RegistrationFees],
})
export class SandboxModule {}

import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PlatformConfig } from '../config/config';
import { CsrfGuard, CsrfTokens } from '../pages/csrf';
import { AccountsController } from './accounts.controller';
import { AuthService, StaffGuard } from './auth';
import { LoginLimits } from './login-limits';
import { Passwords } from './passwords';
import { PrivateLinks } from './private-links';
import { tokenSecret } from './token-secret';

/**
 * Staff accounts and the platform's signatures: logins and their tokens, the role guard on every route, private
 * links and CSRF tokens. Global: every capability's routes are guarded and many sign links.
 */
@Global()
@Module({
  imports: [
    JwtModule.registerAsync({
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => ({
        secret: tokenSecret(config),
        signOptions: { expiresIn: config.AUTH_TOKEN_TTL_MINUTES * 60, issuer: 'refugee-walk' },
        verifyOptions: { issuer: 'refugee-walk' },
      }),
    }),
  ],
  controllers: [AccountsController],
  providers: [
    AuthService,
    { provide: Passwords, useValue: new Passwords() },
    {
      provide: LoginLimits,
      inject: [PlatformConfig],
      useFactory: (config: PlatformConfig) => new LoginLimits(config.LOGIN_ATTEMPTS_PER_15_MINUTES),
    },
    PrivateLinks,
    CsrfTokens,
    CsrfGuard,
    { provide: APP_GUARD, useClass: StaffGuard },
  ],
  exports: [AuthService, Passwords, PrivateLinks, CsrfTokens, CsrfGuard],
})
export class AccountsModule {}

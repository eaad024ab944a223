import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';

/** Login attempts per client: slows a brute-force attempt down (LOGIN_ATTEMPTS_PER_15_MINUTES). */
export const LoginRateLimit = () =>
  applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ public: true, webhook: true }));

/** Public writes (registrations, gifts, pledges) per client (PUBLIC_POSTS_PER_MINUTE). */
export const PublicPostRateLimit = () =>
  applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ login: true, webhook: true }));

/** Payment providers' webhook deliveries per client (WEBHOOK_POSTS_PER_MINUTE). */
export const WebhookRateLimit = () =>
  applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ login: true, public: true }));

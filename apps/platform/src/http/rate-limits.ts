import { applyDecorators, UseGuards } from '@nestjs/common';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';

// logins have their own limits, per account and per client, for the API and the desk alike: accounts/login-limits.ts

/** Public writes (registrations, gifts, pledges) per client (PUBLIC_POSTS_PER_MINUTE). */
export const PublicPostRateLimit = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ webhook: true }));

/** Payment providers' webhook deliveries per client (WEBHOOK_POSTS_PER_MINUTE). */
export const WebhookRateLimit = () => applyDecorators(UseGuards(ThrottlerGuard), SkipThrottle({ public: true }));

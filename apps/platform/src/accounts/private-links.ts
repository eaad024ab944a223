import { createHmac, timingSafeEqual } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { PlatformConfig } from '../config/config';
import { tokenSecret } from './token-secret';

/** `anonymous-gift`: not a link but the opaque id a screen shows an anonymous gift under (no one can derive it). */
export type PrivateLinkPurpose = 'cancel-monthly-gift' | 'edit-walker' | 'desk-notice' | 'anonymous-gift';

/**
 * Tokens for links sent by e-mail that act without a password (a donor stops a monthly gift, a walker edits their
 * page): an HMAC of the purpose and the id, with the platform's token secret. Nothing is stored; a token for one
 * purpose or id opens nothing else.
 */
@Injectable()
export class PrivateLinks {
  private readonly secret: string;

  constructor(config: PlatformConfig) {
    this.secret = tokenSecret(config);
  }

  token(purpose: PrivateLinkPurpose, id: string): string {
    return createHmac('sha256', this.secret).update(`${purpose}\u0000${id}`).digest('base64url');
  }

  verify(purpose: PrivateLinkPurpose, id: string, token: string | undefined): boolean {
    if (!token) return false;
    const expected = Buffer.from(this.token(purpose, id));
    const given = Buffer.from(token);
    return given.length === expected.length && timingSafeEqual(given, expected);
  }
}

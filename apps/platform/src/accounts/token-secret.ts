import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { PlatformConfig } from '../config/config';

/**
 * The key that signs staff tokens: AUTH_TOKEN_SECRET when set (required when several instances share an
 * EventStoreDB), otherwise a random key kept in DATA_DIR so tokens survive a restart.
 */
export function tokenSecret(config: PlatformConfig): string {
  if (config.AUTH_TOKEN_SECRET) return config.AUTH_TOKEN_SECRET;
  const file = join(config.DATA_DIR, 'auth-token-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(config.DATA_DIR, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  writeFileSync(file, `${secret}\n`, { mode: 0o600, flag: 'wx' });
  return secret;
}

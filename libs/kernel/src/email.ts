import { isEmail } from 'class-validator';

/** The longest address SMTP carries (RFC 5321 path limit). */
export const EMAIL_MAX_LENGTH = 254;

/** In a `u` regular expression a surrogate pair is one code point: only a lone surrogate matches. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * An e-mail address, the one rule for deciders, DTOs, page and desk forms and imports. class-validator's isEmail
 * throws URIError on text that is not well-formed Unicode (a lone surrogate such as "\ud800@example.org"); such
 * text is simply not an address.
 */
export function isEmailAddress(value: unknown): value is string {
  return typeof value === 'string' && value.length <= EMAIL_MAX_LENGTH && !LONE_SURROGATE.test(value) && isEmail(value);
}

/** People are identified by their address: stored and compared trimmed and in lower case. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
